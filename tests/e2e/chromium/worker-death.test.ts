import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeWindow,
  type ExtensionApi,
  HearthBrowser,
  NO_RUNTIME,
  pollFor,
  reminderUrlFor,
  settingsWith,
  typeUrl,
  waitForUrl,
  windowAt,
  zonedNow,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';

declare const chrome: ExtensionApi;

// Issues 15 and 10: the worker stopped at random moments around the writes
// that change blocking. A soak: the same round many times with a random stop.
// CI runs a few rounds; by hand: HEARTH_SOAK_ROUNDS=30 HEARTH_EDGE_RUNS=50.
const ROUNDS = Number(process.env.HEARTH_SOAK_ROUNDS ?? 3);
const EDGE_RUNS = Number(process.env.HEARTH_EDGE_RUNS ?? 2);

/** Each round's share of the test's time (a soak run by hand is long). */
const budget = (rounds: number, perRoundMs: number) => ({ timeout: 60_000 + rounds * perRoundMs });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sleepUntil = (at: number) => sleep(Math.max(0, at - Date.now()));
/** Uniform in [from, to). */
const uniform = (from: number, to: number) => from + Math.random() * (to - from);

describe('Chromium: the worker stopped at any moment never leaves a work site open', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;
  let stopper: Awaited<ReturnType<HearthBrowser['workerStopper']>>;
  const inbox = () => sites.url('mail.work.test', '/inbox');

  beforeAll(async () => {
    sites = await startWorkSites();
    hearth = await HearthBrowser.launch();
    stopper = await hearth.workerStopper();
  });

  afterAll(async () => {
    await stopper?.close();
    await hearth?.close();
    await sites?.close();
  });

  /** A typed navigation to the inbox lands on the reminder; nothing reached the site. */
  async function expectInboxBlocked(round: string): Promise<void> {
    const tab = await hearth.context.newPage();
    await typeUrl(tab, inbox());
    await waitForUrl(tab, reminderUrlFor(hearth, inbox()));
    expect(sites.requestsFor('mail.work.test'), round).toEqual([]);
    await tab.close();
  }

  /**
   * A stopped worker is woken by an event: a page asks it for the status. (The
   * popup reads its state from storage and opening a tab wakes nothing, so
   * the page sends the message itself.)
   */
  async function wake(): Promise<void> {
    const popup = await hearth.openExtensionPage('popup');
    await popup.getByRole('heading', { level: 1 }).waitFor();
    await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'getStatus' }));
    await popup.close();
  }

  async function rulesCount(): Promise<number> {
    return hearth.inWorker(
      async () => (await chrome.declarativeNetRequest.getDynamicRules()).length,
      undefined,
    );
  }

  it(
    `"Start family time" with the worker stopped 0-50 ms after the click: no request reaches the work site (${ROUNDS} rounds)`,
    budget(ROUNDS, 20_000),
    async () => {
      const later = zonedNow().add({ hours: 6 });
      const delays: number[] = [];
      for (let round = 1; round <= ROUNDS; round += 1) {
        await wake();
        await hearth.arrange({
          settings: settingsWith([windowAt(later, 60)]),
          runtime: NO_RUNTIME,
        });
        await hearth.settle(false);
        const popup = await hearth.openExtensionPage('popup');
        const start = popup.getByRole('button', { name: 'Start family time' });
        await start.waitFor();
        await popup.bringToFront();
        const delay = uniform(0, 50);
        delays.push(Math.round(delay));
        await start.click();
        await sleep(delay);
        await stopper.stop();

        // The parent looks: the popup says family time is on (asking again if it was cut off)...
        await popup.getByRole('button', { name: 'End family time' }).waitFor({ timeout: 15_000 });
        // ...and goes to their mail.
        sites.clearLog();
        await expectInboxBlocked(
          `round ${round} (stopped ${Math.round(delay)} ms after the click)`,
        );
        await popup.close();
      }
      console.info(
        `start family time soak: ${ROUNDS} rounds, stop delays (ms): ${delays.join(' ')}`,
      );
    },
  );

  it(
    `a step-past running out with the worker stopped within 3 s of its end: blocked again, no request (${ROUNDS} rounds)`,
    budget(ROUNDS, 40_000),
    async () => {
      const { window } = activeWindow(90);
      await wake(); // the test before may have left it stopped
      await hearth.arrange({ settings: settingsWith([window]), runtime: NO_RUNTIME });
      await hearth.settle(true);
      const blockedRules = await rulesCount();
      const host = `mail.work.test:${sites.port}`;
      const offsets: number[] = [];
      for (let round = 1; round <= ROUNDS; round += 1) {
        await wake();
        const start = Date.now();
        const end = start + 12_000;
        // The grant as the reminder's "step past" stores it (reminder.test.ts walks that path).
        await hearth.arrange({
          runtime: {
            ...NO_RUNTIME,
            grants: [{ id: `soak-${round}`, pattern: host, start, end, seen: false }],
          },
        });
        await pollFor('the step-past allow rule', async () =>
          (await rulesCount()) > blockedRules ? true : undefined,
        );
        // The grant opens the site; the tab stays on it (leaving would close the grant early).
        const onSite = await hearth.context.newPage();
        await onSite.goto(sites.url('mail.work.test', '/granted'));
        expect(await onSite.locator('#site').textContent()).toBe('mail.work.test/granted');

        const offset = uniform(-3000, 3000);
        offsets.push(Math.round(offset));
        const stopped = sleepUntil(end + offset).then(() => stopper.stop());
        await sleepUntil(end);
        sites.clearLog();
        await sleepUntil(end + 50);
        await expectInboxBlocked(`round ${round} (stopped ${Math.round(offset)} ms from the end)`);
        await stopped;
        await onSite.close();
      }
      console.info(`grant end soak: ${ROUNDS} rounds, stop offsets (ms): ${offsets.join(' ')}`);
    },
  );

  it(
    `family time's start and end edges with the worker stopped within ±3 s of each: blocked right after the start, open right after the end (${EDGE_RUNS} runs)`,
    budget(EDGE_RUNS, 60_000),
    async () => {
      await wake(); // the test before may have left it stopped
      await hearth.arrange({ settings: settingsWith([]), runtime: NO_RUNTIME });
      await hearth.settle(false);
      const offsets: string[] = [];
      for (let run = 1; run <= EDGE_RUNS; run += 1) {
        await wake();
        // Family time by the clock, to the second: it starts in 8 s and lasts 10 s.
        const start = Date.now() + 8_000;
        const end = start + 10_000;
        await hearth.arrange({ runtime: { ...NO_RUNTIME, session: { start, end } } });
        await hearth.settle(false);

        const atStart = uniform(-3000, 3000);
        const atEnd = uniform(-3000, 3000);
        offsets.push(`${Math.round(atStart)}/${Math.round(atEnd)}`);
        const stops = [
          sleepUntil(start + atStart).then(() => stopper.stop()),
          sleepUntil(end + atEnd).then(() => stopper.stop()),
        ];
        const where = `run ${run} (stopped ${Math.round(atStart)} ms from the start, ${Math.round(atEnd)} ms from the end)`;

        await sleepUntil(start);
        sites.clearLog();
        await sleepUntil(start + 50);
        await expectInboxBlocked(`${where}: right after the start`);

        await sleepUntil(end + 50);
        const tab = await hearth.context.newPage();
        await typeUrl(tab, inbox());
        // Right after the end the page loads (a reminder reached a moment early sends it on).
        await waitForUrl(tab, inbox(), 15_000);
        expect(await tab.locator('#site').textContent(), where).toBe('mail.work.test/inbox');
        expect(sites.requestsFor('mail.work.test'), where).toContain('/inbox');
        await tab.close();
        await Promise.all(stops);
      }
      console.info(
        `edge soak: ${EDGE_RUNS} runs, stop offsets start/end (ms): ${offsets.join(' ')}`,
      );
    },
  );
});
