import * as v from 'valibot';
import { LOOSENINGS } from '@/utils/settings/loosening';

/**
 * The honest record the weekly reflection reads. Append-only: entries are
 * never rewritten; the only removal is the parent's explicit "clear history".
 */
export const HistoryEntrySchema = v.variant('type', [
  v.object({ type: v.literal('blocked'), at: v.number(), host: v.string() }),
  v.object({
    type: v.literal('step-past'),
    at: v.number(),
    grantId: v.string(),
    host: v.string(),
    pattern: v.string(),
    reason: v.string(),
    waitedSeconds: v.number(),
    minutesGranted: v.number(),
  }),
  /** When a grant closed: its time ran out, or the parent left the site. */
  v.object({
    type: v.literal('step-past-ended'),
    at: v.number(),
    grantId: v.string(),
    minutesUsed: v.number(),
    how: v.picklist(['expired', 'left', 'family-time-ended']),
  }),
  v.object({ type: v.literal('saved'), at: v.number(), url: v.string() }),
  v.object({ type: v.literal('reopened'), at: v.number(), url: v.string() }),
  v.object({ type: v.literal('kept'), at: v.number(), start: v.number(), end: v.number() }),
  v.object({
    type: v.literal('ended-early'),
    at: v.number(),
    start: v.nullable(v.number()),
    plannedEnd: v.number(),
    reason: v.string(),
  }),
  v.object({ type: v.literal('budget-spent'), at: v.number(), host: v.string() }),
  /** Blocking loosened while family time was on (utils/settings/loosening.ts), and why. */
  v.object({
    type: v.literal('loosened'),
    at: v.number(),
    what: v.array(v.picklist(LOOSENINGS)),
    reason: v.string(),
  }),
  /** Older history, rolled up per evening (utils/history/rollup.ts). */
  v.object({
    type: v.literal('rollup'),
    at: v.number(),
    date: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/)),
    counts: v.record(v.string(), v.pipe(v.number(), v.integer(), v.minValue(0))),
    minutesGranted: v.number(),
    keptMinutes: v.number(),
  }),
  /** The system clock jumped, or the time zone changed, while family time was on. */
  v.object({
    type: v.literal('clock-moved'),
    at: v.number(),
    /** How far the clock moved (ms; 0 for a time-zone change alone). */
    jumpMs: v.number(),
    fromZone: v.string(),
    toZone: v.string(),
  }),
]);

export type HistoryEntry = v.InferOutput<typeof HistoryEntrySchema>;

/** Keys sort by time, so reading the store in key order reads history in order. */
export function historyKey(at: number, salt: string): string {
  return `${String(at).padStart(15, '0')}-${salt}`;
}
