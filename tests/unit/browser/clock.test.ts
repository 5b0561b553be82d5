import { beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { handleMessage } from '@/utils/browser/actions';
import { clearHistory, readHistory } from '@/utils/browser/history-store';
import { decideFor, reconcile } from '@/utils/browser/reconcile';
import { readStatus } from '@/utils/browser/status';
import {
  loadClockSeen,
  loadRuntime,
  loadSettings,
  saveClockSeen,
  saveSettings,
} from '@/utils/browser/storage';
import { decide } from '@/utils/decide';
import type { HistoryEntry } from '@/utils/history/entries';
import { EMPTY_RUNTIME } from '@/utils/runtime/runtime';
import { defaultSettings, type Settings } from '@/utils/settings/schema';
import type { ClockReading } from '@/utils/time/clock-jump';
import { systemTimeZone } from '@/utils/time/temporal';
import { installDyingBrowser } from '../support/dying-browser';
import { installFakeDnr, outcome } from '../support/fake-dnr';
import { installExtensionStubs } from '../support/fake-extension';
import { installBrowserRecords } from '../support/recording-browser';
import { EVERY_DAY, weekly } from '../support/settings';
import { MINUTE, wall } from '../support/time';

// Issue 11: a clock or time zone that moves during family time is recorded
// once, and family time keeps its end. The clocks are handed to reconcile as
// a reading (wall clock, zone, and the worker's monotonic clock), the way
// ./clock.ts reads them from Date.now, Temporal and performance.

const dnr = installFakeDnr();
installExtensionStubs();
installBrowserRecords();
const dying = installDyingBrowser();

const zone = systemTimeZone();
const at = (t: string) => wall(zone, t);
// One window, 18:00-19:00 every day: a clock set back 90 min at 18:30 lands before it.
const SETTINGS: Settings = { ...defaultSettings(), windows: [weekly(EVERY_DAY, '18:00', 60)] };
const MONDAY_1830 = at('2025-06-02T18:30');
const SET_BACK = -90 * MINUTE;
const MAIL = 'https://mail.google.com/mail/u/0/#inbox';

/** The clocks of one worker (`origin`), its monotonic clock reading `elapsed`. */
function clock(origin: number, elapsed: number, timeZone = zone) {
  return (wallMs: number): ClockReading => ({ wall: wallMs, timeZone, origin, elapsed });
}

const blocked = (url = MAIL) => outcome(dnr.installed(), url).action === 'redirect';
const clockEntries = async () =>
  (await readHistory()).filter(
    (e): e is Extract<HistoryEntry, { type: 'clock-moved' }> => e.type === 'clock-moved',
  );

async function fresh(settings = SETTINGS): Promise<void> {
  dying.revive();
  await browser.storage.local.clear();
  dnr.resetState();
  await browser.alarms.clearAll();
  await clearHistory();
  await saveSettings(settings, { overUnreadable: true });
}

/** Family time running at 18:30, seen by a living worker. */
async function runningAt1830(): Promise<void> {
  await fresh();
  await reconcile(() => MONDAY_1830, clock(1, 10_000));
  expect(blocked()).toBe(true);
}

// The same worker, 5 s later in real time, the wall clock 90 min behind.
const AFTER = MONDAY_1830 + 5_000 + SET_BACK;
const setBack = () => reconcile(() => AFTER, clock(1, 15_000));

beforeEach(() => {
  dying.revive();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

describe('the system clock set back during family time', () => {
  test('family time keeps its real end; the history says so once; the next window is the new clock’s', async () => {
    await runningAt1830();
    // Without a hold, the new clock says family time is off (17:00 on it).
    expect(decideFor(SETTINGS, EMPTY_RUNTIME, AFTER).blocking).toBe(false);
    await setBack();
    const heldEnd = at('2025-06-02T19:00') + SET_BACK;
    expect(blocked()).toBe(true);
    expect((await loadRuntime()).session).toEqual({
      start: at('2025-06-02T18:00') + SET_BACK,
      end: heldEnd,
    });
    // The pages compute the same: "Family time until" the held end (30 real minutes on).
    const status = await readStatus(AFTER);
    expect(status).toMatchObject({ active: true, until: heldEnd });
    expect(heldEnd - AFTER).toBe(30 * MINUTE - 5_000);
    expect(await clockEntries()).toEqual([
      { type: 'clock-moved', at: AFTER, jumpMs: SET_BACK, fromZone: zone, toZone: zone },
    ]);
    // The heartbeats after it: no second entry.
    await reconcile(() => AFTER + MINUTE, clock(1, 15_000 + MINUTE));
    await reconcile(() => AFTER + 2 * MINUTE, clock(2, 50)); // the worker restarted
    expect(await clockEntries()).toHaveLength(1);
    expect(blocked()).toBe(true);
    // At the held end family time ends, and the next start is 18:00 by the new clock.
    const end = await reconcile(() => heldEnd, clock(2, 50 + heldEnd - AFTER - 2 * MINUTE));
    expect(blocked()).toBe(false);
    expect(end.schedule.nextStart).toBe(at('2025-06-02T18:00'));
    expect(await clockEntries()).toHaveLength(1);
  });

  test('"End family time" still ends a held family time', async () => {
    await runningAt1830();
    await setBack();
    await handleMessage({ type: 'endFamilyTime', reason: '' }, AFTER + MINUTE);
    await reconcile(() => AFTER + MINUTE, clock(1, 15_000 + MINUTE));
    expect(blocked()).toBe(false);
  });

  test('the same move seen by a restarted worker (the wall clock behind the last reading) holds too', async () => {
    await runningAt1830();
    await reconcile(() => AFTER, clock(2, 40));
    expect(blocked()).toBe(true);
    // No real time is known to have passed: the hold counts the 30 minutes from the last reading.
    expect((await loadRuntime()).session?.end).toBe(at('2025-06-02T19:00') + SET_BACK + 5_000);
    expect(await clockEntries()).toHaveLength(1);
  });

  test('a clock set back outside family time changes nothing and is not recorded', async () => {
    await fresh();
    const five = at('2025-06-02T17:00');
    await reconcile(() => five, clock(1, 10_000));
    await reconcile(() => five + 5_000 - 2 * 60 * MINUTE, clock(1, 15_000));
    expect(blocked()).toBe(false);
    expect((await loadRuntime()).session).toBeNull();
    expect(await clockEntries()).toEqual([]);
  });

  test('a wall clock ahead of a worker’s monotonic clock on Linux is taken as sleep: nothing held', async () => {
    await runningAt1830();
    // 19:30 on the wall, 5 s on the monotonic clock: a laptop lid closed for an hour looks the same.
    const later = MONDAY_1830 + 60 * MINUTE;
    await reconcile(() => later, clock(1, 15_000));
    expect(blocked()).toBe(false);
    expect(await clockEntries()).toEqual([]);
  });
});

describe('the time zone changed during family time', () => {
  // A zone where 18:30 Monday falls outside this zone's 18:00-19:00 (hours away from it).
  const from = [
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
    'Asia/Tokyo',
    'America/Los_Angeles',
  ].find((z) => {
    const t = wall(z, '2025-06-02T18:30');
    return !decideFor(SETTINGS, EMPTY_RUNTIME, t).blocking;
  }) as string;
  const before = wall(from, '2025-06-02T18:30');
  const endThere = wall(from, '2025-06-02T19:00');

  test('family time keeps the same end instant, recorded once with both zones', async () => {
    await fresh();
    // The last reading was made in `from`, with family time running there.
    const running = decide({
      settings: SETTINGS,
      runtime: EMPTY_RUNTIME,
      now: before,
      timeZone: from,
      limits: { maxRules: 5000, maxRegexRules: 1000 },
      reminderUrl: 'x',
    }).schedule;
    expect(running).toMatchObject({ active: true, until: endThere });
    await saveClockSeen({
      wall: before,
      timeZone: from,
      origin: 1,
      elapsed: 10_000,
      running: { since: running.since ?? 0, until: endThere },
      pending: null,
    });
    const now = before + MINUTE;
    await reconcile(() => now, clock(1, 10_000 + MINUTE));
    expect(blocked()).toBe(true);
    expect(await readStatus(now)).toMatchObject({ active: true, until: endThere });
    expect(await clockEntries()).toEqual([
      { type: 'clock-moved', at: now, jumpMs: 0, fromZone: from, toZone: zone },
    ]);
    await reconcile(() => now + MINUTE, clock(1, 10_000 + 2 * MINUTE));
    expect(await clockEntries()).toHaveLength(1);
    expect((await loadClockSeen())?.timeZone).toBe(zone);
  });
});

describe('a worker that dies after any write of the hold leaves it consistent', () => {
  test('blocking never lapses, and the entry is written exactly once', async () => {
    await runningAt1830();
    dying.count();
    await setBack();
    const writes = [...dying.writes];
    dying.revive();
    expect(writes.length).toBeGreaterThan(3);

    for (let n = 1; n <= writes.length; n += 1) {
      const where = `died after write ${n} of ${writes.length} (${writes[n - 1]})`;
      await runningAt1830();
      dying.dieAfter(n);
      await setBack().catch(() => undefined);
      dying.revive();
      expect(blocked(), `${where}: right after`).toBe(true);
      // The next worker, a second later.
      const later = AFTER + 1_000;
      await reconcile(() => later, clock(2, 20));
      expect(blocked(), `${where}: after the next reconcile`).toBe(true);
      const [{ settings }, runtime] = await Promise.all([loadSettings(), loadRuntime()]);
      expect(decideFor(settings, runtime, later).blocking, `${where}: storage`).toBe(true);
      const end = runtime.session?.end ?? 0;
      // The held end: the 30 real minutes, give or take the second no clock could measure.
      expect(end - (at('2025-06-02T19:00') + SET_BACK), where).toBeGreaterThanOrEqual(0);
      expect(end - (at('2025-06-02T19:00') + SET_BACK), where).toBeLessThanOrEqual(10_000);
      expect(await clockEntries(), where).toHaveLength(1);
      expect((await loadClockSeen())?.pending ?? null, where).toBeNull();
    }
  });
});
