import { DAY_MS, MINUTE_MS } from '@/utils/time/temporal';
import type { HistoryEntry } from './entries';

/**
 * History stays bounded: entries from the last DETAIL_WEEKS weeks are kept
 * as they are (the weekly reflection reads them); older ones are rolled up
 * into one `rollup` entry per evening (local date), counting each kind of
 * entry. Format (docs/ARCHITECTURE.md, "The record"):
 *
 *     { type: 'rollup', at, date: 'YYYY-MM-DD', counts: { blocked: 12, 'step-past': 2, … },
 *       minutesGranted, keptMinutes }
 *
 * `at` is the earliest rolled-up entry's time, so key order stays time order.
 */
export const DETAIL_WEEKS = 13;
const WEEK_MS = 7 * DAY_MS;

export type Rollup = Extract<HistoryEntry, { type: 'rollup' }>;

/** Where detail ends: entries before this are rolled up. */
export function detailCutoff(now: number): number {
  return now - DETAIL_WEEKS * WEEK_MS;
}

function localDate(at: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(at)
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toString();
}

/**
 * Splits entries into those kept in detail and per-evening rollups of the
 * rest, merged with any rollups already there. Pure; counts are never lost:
 * the sum over rollups and detail of each kind equals what went in.
 */
export function rollUp(
  entries: readonly HistoryEntry[],
  now: number,
  timeZone: string,
): { detail: HistoryEntry[]; rollups: Rollup[] } {
  const cutoff = detailCutoff(now);
  const detail: HistoryEntry[] = [];
  const byDate = new Map<string, Rollup>();
  const into = (date: string, at: number): Rollup => {
    let r = byDate.get(date);
    if (!r) {
      r = { type: 'rollup', at, date, counts: {}, minutesGranted: 0, keptMinutes: 0 };
      byDate.set(date, r);
    }
    r.at = Math.min(r.at, at);
    return r;
  };
  for (const entry of entries) {
    if (entry.type === 'rollup') {
      const r = into(entry.date, entry.at);
      for (const [kind, n] of Object.entries(entry.counts))
        r.counts[kind] = (r.counts[kind] ?? 0) + n;
      r.minutesGranted += entry.minutesGranted;
      r.keptMinutes += entry.keptMinutes;
      continue;
    }
    if (entry.at >= cutoff) {
      detail.push(entry);
      continue;
    }
    const r = into(localDate(entry.at, timeZone), entry.at);
    r.counts[entry.type] = (r.counts[entry.type] ?? 0) + 1;
    if (entry.type === 'step-past') r.minutesGranted += entry.minutesGranted;
    if (entry.type === 'kept') r.keptMinutes += Math.round((entry.end - entry.start) / MINUTE_MS);
  }
  const rollups = [...byDate.values()].sort((a, b) => a.at - b.at);
  return { detail, rollups };
}
