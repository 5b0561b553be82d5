import type { DateException, Settings, WeeklyWindow } from '@/utils/settings/schema';
import { MINUTE_MS } from '@/utils/time/temporal';

/** A stretch of family time in exact time: [start, end) in epoch ms. */
export interface Interval {
  start: number;
  end: number;
  label: string;
}

/** Runtime facts the parent created by hand; they outlive a killed worker in storage. */
export interface ManualState {
  /** "Start family time now": active from `start` until `end`. */
  session: { start: number; end: number } | null;
  /** "End family time early": scheduled time in [start, end) does not count. */
  pause: { start: number; end: number } | null;
}

export interface ScheduleState {
  active: boolean;
  /** When the current stretch began (active) — null when inactive. */
  since: number | null;
  /** When the current stretch ends (active) — null when inactive. */
  until: number | null;
  /** The next time family time starts after now (or after `until` when active). */
  nextStart: number | null;
  /** When the stretch starting at `nextStart` ends. */
  nextEnd: number | null;
  /** The next time the state flips: `until` when active, else `nextStart`. */
  nextEdge: number | null;
  source: 'schedule' | 'manual' | null;
  label: string;
}

/**
 * A local wall-clock time on a date as an exact instant. Spring-forward gaps
 * resolve forward ("compatible": 02:30 that does not exist becomes 03:30) and a
 * repeated autumn hour resolves to its first occurrence.
 */
function wallToEpoch(date: Temporal.PlainDate, minute: number, timeZone: string): number {
  const dateTime = date.toPlainDateTime({ hour: Math.floor(minute / 60), minute: minute % 60 });
  return dateTime.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** One occurrence: starts at local start time, ends at the local wall time start + length. */
export function occurrence(
  date: Temporal.PlainDate,
  startMinute: number,
  lengthMinutes: number,
  timeZone: string,
  label: string,
): Interval {
  const start = wallToEpoch(date, startMinute, timeZone);
  const endWall = date
    .toPlainDateTime({ hour: Math.floor(startMinute / 60), minute: startMinute % 60 })
    .add({ minutes: lengthMinutes });
  let end = endWall.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
  // A window swallowed by a DST shift still lasts as long as it says, never zero.
  if (end <= start) end = start + lengthMinutes * MINUTE_MS;
  return { start, end, label };
}

function isSkipped(date: Temporal.PlainDate, exceptions: readonly DateException[]): boolean {
  const day = date.toString();
  return exceptions.some((e) => e.kind === 'skip' && e.from <= day && day <= e.to);
}

function windowStartsOn(w: WeeklyWindow, date: Temporal.PlainDate): boolean {
  return w.enabled && w.days.includes(date.dayOfWeek);
}

/** Every scheduled occurrence starting on local dates [from, to], skips applied. */
export function occurrencesOnDates(
  settings: Pick<Settings, 'windows' | 'exceptions'>,
  from: Temporal.PlainDate,
  to: Temporal.PlainDate,
  timeZone: string,
): Interval[] {
  const out: Interval[] = [];
  for (let d = from; Temporal.PlainDate.compare(d, to) <= 0; d = d.add({ days: 1 })) {
    if (isSkipped(d, settings.exceptions)) continue;
    for (const w of settings.windows) {
      if (windowStartsOn(w, d))
        out.push(occurrence(d, w.startMinute, w.lengthMinutes, timeZone, w.label));
    }
    const day = d.toString();
    for (const e of settings.exceptions) {
      if (e.kind === 'extra' && e.date === day) {
        out.push(occurrence(d, e.startMinute, e.lengthMinutes, timeZone, e.label));
      }
    }
  }
  return out;
}

/** Sorted union; touching stretches join, so back-to-back windows are one evening. */
export function union(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) {
      if (i.end > last.end) last.end = i.end;
      if (!last.label) last.label = i.label;
    } else out.push({ ...i });
  }
  return out;
}

function subtract(
  intervals: readonly Interval[],
  cut: { start: number; end: number } | null,
): Interval[] {
  if (!cut || cut.end <= cut.start) return [...intervals];
  const out: Interval[] = [];
  for (const i of intervals) {
    if (i.end <= cut.start || i.start >= cut.end) out.push(i);
    else {
      if (i.start < cut.start) out.push({ ...i, end: cut.start });
      if (i.end > cut.end) out.push({ ...i, start: cut.end });
    }
  }
  return out;
}

const LOOK_BEHIND_DAYS = 2; // a window is at most a day long, plus DST slack
const NEAR_DAYS = 14;
const HORIZON_DAYS = 400; // past a year of skips there is no next window to find

/**
 * Family time as stretches covering occurrences that start on local dates
 * [today - 2, today + daysAhead]: scheduled occurrences minus a pause, plus a
 * manual session.
 */
export function stretchesAround(
  settings: Pick<Settings, 'windows' | 'exceptions'>,
  manual: ManualState,
  now: number,
  timeZone: string,
  daysAhead: number,
): Interval[] {
  const today = Temporal.Instant.fromEpochMilliseconds(now)
    .toZonedDateTimeISO(timeZone)
    .toPlainDate();
  const scheduled = subtract(
    union(
      occurrencesOnDates(
        settings,
        today.subtract({ days: LOOK_BEHIND_DAYS }),
        today.add({ days: daysAhead }),
        timeZone,
      ),
    ),
    manual.pause,
  );
  const manualStretch = manual.session ? [{ ...manual.session, label: '' }] : [];
  return union([...scheduled, ...manualStretch]);
}

/** Is family time active at `now`, until when, and when is the next edge. */
export function scheduleAt(
  settings: Pick<Settings, 'windows' | 'exceptions'>,
  manual: ManualState,
  now: number,
  timeZone: string,
): ScheduleState {
  // Later dates only add later starts, so the near look is exact when it finds a next start.
  let stretches = stretchesAround(settings, manual, now, timeZone, NEAR_DAYS);
  if (!stretches.some((s) => s.start > now)) {
    stretches = stretchesAround(settings, manual, now, timeZone, HORIZON_DAYS);
  }
  const current = stretches.find((s) => s.start <= now && now < s.end);
  const next = stretches.find((s) => s.start > now);
  const nextStart = next?.start ?? null;
  const nextEnd = next?.end ?? null;
  if (!current) {
    return {
      active: false,
      since: null,
      until: null,
      nextStart,
      nextEnd,
      nextEdge: nextStart,
      source: null,
      label: '',
    };
  }
  const inSession =
    manual.session !== null && manual.session.start <= now && now < manual.session.end;
  return {
    active: true,
    since: current.start,
    until: current.end,
    nextStart,
    nextEnd,
    nextEdge: current.end,
    source:
      inSession && !coveredBySchedule(settings, manual, now, timeZone) ? 'manual' : 'schedule',
    label: current.label,
  };
}

function coveredBySchedule(
  settings: Pick<Settings, 'windows' | 'exceptions'>,
  manual: ManualState,
  now: number,
  timeZone: string,
): boolean {
  const withoutSession = stretchesAround(settings, { ...manual, session: null }, now, timeZone, 1);
  return withoutSession.some((s) => s.start <= now && now < s.end);
}
