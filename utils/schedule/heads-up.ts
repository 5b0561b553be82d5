import type { ScheduleState } from '@/utils/schedule/schedule';
import type { HeadsUp } from '@/utils/settings/schema';
import { MINUTE_MS } from '@/utils/time/temporal';

/**
 * Whether to say "family time soon" now: within the heads-up lead time before
 * the next start, and not already said for that start (a woken worker or a
 * heartbeat must not say it twice).
 */
export function headsUpDue(
  headsUp: HeadsUp,
  schedule: ScheduleState,
  now: number,
  saidFor: number | null,
): boolean {
  if (!headsUp.enabled || schedule.active || schedule.nextStart === null) return false;
  if (saidFor === schedule.nextStart) return false;
  return now >= schedule.nextStart - headsUp.minutesBefore * MINUTE_MS && now < schedule.nextStart;
}

/** Whole minutes until the start, for the notification's words. */
export function minutesUntil(start: number, now: number): number {
  return Math.max(1, Math.round((start - now) / MINUTE_MS));
}
