import fc from 'fast-check';
import { beforeEach, describe, expect, test } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '@/utils/browser/actions';
import { reconcile } from '@/utils/browser/reconcile';
import { readStatusSource, statusOf, watchStatusSource, withChange } from '@/utils/browser/status';
import { KEYS } from '@/utils/browser/storage';
import { decide } from '@/utils/decide';
import type { Status } from '@/utils/messages';
import { readRuntime } from '@/utils/runtime/runtime';
import { readSaved } from '@/utils/runtime/saved';
import { stepPastsLeft } from '@/utils/runtime/step-past';
import { notesFor } from '@/utils/settings/notes';
import { settingsFromStored } from '@/utils/settings/read';
import { defaultSettings, type Settings } from '@/utils/settings/schema';
import { nextStatusChange, statusFrom } from '@/utils/status';
import { systemTimeZone } from '@/utils/time/temporal';
import { installFakeDnr } from './support/fake-dnr';
import { installExtensionStubs } from './support/fake-extension';
import { EVERY_DAY, WEEKDAYS, weekly } from './support/settings';
import { MINUTE, wall } from './support/time';

installFakeDnr();
const stubs = installExtensionStubs();
const zone = systemTimeZone();
const REMINDER = browser.runtime.getURL('/blocked.html');
const LIMITS = { maxRules: 5000, maxRegexRules: 1000 };
const MONDAY_1700 = wall(zone, '2025-06-02T17:00');
/** No window on Saturdays by default: a manual session stands on its own. */
const SATURDAY_1500 = wall(zone, '2025-06-07T15:00');

/** fakeBrowser has no permissions events: a small one that fires like the real one. */
function permissionEvent() {
  const listeners = new Set<() => void>();
  return {
    addListener: (l: () => void) => void listeners.add(l),
    removeListener: (l: () => void) => void listeners.delete(l),
    fire: () => {
      for (const l of listeners) l();
    },
  };
}
const permissionsRemoved = permissionEvent();

beforeEach(() => {
  fakeBrowser.reset();
  stubs.hostAccess = true;
  Object.assign(fakeBrowser.permissions, {
    onAdded: permissionEvent(),
    onRemoved: permissionsRemoved,
  });
});

const HOUR = 60 * MINUTE;
const nowArb = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) });
const clock = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Settings as a parent leaves them: windows, sites, notes, gentleness; sometimes nothing stored. */
const settingsArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  {
    weight: 6,
    arbitrary: fc
      .record({
        windows: fc.array(
          fc.record({
            days: fc.oneof(
              fc.constant(WEEKDAYS),
              fc.constant(EVERY_DAY),
              fc.constant<number[]>([6, 7]),
            ),
            start: fc.integer({ min: 0, max: 1439 }),
            length: fc.integer({ min: 1, max: 1440 }),
          }),
          { maxLength: 3 },
        ),
        sites: fc.array(
          fc.record({
            pattern: fc.constantFrom(
              'slack.com',
              'mail.google.com',
              'docs.google.com/d',
              'slack',
              'not a site',
            ),
            list: fc.constantFrom('block' as const, 'allow' as const),
          }),
          { maxLength: 4 },
        ),
        notes: fc.array(
          fc.record({
            kind: fc.constantFrom('tonight' as const, 'standing' as const),
            dayOffset: fc.integer({ min: -1, max: 1 }),
          }),
          { maxLength: 3 },
        ),
        budget: fc.integer({ min: 0, max: 5 }),
        chat: fc.boolean(),
        presetsOff: fc.boolean(),
      })
      .map(
        (c): Settings => ({
          ...defaultSettings(),
          windows: c.windows.map((w) => weekly(w.days, clock(w.start), w.length)),
          sites: c.sites.map((s, i) => ({ id: `s${i}`, ...s, updatedAt: 0 })),
          notes: c.notes.map((n, i) => ({
            id: `n${i}`,
            text: `note ${i}`,
            kind: n.kind,
            date:
              n.kind === 'tonight'
                ? Temporal.Now.plainDateISO(zone).add({ days: n.dayOffset }).toString()
                : null,
            child: '',
            createdAt: 0,
            updatedAt: 0,
          })),
          gentleness: { ...defaultSettings().gentleness, budgetPerEvening: c.budget },
          presets: c.presetsOff
            ? (Object.fromEntries(
                Object.keys(defaultSettings().presets).map((id) => [id, false]),
              ) as Settings['presets'])
            : { ...defaultSettings().presets, chat: c.chat },
        }),
      ),
  },
);

/** A manual session, a pause and grants around `now`, as the background writes them. */
const runtimeArb = (now: number) =>
  fc.oneof(
    fc.constant(undefined),
    fc
      .record({
        session: fc.option(fc.integer({ min: -3, max: 1 })),
        pause: fc.option(fc.integer({ min: -3, max: 1 })),
        grants: fc.array(fc.integer({ min: -90, max: 30 }), { maxLength: 3 }),
      })
      .map((r) => ({
        session:
          r.session === null
            ? null
            : { start: now + r.session * HOUR, end: now + (r.session + 2) * HOUR },
        pause:
          r.pause === null
            ? null
            : { start: now + r.pause * HOUR, end: now + (r.pause + 1) * HOUR },
        grants: r.grants.map((offset, i) => ({
          id: `g${i}`,
          pattern: 'slack.com',
          start: now + offset * MINUTE,
          end: now + (offset + 10) * MINUTE,
          seen: false,
        })),
      })),
  );

const savedArb = fc.array(
  fc.record({
    id: fc.uuid(),
    url: fc.constantFrom('https://slack.com/x', 'https://mail.google.com/', 'not a url'),
    savedAt: fc.integer({ min: 0, max: 1e12 }),
  }),
  { maxLength: 3 },
);

/** The status the background answered with before pages computed their own (the old currentStatus). */
function oracle(stored: Record<string, unknown>, now: number, hostAccess: boolean): Status {
  const { settings, problems } = settingsFromStored(stored.settings);
  const runtime = readRuntime(stored.runtime);
  const desired = decide({
    settings,
    runtime,
    now,
    timeZone: zone,
    limits: LIMITS,
    reminderUrl: REMINDER,
  });
  const s = desired.schedule;
  return {
    active: s.active,
    blocking: desired.blocking,
    since: s.since,
    until: s.until,
    nextStart: s.nextStart,
    nextEnd: s.nextEnd,
    source: s.source,
    label: s.label,
    timeZone: zone,
    hostAccess,
    problems: [...problems.map((code) => ({ code })), ...desired.problems],
    notes: notesFor(settings.notes, s, now, zone),
    saved: readSaved(stored.saved),
    gentleness: settings.gentleness,
    stepPastsLeft: stepPastsLeft(settings.gentleness, runtime.grants, s),
  };
}

describe('the page-side status is the background’s', () => {
  test('for random settings, runtimes and saved pages', async () => {
    const problemsSeen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        nowArb.chain((now) =>
          fc.record({
            now: fc.constant(now),
            settings: settingsArb,
            runtime: runtimeArb(now),
            saved: savedArb,
            hostAccess: fc.boolean(),
          }),
        ),
        async (c) => {
          fakeBrowser.reset();
          stubs.hostAccess = c.hostAccess;
          const stored = {
            [KEYS.settings]: c.settings,
            [KEYS.runtime]: c.runtime,
            [KEYS.saved]: c.saved,
          };
          await browser.storage.local.clear();
          await browser.storage.local.set(
            Object.fromEntries(Object.entries(stored).filter(([, value]) => value !== undefined)),
          );
          // The site problems come from the background's last reconcile, as they do in use.
          await reconcile(() => c.now);
          const background = await handleMessage({ type: 'getStatus' }, c.now);
          const page = statusOf(await readStatusSource(), c.now);
          expect(page).toEqual(background);
          for (const p of page.problems) problemsSeen.add(p.code);
          expect(page).toEqual(
            oracle(
              { settings: c.settings, runtime: c.runtime, saved: c.saved },
              c.now,
              c.hostAccess,
            ),
          );
        },
      ),
      { numRuns: 150 },
    );
    // The run met the problems a reconcile finds in the lists, not only calm evenings.
    expect(problemsSeen).toContain('invalid-sites');
    expect(problemsSeen).toContain('nothing-to-block');
    // Each run goes through the fake storage twice; a loaded machine needs more than 5 s for 150.
  }, 60_000);

  test('damaged stored values read as the background reads them (a calm problem, no throw)', () => {
    const status = statusFrom(
      { settings: 'garbage', runtime: 42, saved: { not: 'a list' } },
      { now: MONDAY_1700, timeZone: zone, hostAccess: true },
    );
    expect(status.problems).toContainEqual({ code: 'unreadable' });
    expect(status.saved).toEqual([]);
    expect(status.nextStart).toBe(wall(zone, '2025-06-02T18:00'));
  });
});

describe('the page follows stored changes without asking the background', () => {
  test('a started session shows as soon as storage says so', async () => {
    const source = await readStatusSource();
    expect(statusOf(source, SATURDAY_1500).active).toBe(false);
    const seen: Status[] = [];
    const stop = watchStatusSource((change) =>
      seen.push(statusOf(withChange(source, change), SATURDAY_1500)),
    );
    await browser.storage.local.set({
      [KEYS.runtime]: {
        session: { start: SATURDAY_1500, end: SATURDAY_1500 + 2 * HOUR },
        pause: null,
        grants: [],
      },
    });
    await browser.storage.local.set({ [KEYS.syncStatus]: { unrelated: true } });
    stop();
    expect(seen.map((s) => [s.active, s.until])).toEqual([[true, SATURDAY_1500 + 2 * HOUR]]);
  });

  test('withdrawn site access shows without a stored change', async () => {
    let source = await readStatusSource();
    const stop = watchStatusSource((change) => {
      source = withChange(source, change);
    });
    stubs.hostAccess = false;
    permissionsRemoved.fire();
    await expect.poll(() => statusOf(source, MONDAY_1700).hostAccess).toBe(false);
    stop();
  });
});

describe('nextStatusChange', () => {
  const at = (now: number) =>
    statusFrom(
      { settings: undefined, runtime: undefined, saved: undefined },
      {
        now,
        timeZone: zone,
        hostAccess: true,
      },
    );
  test('before family time: its start; during: its end', () => {
    expect(nextStatusChange(at(MONDAY_1700), MONDAY_1700)).toBe(wall(zone, '2025-06-02T18:00'));
    const during = wall(zone, '2025-06-02T19:00');
    expect(nextStatusChange(at(during), during)).toBe(wall(zone, '2025-06-02T20:30'));
  });
  test('nothing planned: nothing ahead', () => {
    const none = statusFrom(
      { settings: { ...defaultSettings(), windows: [] }, runtime: undefined, saved: undefined },
      { now: MONDAY_1700, timeZone: zone, hostAccess: true },
    );
    expect(nextStatusChange(none, MONDAY_1700)).toBeNull();
  });
});

describe('the parent is told when settings were rebuilt from sync', () => {
  test('for a day after the rebuild, then not', async () => {
    const { statusFrom } = await import('@/utils/status');
    const { defaultSettings: defaults } = await import('@/utils/settings/schema');
    const now = Date.UTC(2025, 5, 2, 17, 0);
    const context = {
      now,
      timeZone: 'UTC',
      limits: { maxRules: 5000, maxRegexRules: 1000 },
      reminderUrl: 'chrome-extension://x/blocked.html',
      hostAccess: true,
    };
    const stored = {
      settings: defaults(),
      runtime: undefined,
      saved: undefined,
      recovery: { at: now - 3600_000, from: 'sync' },
    };
    expect(statusFrom(stored, context).problems).toContainEqual({ code: 'recovered-from-sync' });
    expect(
      statusFrom({ ...stored, recovery: { at: now - 25 * 3600_000 } }, context).problems,
    ).not.toContainEqual({
      code: 'recovered-from-sync',
    });
  });
});

describe('a clock that moved before the background held family time (issue 11)', () => {
  // The background last saw family time running in Tokyo (18:30, until 19:00); the page now runs in another zone.
  const settings = { ...defaultSettings(), windows: [weekly(EVERY_DAY, '18:00', 60)] };
  const from = zone === 'Asia/Tokyo' ? 'America/Los_Angeles' : 'Asia/Tokyo';
  const seenAt = wall(from, '2025-06-02T18:30');
  const endThere = wall(from, '2025-06-02T19:00');
  const clockSeen = {
    wall: seenAt,
    timeZone: from,
    origin: 12.5,
    elapsed: 1_000,
    running: { since: wall(from, '2025-06-02T18:00'), until: endThere },
    pending: null,
  };
  const context = (now: number) => ({
    now,
    timeZone: zone,
    limits: LIMITS,
    reminderUrl: REMINDER,
    hostAccess: true,
  });
  const inputs = { settings, runtime: undefined, saved: undefined };

  test('the page holds it as the background will: family time until the same instant', () => {
    const now = seenAt + MINUTE;
    const here = decide({
      settings,
      runtime: readRuntime(undefined),
      now,
      timeZone: zone,
      limits: LIMITS,
      reminderUrl: REMINDER,
    });
    // The new zone's own window is off at that instant (every zone the suite runs in is hours from Tokyo).
    expect(here.schedule.active).toBe(false);
    expect(statusFrom(inputs, context(now))).toMatchObject({ active: false });
    expect(statusFrom({ ...inputs, clock: clockSeen }, context(now))).toMatchObject({
      active: true,
      blocking: true,
      until: endThere,
    });
    expect(statusFrom({ ...inputs, clock: clockSeen }, context(endThere)).active).toBe(
      decide({
        settings,
        runtime: readRuntime(undefined),
        now: endThere,
        timeZone: zone,
        limits: LIMITS,
        reminderUrl: REMINDER,
      }).schedule.active,
    );
  });

  test('nothing moved (same zone, clock ahead: sleep or a dead worker): the stored reading changes nothing', () => {
    const same = { ...clockSeen, timeZone: zone };
    const now = seenAt + 3 * HOUR;
    expect(statusFrom({ ...inputs, clock: same }, context(now))).toEqual(
      statusFrom(inputs, context(now)),
    );
  });

  test('an unreadable stored reading changes nothing', () => {
    const now = seenAt + MINUTE;
    for (const clock of [null, 'x', { ...clockSeen, running: 'yes' }])
      expect(statusFrom({ ...inputs, clock }, context(now))).toEqual(
        statusFrom(inputs, context(now)),
      );
  });
});
