import type { WeeklyWindow } from '@/utils/settings/schema';
import { formatMinuteOfDay, parseTimeOfDay } from '@/utils/time/temporal';

/** What a person fills in for a window: days, start and end as "HH:MM", a label. */
export interface WindowDraft {
  days: number[];
  start: string;
  end: string;
  label: string;
  enabled: boolean;
}

export type WindowFormError = 'no-days' | 'bad-start' | 'bad-end' | 'zero-length' | 'label-long';

/** Length from start to end; an end at or before the start means the next day. */
export function lengthBetween(startMinute: number, endMinute: number): number {
  return (endMinute - startMinute + 1440) % 1440;
}

export function windowFromDraft(
  draft: WindowDraft,
  id: string,
  now: number,
): { ok: true; window: WeeklyWindow } | { ok: false; errors: WindowFormError[] } {
  const errors: WindowFormError[] = [];
  const start = parseTimeOfDay(draft.start);
  const end = parseTimeOfDay(draft.end);
  if (draft.days.length === 0) errors.push('no-days');
  if (start === null) errors.push('bad-start');
  if (end === null) errors.push('bad-end');
  if (start !== null && end !== null && lengthBetween(start, end) === 0) errors.push('zero-length');
  if (draft.label.trim().length > 80) errors.push('label-long');
  if (errors.length > 0 || start === null || end === null) return { ok: false, errors };
  return {
    ok: true,
    window: {
      id,
      days: [...new Set(draft.days)].sort(),
      startMinute: start,
      lengthMinutes: lengthBetween(start, end),
      label: draft.label.trim(),
      enabled: draft.enabled,
      updatedAt: now,
    },
  };
}

export function crossesMidnight(startMinute: number, lengthMinutes: number): boolean {
  return startMinute + lengthMinutes > 1440;
}

const WEEK_MINUTES = 7 * 1440;

/** Whether two weekly windows share any minute of the week (they then join into one stretch). */
export function windowsOverlap(a: WeeklyWindow, b: WeeklyWindow): boolean {
  for (const dayA of a.days) {
    for (const dayB of b.days) {
      const startA = (dayA - 1) * 1440 + a.startMinute;
      const startB = (dayB - 1) * 1440 + b.startMinute;
      const bAfterA = (startB - startA + WEEK_MINUTES) % WEEK_MINUTES;
      const aAfterB = (startA - startB + WEEK_MINUTES) % WEEK_MINUTES;
      if (bAfterA < a.lengthMinutes || aAfterB < b.lengthMinutes) return true;
    }
  }
  return false;
}

/** A stored window as its form shows it ("HH:MM" times; the end wraps past midnight). */
export function draftOfWindow(w: WeeklyWindow): WindowDraft {
  return {
    days: w.days,
    start: formatMinuteOfDay(w.startMinute),
    end: formatMinuteOfDay((w.startMinute + w.lengthMinutes) % 1440),
    label: w.label,
    enabled: w.enabled,
  };
}

export type DaysKind = 'every-day' | 'weekdays' | 'weekends' | 'some';

/** How a sentence names a set of ISO weekdays: "Weekdays", "Every day", or the days themselves. */
export function daysKind(days: readonly number[]): DaysKind {
  const set = [...new Set(days)].sort().join(',');
  if (set === '1,2,3,4,5,6,7') return 'every-day';
  if (set === '1,2,3,4,5') return 'weekdays';
  if (set === '6,7') return 'weekends';
  return 'some';
}
