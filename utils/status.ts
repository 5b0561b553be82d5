import { blockingAt } from '@/utils/decide';
import type { Status } from '@/utils/messages';
import { EMPTY_RUNTIME, type Runtime, readRuntime } from '@/utils/runtime/runtime';
import { readSaved } from '@/utils/runtime/saved';
import { stepPastsLeft } from '@/utils/runtime/step-past';
import { scheduleAt } from '@/utils/schedule/schedule';
import { notesFor } from '@/utils/settings/notes';
import { readRecovery, recoveryToTell, settingsFromStored } from '@/utils/settings/read';
import { readSiteProblems } from '@/utils/sites/problems';
import {
  detectClockMove,
  heldRuntime,
  readClockSeen,
  readingElsewhere,
} from '@/utils/time/clock-jump';

/** The stored values a status is made of, exactly as storage.local holds them (any shape). */
export interface StoredStatusInputs {
  settings: unknown;
  runtime: unknown;
  saved: unknown;
  /** When settings were rebuilt from sync (told for a day). */
  recovery?: unknown;
  /** The clocks the background last saw (utils/time/clock-jump.ts). */
  clock?: unknown;
  /** What the last reconcile could not do, and the site problems it found (storage.ts). */
  report?: unknown;
}

/** What the status needs from the browser besides storage (no storage read among them). */
export interface StatusContext {
  now: number;
  timeZone: string;
  hostAccess: boolean;
}

/**
 * Everything a page shows, from the stored inputs: the one definition the
 * background's getStatus answers with and the pages compute for themselves,
 * so a page never waits for a background that may be asleep or busy.
 */
export function statusFrom(stored: StoredStatusInputs, context: StatusContext): Status {
  const { now, timeZone } = context;
  const { settings, problems: read } = settingsFromStored(stored.settings);
  const problems = recoveryToTell(readRecovery(stored.recovery), now)
    ? [...read, 'recovered-from-sync' as const]
    : read;
  const runtime = heldWhereTheClockMoved(
    stored.runtime === undefined ? EMPTY_RUNTIME : readRuntime(stored.runtime),
    stored.clock,
    now,
    timeZone,
  );
  const schedule = scheduleAt(settings, runtime, now, timeZone);
  const siteProblems = readSiteProblems(
    typeof stored.report === 'object' && stored.report !== null
      ? (stored.report as { problems?: unknown }).problems
      : undefined,
  );
  return {
    active: schedule.active,
    blocking: blockingAt(schedule, now),
    since: schedule.since,
    until: schedule.until,
    nextStart: schedule.nextStart,
    nextEnd: schedule.nextEnd,
    source: schedule.source,
    label: schedule.label,
    timeZone,
    hostAccess: context.hostAccess,
    problems: [...problems.map((code) => ({ code })), ...siteProblems],
    notes: notesFor(settings.notes, schedule, now, timeZone),
    saved: readSaved(stored.saved),
    gentleness: settings.gentleness,
    stepPastsLeft: stepPastsLeft(settings.gentleness, runtime.grants, schedule),
  };
}

/**
 * A page can see the clock or the zone move before the background has held
 * family time (it holds at its next reconcile, within the heartbeat's
 * minute). Meanwhile the page decides as the background will: the same
 * detection (as from another context: only a zone change or a wall clock
 * behind the stored reading tell) and the same hold.
 */
function heldWhereTheClockMoved(
  runtime: Runtime,
  clock: unknown,
  now: number,
  timeZone: string,
): Runtime {
  const seen = readClockSeen(clock);
  const move = detectClockMove(seen, readingElsewhere(now, timeZone), {
    monotonicTicksInSleep: false,
  });
  return heldRuntime(seen, move, runtime, now) ?? runtime;
}

/**
 * The soonest moment the status changes with no stored change: a window edge
 * or a grant's end (the page recomputes then). Null when nothing is ahead.
 */
export function nextStatusChange(status: Status, now: number): number | null {
  const ahead = [status.active ? status.until : status.nextStart].filter(
    (t): t is number => t !== null && t > now,
  );
  return ahead.length > 0 ? Math.min(...ahead) : null;
}
