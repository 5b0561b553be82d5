import type { HistoryEntry } from '@/utils/history/entries';
import { MINUTE_MS, zoned } from '@/utils/time/temporal';

/**
 * The week maths of "Your week": pure, from the honest record only.
 *
 * A *stretch* is one run of family time as the record tells it: a `kept`
 * entry (it ran its course) or an `ended-early` one (it ended when the
 * parent said so). The record already holds the parent's own windows as
 * they were that day (manual sessions, exceptions, windows crossing
 * midnight, DST days), so nothing here re-reads the schedule.
 *
 * An *evening* is a local date with at least one stretch starting on it; a
 * stretch from 23:00 to 01:00 belongs to the evening it started on. An
 * evening is *kept whole* when none of its stretches was ended early and no
 * step-past began inside one. Weeks run Monday to Sunday in local dates.
 */

export interface StepPastFact {
  at: number;
  host: string;
  reason: string;
  minutesGranted: number;
  /** From the grant's closing entry; null while no closing entry is in the record. */
  minutesUsed: number | null;
}

export interface EndedEarlyFact {
  at: number;
  reason: string;
  /** Minutes of the stretch that were still planned when it ended. */
  minutesLeft: number;
}

export interface Stretch {
  start: number;
  end: number;
  endedEarly: EndedEarlyFact | null;
}

export interface DayBar {
  /** Local ISO date. */
  date: string;
  familyMinutes: number;
  /** Minutes of family time spent on a stepped-past site (never more than familyMinutes). */
  steppedPastMinutes: number;
  /** Whether the day had family time and kept it whole. */
  kept: boolean;
  hadFamilyTime: boolean;
}

export interface WeekSummary {
  /** Local ISO date of the Monday. */
  weekStart: string;
  days: DayBar[];
  evenings: number;
  eveningsKept: number;
  familyMinutes: number;
  steppedPastMinutes: number;
  /** Family time that stayed family time: familyMinutes - steppedPastMinutes. */
  minutesProtected: number;
  /** Sites reached for (reminder shown), most first, then by name. */
  reached: { host: string; count: number }[];
  stepPasts: StepPastFact[];
  endedEarly: EndedEarlyFact[];
  saved: number;
  reopened: number;
  /** "Tonight" notes written for evenings of this week (from the notes still kept). */
  notes: number;
  /** Stretches of the week, for the suggestion rules. */
  stretches: Stretch[];
  /** Each reach inside family time: which site, how many minutes into the stretch. */
  reaches: { host: string; minutesIn: number }[];
}

/** The parts of the week a page needs from the record and settings. */
export interface WeekInput {
  /** The record, oldest first (as utils/browser/history-store reads it). */
  entries: readonly HistoryEntry[];
  timeZone: string;
  /** Local dates of the "tonight" notes still stored. */
  noteDates?: readonly string[];
}

const localDate = (at: number, timeZone: string) => zoned(at, timeZone).toPlainDate().toString();

/** Monday (local ISO date) of the week an instant falls in. */
export function weekStartOf(at: number, timeZone: string): string {
  const date = zoned(at, timeZone).toPlainDate();
  return date.subtract({ days: date.dayOfWeek - 1 }).toString();
}

/** The Monday `weeks` weeks before (negative) or after the given Monday. */
export function shiftWeek(weekStart: string, weeks: number): string {
  return Temporal.PlainDate.from(weekStart).add({ weeks }).toString();
}

/** The exact instant a local date begins (midnight, or the first moment after a DST gap). */
export function startOfDate(date: string, timeZone: string): number {
  return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone }).epochMilliseconds;
}

/**
 * Every stretch in the record, sorted by start. Stretches never overlap in a
 * record reconcile wrote; if two do anyway (a hand-edited or restored
 * record), the later one is trimmed so no minute counts twice.
 */
export function stretchesOf(entries: readonly HistoryEntry[]): Stretch[] {
  const out: Stretch[] = [];
  for (const e of entries) {
    if (e.type === 'kept') out.push({ start: e.start, end: e.end, endedEarly: null });
    else if (e.type === 'ended-early') {
      const start = e.start ?? e.at;
      out.push({
        start,
        end: Math.max(start, e.at),
        endedEarly: {
          at: e.at,
          reason: e.reason,
          minutesLeft: Math.max(0, Math.round((e.plannedEnd - e.at) / MINUTE_MS)),
        },
      });
    }
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  let reach = Number.NEGATIVE_INFINITY;
  const trimmed: Stretch[] = [];
  for (const s of out) {
    const start = Math.max(s.start, reach);
    if (s.end <= start && !s.endedEarly) continue;
    trimmed.push({ ...s, start: Math.min(start, s.end) });
    reach = Math.max(reach, s.end);
  }
  return trimmed;
}

/** The stretch containing `at` ([start, end)), by binary search over sorted stretches. */
export function stretchAt(stretches: readonly Stretch[], at: number): Stretch | null {
  let lo = 0;
  let hi = stretches.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = stretches[mid] as Stretch;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return s;
  }
  return null;
}

/**
 * The local date an entry belongs to: the evening of the stretch it happened
 * in, else its own date. A step-past at 00:20 in a window from 23:00 belongs
 * to the evening before.
 */
export function eveningDateOf(
  at: number,
  stretches: readonly Stretch[],
  timeZone: string,
  cache?: Map<number, string>,
): string {
  const s = stretchAt(stretches, at);
  const key = s ? s.start : at;
  const hit = cache?.get(key);
  if (hit !== undefined) return hit;
  const date = localDate(key, timeZone);
  cache?.set(key, date);
  return date;
}

/** Length of a union of intervals: two step-pasts at once are still one minute away per minute. */
function unionMs(intervals: [number, number][]): number {
  intervals.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let from = Number.NEGATIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const [a, b] of intervals) {
    if (b <= a) continue;
    if (a > to) {
      if (to > from) total += to - from;
      from = a;
      to = b;
    } else if (b > to) to = b;
  }
  if (to > from) total += to - from;
  return total;
}

/**
 * The whole record, read once, ready to summarise any of its weeks. Built
 * once per page view; each week is then a cheap lookup.
 */
export interface Reflection {
  timeZone: string;
  stretches: Stretch[];
  /** Entries grouped by the local date of their evening. */
  byDate: Map<string, HistoryEntry[]>;
  /** Stretches grouped by their start's local date. */
  stretchesByDate: Map<string, Stretch[]>;
  minutesUsed: Map<string, number>;
  noteDates: readonly string[];
}

/** The moment that places an entry: a stretch's own entries and closing grants belong to their evening. */
function belongsAt(e: HistoryEntry): number {
  if (e.type === 'kept') return e.start;
  if (e.type === 'ended-early') return e.start ?? e.at;
  if (e.type === 'step-past-ended') return e.at - 1;
  return e.at;
}

export function reflect({ entries, timeZone, noteDates = [] }: WeekInput): Reflection {
  const stretches = stretchesOf(entries);
  const cache = new Map<number, string>();
  const byDate = new Map<string, HistoryEntry[]>();
  const minutesUsed = new Map<string, number>();
  for (const e of entries) {
    if (e.type === 'step-past-ended') minutesUsed.set(e.grantId, e.minutesUsed);
    const date = eveningDateOf(belongsAt(e), stretches, timeZone, cache);
    const list = byDate.get(date);
    if (list) list.push(e);
    else byDate.set(date, [e]);
  }
  const stretchesByDate = new Map<string, Stretch[]>();
  for (const s of stretches) {
    const date = eveningDateOf(s.start, stretches, timeZone, cache);
    const list = stretchesByDate.get(date);
    if (list) list.push(s);
    else stretchesByDate.set(date, [s]);
  }
  return { timeZone, stretches, byDate, stretchesByDate, minutesUsed, noteDates };
}

/** The week starting on the Monday `weekStart`, summarised. */
export function summarizeWeek(r: Reflection, weekStart: string): WeekSummary {
  const monday = Temporal.PlainDate.from(weekStart);
  const days: DayBar[] = [];
  const reached = new Map<string, number>();
  const stepPasts: StepPastFact[] = [];
  const endedEarly: EndedEarlyFact[] = [];
  const weekStretches: Stretch[] = [];
  const reaches: { host: string; minutesIn: number }[] = [];
  let saved = 0;
  let reopened = 0;
  let notes = 0;
  const dates: string[] = [];
  for (let i = 0; i < 7; i++) dates.push(monday.add({ days: i }).toString());
  const last = dates[6] as string;
  for (const d of r.noteDates) if (d >= weekStart && d <= last) notes += 1;

  for (const date of dates) {
    const stretches = r.stretchesByDate.get(date) ?? [];
    weekStretches.push(...stretches);
    let familyMs = 0;
    const away: [number, number][] = [];
    let whole = stretches.length > 0;
    for (const s of stretches) {
      familyMs += s.end - s.start;
      if (s.endedEarly) {
        whole = false;
        endedEarly.push(s.endedEarly);
      }
    }
    for (const e of r.byDate.get(date) ?? []) {
      switch (e.type) {
        case 'blocked': {
          reached.set(e.host, (reached.get(e.host) ?? 0) + 1);
          const s = stretchAt(r.stretches, e.at);
          if (s)
            reaches.push({ host: e.host, minutesIn: Math.floor((e.at - s.start) / MINUTE_MS) });
          break;
        }
        case 'saved':
          saved += 1;
          break;
        case 'reopened':
          reopened += 1;
          break;
        case 'step-past': {
          const used = r.minutesUsed.get(e.grantId) ?? null;
          stepPasts.push({
            at: e.at,
            host: e.host,
            reason: e.reason,
            minutesGranted: e.minutesGranted,
            minutesUsed: used,
          });
          const s = stretchAt(r.stretches, e.at);
          if (s) {
            whole = false;
            const usedMs = (used ?? e.minutesGranted) * MINUTE_MS;
            away.push([e.at, Math.min(e.at + usedMs, s.end)]);
          }
          break;
        }
        default:
          break;
      }
    }
    const familyMinutes = Math.round(familyMs / MINUTE_MS);
    days.push({
      date,
      familyMinutes,
      steppedPastMinutes: Math.min(familyMinutes, Math.round(unionMs(away) / MINUTE_MS)),
      kept: whole,
      hadFamilyTime: stretches.length > 0,
    });
  }
  const familyMinutes = days.reduce((n, d) => n + d.familyMinutes, 0);
  const steppedPastMinutes = days.reduce((n, d) => n + d.steppedPastMinutes, 0);
  return {
    weekStart,
    days,
    evenings: days.filter((d) => d.hadFamilyTime).length,
    eveningsKept: days.filter((d) => d.kept).length,
    familyMinutes,
    steppedPastMinutes,
    minutesProtected: familyMinutes - steppedPastMinutes,
    reached: [...reached]
      .map(([host, count]) => ({ host, count }))
      .sort((a, b) => b.count - a.count || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0)),
    stepPasts,
    endedEarly,
    saved,
    reopened,
    notes,
    stretches: weekStretches,
    reaches,
  };
}

/** The `count` weeks ending with the one `now` falls in, newest first. */
export function recentWeeks(now: number, timeZone: string, count: number): string[] {
  const current = weekStartOf(now, timeZone);
  return Array.from({ length: count }, (_, i) => shiftWeek(current, -i));
}

export type Comparison =
  | { kind: 'none' }
  | { kind: 'more'; by: number }
  | { kind: 'fewer'; by: number; before: number }
  | { kind: 'same'; kept: number };

/** This week's evenings kept beside last week's, for plain words (never a percentage). */
export function compareWeeks(week: WeekSummary, before: WeekSummary | null): Comparison {
  if (!before || before.evenings === 0 || week.evenings === 0) return { kind: 'none' };
  const diff = week.eveningsKept - before.eveningsKept;
  if (diff > 0) return { kind: 'more', by: diff };
  if (diff < 0) return { kind: 'fewer', by: -diff, before: before.eveningsKept };
  return { kind: 'same', kept: week.eveningsKept };
}

export interface EveningGroup {
  /** Local ISO date of the evening (or of the entries, outside family time). */
  date: string;
  /** The evening's entries, newest first. */
  entries: HistoryEntry[];
}

/** The history list: grouped by evening, newest evening first, newest entry first. */
export function groupByEvening(r: Reflection): EveningGroup[] {
  return [...r.byDate.keys()]
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .map((date) => ({
      date,
      entries: [...(r.byDate.get(date) ?? [])].sort((a, b) => b.at - a.at),
    }));
}

/** Twelve weeks are kept in detail (older ones may be rolled up), so twelve can be paged. */
export const WEEKS_SHOWN = 12;

/** Whether the record holds at least one evening (the popup's link appears then). */
export function hasAnEvening(entries: readonly HistoryEntry[]): boolean {
  return entries.some((e) => e.type === 'kept' || e.type === 'ended-early');
}

/** The instant from which the detailed record is needed to show `weeks` weeks. */
export function recordNeededFrom(now: number, timeZone: string, weeks: number): number {
  const oldest = shiftWeek(weekStartOf(now, timeZone), -(weeks - 1));
  // A stretch that began the evening before still counts on its own date; a day of slack is plenty.
  return startOfDate(oldest, timeZone) - 24 * 60 * MINUTE_MS;
}
