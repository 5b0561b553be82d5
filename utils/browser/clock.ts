import { browser } from 'wxt/browser';
import type { Desired } from '@/utils/decide';
import type { Runtime } from '@/utils/runtime/runtime';
import {
  type ClockMovedEntry,
  type ClockReading,
  type ClockSeen,
  clockMovedEntry,
  detectClockMove,
  heldRuntime,
} from '@/utils/time/clock-jump';
import { systemTimeZone } from '@/utils/time/temporal';
import { appendHistory } from './history-store';
import { loadClockSeen, saveClockSeen, updateRuntime } from './storage';

/** The history key's salt for a clock-moved entry: appending it twice writes it once. */
const ENTRY_SALT = 'clock-moved';

/** This worker's clocks at `wall` (the reconcile's own now). */
export function systemClock(wall: number): ClockReading {
  return {
    wall,
    timeZone: systemTimeZone(),
    origin: performance.timeOrigin,
    elapsed: performance.now(),
  };
}

let ticksInSleep: Promise<boolean> | undefined;
/** Windows is the one platform where Chromium's and Firefox's performance.now() counts during sleep (MDN). */
function monotonicTicksInSleep(): Promise<boolean> {
  ticksInSleep ??= Promise.resolve()
    .then(() => browser.runtime.getPlatformInfo())
    .then((info) => info.os === 'win')
    .catch(() => false);
  return ticksInSleep;
}

async function record(entry: ClockMovedEntry, seen: ClockSeen): Promise<ClockSeen> {
  await appendHistory(entry, ENTRY_SALT);
  const done = { ...seen, pending: null };
  await saveClockSeen(done);
  return done;
}

/**
 * Runs first in every reconcile (issue 11). When the clock or the time zone
 * moved while family time was running, holds it to its end as the parent
 * lived it, in this order (a worker can die between any two awaits):
 *
 * 1. the rules for the held runtime (`tighten`): holding only keeps blocking;
 * 2. the held runtime (a manual session);
 * 3. the new reading with the entry still to record (`pending`), one write;
 * 4. the entry, under a key known ahead, then the reading without it.
 *
 * A death before 3 leaves the old reading: the next reconcile sees the same
 * move and does it again (the same hold). A death after 3 leaves the entry
 * pending: the next reconcile appends it (the same key, so once). Returns
 * the reading for `noteClock` to store at the end of the reconcile.
 */
export async function holdThroughClockMove(
  reading: ClockReading,
  tighten: (runtime: Runtime) => Promise<unknown>,
): Promise<ClockSeen> {
  let seen = await loadClockSeen();
  if (seen?.pending) seen = await record(seen.pending, seen);
  const move = detectClockMove(seen, reading, {
    monotonicTicksInSleep: await monotonicTicksInSleep(),
  });
  const entry = clockMovedEntry(seen, move, reading.wall);
  const fresh: ClockSeen = { ...reading, running: null, pending: null };
  // No move, or a move outside family time: nothing changes, nothing is recorded.
  if (entry === null) return fresh;
  let held: Runtime | null = null;
  await updateRuntime(async (runtime) => {
    held = heldRuntime(seen, move, runtime, reading.wall);
    if (held === null) return runtime;
    await tighten(held);
    return held;
  });
  const session = (held as Runtime | null)?.session ?? null;
  const next: ClockSeen = {
    ...fresh,
    running: session && { since: session.start, until: session.end },
    pending: entry,
  };
  await saveClockSeen(next);
  return record(entry, next);
}

/** At the end of a reconcile: the reading, with the family time it found running. */
export async function noteClock(seen: ClockSeen, desired: Desired): Promise<void> {
  const { schedule } = desired;
  const running =
    schedule.active && schedule.since !== null && schedule.until !== null
      ? { since: schedule.since, until: schedule.until }
      : null;
  await saveClockSeen({ ...seen, running, pending: null });
}
