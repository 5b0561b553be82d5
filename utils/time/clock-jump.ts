import * as v from 'valibot';
import type { HistoryEntry } from '@/utils/history/entries';
import type { Runtime } from '@/utils/runtime/runtime';
import { MINUTE_MS } from '@/utils/time/temporal';

/**
 * Noticing that the system clock or time zone moved (issue 11), pure.
 *
 * Every reconcile reads the clocks once (`ClockReading`) and stores what it
 * saw (`ClockSeen`, storage.local `clockSeen`). The next reconcile compares:
 *
 * - the time zone: exact (`Temporal.Now.timeZoneId()` against the stored one);
 * - the same worker still alive (same `performance.timeOrigin`): the wall
 *   clock's elapsed time against the monotonic clock's (`performance.now()`,
 *   which no clock setting moves). Moved back: a jump back, measured exactly.
 *   Moved forward: a jump forward *or a system sleep* — Chromium's and
 *   Firefox's monotonic clock stops during sleep everywhere but Windows
 *   (MDN, performance.now(), "Ticking during sleep"), so forward is only
 *   taken as a jump where the caller says the monotonic clock ticks in sleep;
 * - another worker: only the wall clock is left. An instant earlier than the
 *   one stored is a jump back (measured from the last reading, assuming no
 *   real time passed since: the error is the gap between readings, a minute
 *   while the heartbeat runs, and it only ever holds family time longer). A
 *   later instant is indistinguishable from sleep or a dead worker: nothing.
 */

/** Smaller moves are clock corrections (NTP) and timer jitter, not a jump anyone made. */
export const JUMP_THRESHOLD_MS = 2 * MINUTE_MS;

/** The clocks as one reconcile read them. */
export interface ClockReading {
  /** Date.now(): the wall clock, which follows whatever the system clock is set to. */
  wall: number;
  /** The system time zone (IANA id). */
  timeZone: string;
  /** performance.timeOrigin: fixed for the life of one worker, so it names the worker. */
  origin: number;
  /** performance.now(): monotonic milliseconds since `origin` in this worker. */
  elapsed: number;
}

/**
 * A reading from a context that stores none (a page): no monotonic clock to
 * compare with the background's, so only a zone change or a wall clock
 * behind the stored reading can be told (NaN equals no worker's origin).
 */
export function readingElsewhere(wall: number, timeZone: string): ClockReading {
  return { wall, timeZone, origin: Number.NaN, elapsed: 0 };
}

const finite = v.pipe(v.number(), v.finite());

/** A running stretch of family time, in exact time. */
const RunningSchema = v.object({
  since: v.pipe(v.number(), v.integer()),
  until: v.pipe(v.number(), v.integer()),
});

export const ClockSeenSchema = v.object({
  wall: finite,
  timeZone: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  origin: finite,
  elapsed: finite,
  /** Family time running at that reading, as that clock and zone computed it; null when off. */
  running: v.nullable(RunningSchema),
  /**
   * A clock-moved entry decided but not yet known to be in the history. It
   * is stored with the held runtime in one write and cleared once appended;
   * a worker that dies in between appends it again under the same key.
   */
  pending: v.optional(
    v.nullable(
      v.object({
        type: v.literal('clock-moved'),
        at: finite,
        jumpMs: finite,
        fromZone: v.string(),
        toZone: v.string(),
      }),
    ),
    null,
  ),
});

export type ClockSeen = v.InferOutput<typeof ClockSeenSchema>;
export type ClockMovedEntry = Extract<HistoryEntry, { type: 'clock-moved' }>;

/** What was stored, or null when it cannot be read (then nothing is compared: no false jump). */
export function readClockSeen(raw: unknown): ClockSeen | null {
  const parsed = v.safeParse(ClockSeenSchema, raw);
  return parsed.success ? parsed.output : null;
}

export type ClockMove =
  | { kind: 'none' }
  /** The wall clock moved by `jumpMs` (negative: set back) and/or the zone changed. */
  | { kind: 'moved'; jumpMs: number; fromZone: string; toZone: string };

export interface DetectOptions {
  /** The monotonic clock keeps counting while the system sleeps (Windows): a forward move is a jump. */
  monotonicTicksInSleep: boolean;
}

/** How far the wall clock moved between two readings, beyond the real time that passed; 0 when it cannot tell. */
export function wallJump(seen: ClockReading, now: ClockReading, options: DetectOptions): number {
  const wallElapsed = now.wall - seen.wall;
  const sameWorker = seen.origin === now.origin && now.elapsed >= seen.elapsed;
  if (sameWorker) {
    const drift = wallElapsed - (now.elapsed - seen.elapsed);
    if (drift <= -JUMP_THRESHOLD_MS) return Math.round(drift);
    if (drift >= JUMP_THRESHOLD_MS && options.monotonicTicksInSleep) return Math.round(drift);
    return 0;
  }
  // Another worker: only the wall clock going back can be told from sleep.
  return wallElapsed <= -JUMP_THRESHOLD_MS ? Math.round(wallElapsed) : 0;
}

/** Did the clock or the time zone move since the last reading? */
export function detectClockMove(
  seen: ClockReading | null,
  now: ClockReading,
  options: DetectOptions,
): ClockMove {
  if (seen === null) return { kind: 'none' };
  const jumpMs = wallJump(seen, now, options);
  if (jumpMs === 0 && seen.timeZone === now.timeZone) return { kind: 'none' };
  return { kind: 'moved', jumpMs, fromZone: seen.timeZone, toZone: now.timeZone };
}

/**
 * Family time that was running when the clock moved, as the parent lives it:
 * the same stretch shifted by the jump, so it ends after the same remaining
 * real minutes (a time-zone change alone shifts nothing: the same instants).
 * Null when nothing was running or the held end has already passed.
 */
export function heldStretch(
  running: ClockSeen['running'],
  move: ClockMove,
  now: number,
): { start: number; end: number } | null {
  if (running === null || move.kind === 'none') return null;
  const held = { start: running.since + move.jumpMs, end: running.until + move.jumpMs };
  return held.end > now ? held : null;
}

/** The one history entry for a move during family time (a move outside it is not recorded). */
export function clockMovedEntry(
  seen: ClockSeen | null,
  move: ClockMove,
  now: number,
): ClockMovedEntry | null {
  if (seen?.running == null || move.kind === 'none') return null;
  return {
    type: 'clock-moved',
    at: now,
    jumpMs: move.jumpMs,
    fromZone: move.fromZone,
    toZone: move.toZone,
  };
}

/**
 * The runtime holding family time to its end, or null: nothing to hold.
 * The hold is a manual session (utils/runtime/manual.ts's `session`), so
 * decide, the pages' status and "End family time" all honour it with no new
 * path. It replaces an earlier session, whose instants the move made wrong
 * and which the held stretch covers (it was part of the running stretch).
 */
export function heldRuntime(
  seen: ClockSeen | null,
  move: ClockMove,
  runtime: Runtime,
  now: number,
): Runtime | null {
  const held = heldStretch(seen?.running ?? null, move, now);
  return held ? { ...runtime, session: held } : null;
}
