import { beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { handleMessage } from '@/utils/browser/actions';
import { closeLeftGrants, saveSettingsInOrder } from '@/utils/browser/converge-first';
import { clearHistory } from '@/utils/browser/history-store';
import { decideFor, reconcile } from '@/utils/browser/reconcile';
import { loadRuntime, loadSettings, saveRuntime, saveSettings } from '@/utils/browser/storage';
import { TIGHTEN_AHEAD_MS } from '@/utils/decide';
import type { Runtime } from '@/utils/runtime/runtime';
import { defaultSettings, type Settings } from '@/utils/settings/schema';
import { systemTimeZone } from '@/utils/time/temporal';
import { installDyingBrowser } from '../support/dying-browser';
import { installFakeDnr, outcome } from '../support/fake-dnr';
import { installExtensionStubs } from '../support/fake-extension';
import { installBrowserRecords } from '../support/recording-browser';
import { MINUTE, wall } from '../support/time';

// Issue 15: a background can die between any two awaits. For each action
// that changes what is blocked, the worker here dies after its 1st write,
// then after its 2nd, … up to its last; each time, what it left behind must
// never be a recorded state whose rules are missing (or still there), and
// the next worker's first reconcile must bring storage and rules together
// as one of the two consistent states: the action done, or not done.

const dnr = installFakeDnr();
installExtensionStubs();
installBrowserRecords();
const dying = installDyingBrowser();

// Default settings (nothing stored): weekdays 18:00-20:30. 2025-06-02 is a Monday.
const zone = systemTimeZone();
const at = (t: string) => wall(zone, t);
const MONDAY_1700 = at('2025-06-02T17:00');
const MONDAY_1800 = at('2025-06-02T18:00');
const MONDAY_1900 = at('2025-06-02T19:00');
const MONDAY_2030 = at('2025-06-02T20:30');

const MAIL = 'https://mail.google.com/mail/u/0/#inbox';
const WIKI = 'https://en.wikipedia.org/wiki/Hearth';

type Verdict = 'blocked' | 'open';

/** What a navigation to `url` meets in the browser right now. */
function inBrowser(url: string): Verdict {
  return outcome(dnr.installed(), url).action === 'redirect' ? 'blocked' : 'open';
}

/** What storage says a navigation to `url` should meet at `now` (the same decide reconcile uses). */
async function inStorage(url: string, now: number): Promise<Verdict> {
  const [{ settings }, runtime] = await Promise.all([loadSettings(), loadRuntime()]);
  const rules = decideFor(settings, runtime, now).rules.map((r, i) => ({ id: i + 1, ...r }));
  return outcome(rules, url).action === 'redirect' ? 'blocked' : 'open';
}

interface Scenario {
  name: string;
  /** The state before the action, converged by a live worker. */
  arrange(): Promise<void>;
  act(): Promise<unknown>;
  /** When the action runs; the next worker starts a second later. */
  now: number;
  url: string;
  /** What `url` meets when the action is not done, and when it is. */
  before: Verdict;
  after: Verdict;
  /** Whether storage records the action as done. */
  done(runtime: Runtime, settings: Settings): boolean;
}

const grantFor = (start: number, minutes: number, seen = false) => ({
  id: 'g1',
  pattern: 'mail.google.com',
  start,
  end: start + minutes * MINUTE,
  seen,
});

const scenarios: Scenario[] = [
  {
    name: 'pressing "Start family time" outside any window',
    arrange: () => reconcile(() => MONDAY_1700).then(() => undefined),
    act: () => handleMessage({ type: 'startFamilyTime' }, MONDAY_1700),
    now: MONDAY_1700,
    url: MAIL,
    before: 'open',
    after: 'blocked',
    done: (runtime) => runtime.session !== null,
  },
  {
    name: 'pressing "Start family time" again after ending it early',
    async arrange() {
      await reconcile(() => MONDAY_1900);
      await handleMessage({ type: 'endFamilyTime', reason: '' }, MONDAY_1900);
    },
    act: () => handleMessage({ type: 'startFamilyTime' }, MONDAY_1900 + 10 * MINUTE),
    now: MONDAY_1900 + 10 * MINUTE,
    url: MAIL,
    before: 'open',
    after: 'blocked',
    done: (runtime) => runtime.pause === null,
  },
  {
    name: 'ending family time early',
    arrange: () => reconcile(() => MONDAY_1900).then(() => undefined),
    act: () => handleMessage({ type: 'endFamilyTime', reason: 'bedtime came early' }, MONDAY_1900),
    now: MONDAY_1900,
    url: MAIL,
    before: 'blocked',
    after: 'open',
    done: (runtime) => runtime.pause !== null,
  },
  {
    name: 'stepping past the reminder',
    // The form was opened a minute ago: the background counts the calm wait from then.
    arrange: async () => {
      await reconcile(() => MONDAY_1900);
      await handleMessage({ type: 'openFriction', purpose: 'step-past' }, MONDAY_1900 - 60_000);
    },
    act: () =>
      handleMessage(
        {
          type: 'stepPast',
          url: MAIL,
          reason: 'the school wrote about tomorrow',
          minutes: 10,
        },
        MONDAY_1900,
      ),
    now: MONDAY_1900,
    url: MAIL,
    before: 'blocked',
    after: 'open',
    done: (runtime) => runtime.grants.length > 0,
  },
  {
    name: 'a step-past closing because the parent left the site',
    async arrange() {
      await saveRuntime({
        session: null,
        pause: null,
        grants: [grantFor(MONDAY_1900 - MINUTE, 10, true)],
      });
      await reconcile(() => MONDAY_1900);
    },
    act: () => closeLeftGrants(MONDAY_1900),
    now: MONDAY_1900,
    url: MAIL,
    before: 'open',
    after: 'blocked',
    done: (runtime) => runtime.grants[0]?.closed === 'left',
  },
  {
    name: 'a step-past running out (the alarm ahead of its end)',
    async arrange() {
      await saveRuntime({ session: null, pause: null, grants: [grantFor(MONDAY_1900, 10)] });
      await reconcile(() => MONDAY_1900);
    },
    act: () => reconcile(() => MONDAY_1900 + 10 * MINUTE - TIGHTEN_AHEAD_MS),
    now: MONDAY_1900 + 10 * MINUTE - TIGHTEN_AHEAD_MS,
    url: MAIL,
    before: 'open',
    after: 'blocked',
    // The clock is the record: from here on storage says blocked.
    done: () => true,
  },
  {
    name: 'the start edge (the alarm ahead of it)',
    arrange: () => reconcile(() => MONDAY_1800 - MINUTE).then(() => undefined),
    act: () => reconcile(() => MONDAY_1800 - TIGHTEN_AHEAD_MS),
    now: MONDAY_1800 - TIGHTEN_AHEAD_MS,
    url: MAIL,
    before: 'open',
    after: 'blocked',
    done: () => true,
  },
  {
    name: 'the start edge itself (badge, history, open tabs)',
    async arrange() {
      await browser.tabs.create({ url: MAIL });
      await reconcile(() => MONDAY_1800 - TIGHTEN_AHEAD_MS);
    },
    act: () => reconcile(() => MONDAY_1800),
    now: MONDAY_1800,
    url: MAIL,
    before: 'blocked',
    after: 'blocked',
    done: () => true,
  },
  {
    name: 'the end edge',
    arrange: () => reconcile(() => MONDAY_2030 - MINUTE).then(() => undefined),
    act: () => reconcile(() => MONDAY_2030),
    now: MONDAY_2030,
    url: MAIL,
    before: 'blocked',
    after: 'open',
    done: () => true,
  },
  {
    name: 'a new site added during family time',
    arrange: () => reconcile(() => MONDAY_1900).then(() => undefined),
    async act() {
      const { settings } = await loadSettings();
      const site = {
        id: 'wiki',
        pattern: 'en.wikipedia.org',
        list: 'block' as const,
        updatedAt: 1,
      };
      await saveSettingsInOrder(
        { ...settings, sites: [...settings.sites, site] },
        { now: MONDAY_1900 },
      );
      // What the background does when the stored settings change.
      await reconcile(() => MONDAY_1900);
    },
    now: MONDAY_1900,
    url: WIKI,
    before: 'open',
    after: 'blocked',
    done: (_runtime, settings) => settings.sites.some((s) => s.pattern === 'en.wikipedia.org'),
  },
  {
    name: 'a blocked site taken off during family time',
    async arrange() {
      const settings = defaultSettings();
      settings.sites = [{ id: 'wiki', pattern: 'en.wikipedia.org', list: 'block', updatedAt: 1 }];
      await saveSettings(settings);
      await reconcile(() => MONDAY_1900);
    },
    async act() {
      const { settings } = await loadSettings();
      await saveSettingsInOrder({ ...settings, sites: [] }, { now: MONDAY_1900 });
      await reconcile(() => MONDAY_1900);
    },
    now: MONDAY_1900,
    url: WIKI,
    before: 'blocked',
    after: 'open',
    done: (_runtime, settings) => settings.sites.length === 0,
  },
];

async function fresh(scenario: Scenario): Promise<void> {
  dying.revive();
  await browser.storage.local.clear();
  dnr.resetState();
  await browser.alarms.clearAll();
  await clearHistory();
  await scenario.arrange();
}

/** How many browser writes the action makes when nothing dies. */
async function writesOf(scenario: Scenario): Promise<string[]> {
  await fresh(scenario);
  dying.count();
  await scenario.act();
  const writes = [...dying.writes];
  dying.revive();
  return writes;
}

beforeEach(() => {
  dying.revive();
  // A dead worker's queued reconciles say so on the console; that is expected here.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

describe('a worker that dies after any write leaves nothing half-done', () => {
  test.each(scenarios)('$name', async (scenario) => {
    const writes = await writesOf(scenario);
    expect(writes.length, 'the action writes something').toBeGreaterThan(0);
    // Undisturbed, the action is done and the browser shows it.
    expect(inBrowser(scenario.url)).toBe(scenario.after);
    const outcomes = new Set<string>();

    for (let n = 1; n <= writes.length; n += 1) {
      const where = `${scenario.name}: died after write ${n} of ${writes.length} (${writes[n - 1]})`;
      await fresh(scenario);
      expect(inBrowser(scenario.url), `${where}, before`).toBe(scenario.before);
      dying.dieAfter(n);
      await scenario.act().catch(() => undefined);
      dying.revive();

      // Before any new worker runs: storage that blocks always has its rules.
      if ((await inStorage(scenario.url, scenario.now)) === 'blocked') {
        expect(inBrowser(scenario.url), `${where}: recorded blocking, rules missing`).toBe(
          'blocked',
        );
      }

      // The next worker reconciles first: storage and rules agree, on one of the two states.
      const later = scenario.now + 1000;
      await reconcile(() => later);
      const [{ settings }, runtime] = await Promise.all([loadSettings(), loadRuntime()]);
      const done = scenario.done(runtime, settings);
      expect(inBrowser(scenario.url), `${where}: after the next reconcile`).toBe(
        done ? scenario.after : scenario.before,
      );
      expect(inBrowser(scenario.url)).toBe(await inStorage(scenario.url, later));
      outcomes.add(done ? 'done' : 'not done');
    }
    expect(outcomes.size).toBeGreaterThan(0);
  });
});
