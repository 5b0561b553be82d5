import type { WeekSummary } from '@/utils/history/week';
import { minuteOfDay } from '@/utils/time/temporal';

/**
 * At most one gentle suggestion for a week, computed from the record. Each
 * rule says something only when the data makes it useful, and names the
 * setting it points to (an options section id). Rules are tried in order;
 * the first that has something to say wins, and saying nothing is fine.
 */
export type Suggestion =
  /** The same reason again and again: an allowed site may serve better than stepping past. */
  | { kind: 'repeated-reason'; reason: string; count: number; setting: 'sites' }
  /** One site reached for mostly early in the evening: an earlier heads-up or note may help. */
  | { kind: 'early-reach'; host: string; noteAt: number; setting: 'heads-up' }
  /** Step-pasts mostly used for much less than granted: shorter ones may fit. */
  | { kind: 'shorter-step-past'; used: number; granted: number; setting: 'gentleness' };

export const REPEATED_REASON_MIN = 3;
export const EARLY_REACH_MIN = 3;
/** "Early" means within this many minutes of the start of family time. */
export const EARLY_MINUTES = 15;
export const SHORTER_MIN_STEP_PASTS = 3;
/** A note written this many minutes before the usual start. */
export const NOTE_LEAD_MINUTES = 15;

const normalise = (reason: string) => reason.trim().toLocaleLowerCase().replace(/\s+/g, ' ');

export function repeatedReason(week: WeekSummary): Suggestion | null {
  const counts = new Map<string, { reason: string; count: number }>();
  for (const s of week.stepPasts) {
    const key = normalise(s.reason);
    if (!key) continue;
    const hit = counts.get(key);
    if (hit) hit.count += 1;
    else counts.set(key, { reason: s.reason.trim(), count: 1 });
  }
  let best: { reason: string; count: number } | null = null;
  for (const c of counts.values()) if (!best || c.count > best.count) best = c;
  if (!best || best.count < REPEATED_REASON_MIN) return null;
  return { kind: 'repeated-reason', reason: best.reason, count: best.count, setting: 'sites' };
}

/** The most common start minute of the week's stretches (earliest on a tie). */
function usualStart(week: WeekSummary, timeZone: string): number | null {
  const counts = new Map<number, number>();
  for (const s of week.stretches) {
    const m = minuteOfDay(s.start, timeZone);
    counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  let best: [number, number] | null = null;
  for (const [m, n] of counts)
    if (!best || n > best[1] || (n === best[1] && m < best[0])) best = [m, n];
  return best ? best[0] : null;
}

export function earlyReach(week: WeekSummary, timeZone: string): Suggestion | null {
  const top = week.reached[0];
  if (!top) return null;
  const inside = week.reaches.filter((r) => r.host === top.host);
  const early = inside.filter((r) => r.minutesIn < EARLY_MINUTES).length;
  // "Mostly": at least the minimum, and more than half of its reaches in family time.
  if (early < EARLY_REACH_MIN || early * 2 <= inside.length) return null;
  const start = usualStart(week, timeZone);
  if (start === null) return null;
  const noteAt = (start - NOTE_LEAD_MINUTES + 1440) % 1440;
  return { kind: 'early-reach', host: top.host, noteAt, setting: 'heads-up' };
}

export function shorterStepPast(week: WeekSummary): Suggestion | null {
  const closed = week.stepPasts.filter((s) => s.minutesUsed !== null);
  if (closed.length < SHORTER_MIN_STEP_PASTS) return null;
  const used = closed.reduce((n, s) => n + (s.minutesUsed ?? 0), 0);
  const granted = closed.reduce((n, s) => n + s.minutesGranted, 0);
  if (granted === 0 || used * 2 > granted) return null;
  return {
    kind: 'shorter-step-past',
    used: Math.max(1, Math.round(used / closed.length)),
    granted: Math.round(granted / closed.length),
    setting: 'gentleness',
  };
}

export function suggestionFor(week: WeekSummary, timeZone: string): Suggestion | null {
  return repeatedReason(week) ?? earlyReach(week, timeZone) ?? shorterStepPast(week);
}
