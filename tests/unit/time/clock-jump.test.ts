import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type Desired, decide } from '@/utils/decide';
import { EMPTY_RUNTIME, type Runtime } from '@/utils/runtime/runtime';
import { defaultSettings, type Settings } from '@/utils/settings/schema';
import type { RuleLimits } from '@/utils/sites/rules';
import {
  type ClockReading,
  type ClockSeen,
  clockMovedEntry,
  detectClockMove,
  heldRuntime,
  heldStretch,
  JUMP_THRESHOLD_MS,
  readClockSeen,
} from '@/utils/time/clock-jump';
import { EVERY_DAY, weekly } from '../support/settings';
import { HOUR, MINUTE, wall, zonesWithSystem } from '../support/time';

const FAR_LIMITS: RuleLimits = { maxRules: 5000, maxRegexRules: 1000 };
const LINUX = { monotonicTicksInSleep: false };
const WINDOWS = { monotonicTicksInSleep: true };

function reading(
  wallMs: number,
  elapsed: number,
  origin = 1_000,
  timeZone = 'Europe/Berlin',
): ClockReading {
  return { wall: wallMs, timeZone, origin, elapsed };
}

function seenAt(r: ClockReading, running: ClockSeen['running']): ClockSeen {
  return { ...r, running, pending: null };
}

const T = Date.UTC(2025, 5, 2, 17, 30);

describe('detecting a move', () => {
  test('the same worker, the wall clock set back an hour: a jump of exactly -1 h', () => {
    const before = reading(T, 5_000);
    const after = reading(T + 30_000 - HOUR, 35_000);
    expect(detectClockMove(before, after, LINUX)).toEqual({
      kind: 'moved',
      jumpMs: -HOUR,
      fromZone: 'Europe/Berlin',
      toZone: 'Europe/Berlin',
    });
  });

  test('another worker (the old one died), the wall clock behind the last reading: a jump back', () => {
    const before = reading(T, 5_000, 1_000);
    const after = reading(T - HOUR, 20, 2_000);
    expect(detectClockMove(before, after, LINUX)).toMatchObject({ kind: 'moved', jumpMs: -HOUR });
  });

  test('the same worker, the wall clock ahead of the monotonic one: a jump where the monotonic clock counts sleep', () => {
    const before = reading(T, 5_000);
    const after = reading(T + 60_000 + HOUR, 65_000);
    expect(detectClockMove(before, after, WINDOWS)).toMatchObject({ kind: 'moved', jumpMs: HOUR });
  });

  test('the same forward gap where the monotonic clock stops in sleep: sleep cannot be told from a jump, so nothing', () => {
    const before = reading(T, 5_000);
    const after = reading(T + 60_000 + HOUR, 65_000);
    expect(detectClockMove(before, after, LINUX)).toEqual({ kind: 'none' });
  });

  test('another worker an hour later on the wall clock: sleep or a jump forward, never taken as a jump', () => {
    const before = reading(T, 5_000, 1_000);
    const after = reading(T + HOUR, 20, 2_000);
    expect(detectClockMove(before, after, WINDOWS)).toEqual({ kind: 'none' });
    expect(detectClockMove(before, after, LINUX)).toEqual({ kind: 'none' });
  });

  test('a clock correction under the threshold (NTP, timer jitter) is no jump', () => {
    const before = reading(T, 5_000);
    const slewed = JUMP_THRESHOLD_MS - 1;
    expect(detectClockMove(before, reading(T + 60_000 - slewed, 65_000), WINDOWS).kind).toBe(
      'none',
    );
    expect(detectClockMove(before, reading(T + 60_000 + slewed, 65_000), WINDOWS).kind).toBe(
      'none',
    );
    expect(detectClockMove(before, reading(T - slewed, 20, 2_000), WINDOWS).kind).toBe('none');
  });

  test('a time-zone change is exact, whatever the clocks did', () => {
    const before = reading(T, 5_000, 1_000, 'Europe/Berlin');
    const after = reading(T + MINUTE, 5_000 + MINUTE, 1_000, 'America/New_York');
    expect(detectClockMove(before, after, LINUX)).toEqual({
      kind: 'moved',
      jumpMs: 0,
      fromZone: 'Europe/Berlin',
      toZone: 'America/New_York',
    });
  });

  test('nothing to compare with (first run, unreadable reading): no move', () => {
    expect(detectClockMove(null, reading(T, 0), WINDOWS)).toEqual({ kind: 'none' });
  });

  test('ordinary heartbeats in a living worker are never a move', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 * MINUTE }),
        fc.integer({ min: -JUMP_THRESHOLD_MS + 1, max: JUMP_THRESHOLD_MS - 1 }),
        (gap, skew) => {
          const before = reading(T, 1_000);
          const after = reading(T + gap + skew, 1_000 + gap);
          return detectClockMove(before, after, WINDOWS).kind === 'none';
        },
      ),
    );
  });
});

describe('reading what was stored', () => {
  test('a stored reading comes back; anything else is null (then no jump is imagined)', () => {
    const seen = seenAt(reading(T, 12.5), { since: T - HOUR, until: T + HOUR });
    expect(readClockSeen(JSON.parse(JSON.stringify(seen)))).toEqual(seen);
    for (const raw of [
      undefined,
      null,
      7,
      'x',
      {},
      { ...seen, wall: 'soon' },
      { ...seen, running: 3 },
    ])
      expect(readClockSeen(raw)).toBeNull();
  });

  test('never throws on any JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (raw) => readClockSeen(raw) === null || true));
  });
});

describe('holding family time that was running', () => {
  const running = { since: T - 30 * MINUTE, until: T + HOUR };

  test('no hold and no entry when family time was not running', () => {
    const seen = seenAt(reading(T, 0), null);
    const move = detectClockMove(seen, reading(T - HOUR, 0), LINUX);
    expect(move.kind).toBe('moved');
    expect(heldRuntime(seen, move, EMPTY_RUNTIME, T - HOUR)).toBeNull();
    expect(clockMovedEntry(seen, move, T - HOUR)).toBeNull();
  });

  test('no hold and no entry when nothing moved', () => {
    const seen = seenAt(reading(T, 0), running);
    const move = detectClockMove(seen, reading(T + MINUTE, MINUTE), LINUX);
    expect(heldRuntime(seen, move, EMPTY_RUNTIME, T + MINUTE)).toBeNull();
    expect(clockMovedEntry(seen, move, T + MINUTE)).toBeNull();
  });

  test('a jump during family time: one entry saying how far, and a session holding the rest', () => {
    const seen = seenAt(reading(T, 0), running);
    const now = reading(T - HOUR, 0);
    const move = detectClockMove(seen, now, LINUX);
    expect(clockMovedEntry(seen, move, now.wall)).toEqual({
      type: 'clock-moved',
      at: now.wall,
      jumpMs: -HOUR,
      fromZone: 'Europe/Berlin',
      toZone: 'Europe/Berlin',
    });
    const held = heldRuntime(
      seen,
      move,
      { ...EMPTY_RUNTIME, session: { start: 1, end: 2 } },
      now.wall,
    );
    expect(held?.session).toEqual({ start: running.since - HOUR, end: running.until - HOUR });
  });

  test('a held end already behind the new clock holds nothing', () => {
    expect(
      heldStretch(running, { kind: 'moved', jumpMs: -2 * HOUR, fromZone: 'a', toZone: 'a' }, T),
    ).toBeNull();
  });

  test('property: for any jump in a living worker, the held end leaves the same remaining real minutes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 * 60 }), // minutes left at the last reading
        fc.integer({ min: 0, max: 5 * MINUTE }), // real time between the readings
        fc
          .integer({ min: -6 * HOUR, max: 6 * HOUR })
          .filter((j) => Math.abs(j) >= JUMP_THRESHOLD_MS),
        (left, realElapsed, jump) => {
          const until = T + left * MINUTE;
          const seen = seenAt(reading(T, 10_000), { since: T - HOUR, until });
          const now = reading(T + realElapsed + jump, 10_000 + realElapsed);
          const move = detectClockMove(seen, now, WINDOWS);
          const held = heldStretch(seen.running, move, now.wall);
          const remainingReal = until - T - realElapsed;
          if (remainingReal <= 0) return held === null;
          return held !== null && held.end - now.wall === remainingReal;
        },
      ),
    );
  });

  test('property: a time-zone change holds the same instant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 * 60 }),
        fc.constantFrom(...zonesWithSystem()),
        fc.constantFrom(...zonesWithSystem()),
        (left, from, to) => {
          fc.pre(from !== to);
          const until = T + left * MINUTE;
          const seen = seenAt(reading(T, 0, 1, from), { since: T - HOUR, until });
          const now = reading(T + 30_000, 30_000, 1, to);
          const held = heldStretch(seen.running, detectClockMove(seen, now, LINUX), now.wall);
          return held !== null && held.end === until;
        },
      ),
    );
  });
});

describe.each(zonesWithSystem())('what decide makes of a hold, in %s', (zone) => {
  const decideAt = (settings: Settings, runtime: Runtime, now: number, timeZone = zone): Desired =>
    decide({
      settings,
      runtime,
      now,
      timeZone,
      limits: FAR_LIMITS,
      reminderUrl: 'chrome-extension://x/blocked.html',
    });

  test('a clock set back 90 min at 18:30 in an 18:00-19:00 window: family time keeps its real end, the next window by the new clock', () => {
    const settings = { ...defaultSettings(), windows: [weekly(EVERY_DAY, '18:00', 60)] };
    const before = wall(zone, '2025-06-02T18:30');
    const running = decideAt(settings, EMPTY_RUNTIME, before).schedule;
    expect(running.active).toBe(true);
    const seen = seenAt(reading(before, 0, 1, zone), {
      since: running.since ?? 0,
      until: running.until ?? 0,
    });
    const after = reading(before + 5_000 - 90 * MINUTE, 5_000, 1, zone); // 17:00 on the new clock
    // Without a hold the new clock says it is not family time: it would end silently.
    expect(decideAt(settings, EMPTY_RUNTIME, after.wall).blocking).toBe(false);
    const held = heldRuntime(seen, detectClockMove(seen, after, LINUX), EMPTY_RUNTIME, after.wall);
    expect(held).not.toBeNull();
    const desired = decideAt(settings, held ?? EMPTY_RUNTIME, after.wall);
    expect(desired.blocking).toBe(true);
    // 30 real minutes were left at 18:30; they are still left.
    expect(desired.schedule.until).toBe(after.wall - 5_000 + 30 * MINUTE);
    expect(desired.rules.length).toBeGreaterThan(0);
    const heldEnd = desired.schedule.until ?? 0;
    expect(decideAt(settings, held ?? EMPTY_RUNTIME, heldEnd).blocking).toBe(false);
    // The next window is the new clock's 18:00.
    expect(desired.schedule.nextStart).toBe(wall(zone, '2025-06-02T18:00'));
  });
});

describe('what decide makes of a time-zone change', () => {
  test('Berlin 19:30 to New York (13:30): family time keeps its end at 20:30 Berlin', () => {
    const settings = defaultSettings(); // weekdays 18:00-20:30
    const decideIn = (runtime: Runtime, now: number, timeZone: string) =>
      decide({
        settings,
        runtime,
        now,
        timeZone,
        limits: FAR_LIMITS,
        reminderUrl: 'chrome-extension://x/blocked.html',
      });
    const now = wall('Europe/Berlin', '2025-06-02T19:30');
    const before = decideIn(EMPTY_RUNTIME, now, 'Europe/Berlin').schedule;
    const seen = seenAt(reading(now, 0, 1, 'Europe/Berlin'), {
      since: before.since ?? 0,
      until: before.until ?? 0,
    });
    const after = reading(now + MINUTE, MINUTE, 1, 'America/New_York');
    expect(decideIn(EMPTY_RUNTIME, after.wall, 'America/New_York').blocking).toBe(false);
    const held = heldRuntime(seen, detectClockMove(seen, after, LINUX), EMPTY_RUNTIME, after.wall);
    const desired = decideIn(held ?? EMPTY_RUNTIME, after.wall, 'America/New_York');
    expect(desired.blocking).toBe(true);
    expect(desired.schedule.until).toBe(wall('Europe/Berlin', '2025-06-02T20:30'));
    expect(desired.schedule.nextStart).toBe(wall('America/New_York', '2025-06-02T18:00'));
  });
});
