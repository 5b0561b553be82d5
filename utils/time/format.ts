import { MINUTE_MS, zoned } from './temporal';

/** "20:30" or "8:30 PM", as the parent's language writes clock times. */
export function formatClock(epochMs: number, timeZone: string, locale: string): string {
  return keepTogether(
    zoned(epochMs, timeZone).toLocaleString(locale, { hour: 'numeric', minute: '2-digit' }),
  );
}

/** "10:35 PM" never breaks between the time and its "PM". */
function keepTogether(clock: string): string {
  return clock.replace(/ /g, '\u00a0');
}

export type DayWord = 'today' | 'tomorrow' | 'weekday';

/** Whether an instant falls today, tomorrow or later, in local dates. */
export function dayWord(epochMs: number, now: number, timeZone: string): DayWord {
  const days = zoned(now, timeZone)
    .toPlainDate()
    .until(zoned(epochMs, timeZone).toPlainDate()).days;
  if (days <= 0) return 'today';
  return days === 1 ? 'tomorrow' : 'weekday';
}

export function formatWeekday(epochMs: number, timeZone: string, locale: string): string {
  return zoned(epochMs, timeZone).toLocaleString(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'short',
  });
}

/** Whole minutes left, rounded up so "0 minutes" never shows while time remains. */
export function minutesLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / MINUTE_MS));
}

/** A wall-clock minute of the day as the parent's language writes it. */
export function formatMinute(minute: number, locale: string): string {
  const time = new Temporal.PlainTime(Math.floor(minute / 60) % 24, minute % 60);
  return keepTogether(time.toLocaleString(locale, { hour: 'numeric', minute: '2-digit' }));
}

/** Short weekday names, Monday first, in the parent's language. */
export function weekdayNames(locale: string, style: 'short' | 'long' = 'short'): string[] {
  const monday = new Temporal.PlainDate(2024, 1, 1);
  return Array.from({ length: 7 }, (_, i) =>
    monday.add({ days: i }).toLocaleString(locale, { weekday: style }),
  );
}

export function formatDate(isoDate: string, locale: string): string {
  return Temporal.PlainDate.from(isoDate).toLocaleString(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
}
