import { systemTimeZone } from '@/utils/time/temporal';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The zones `npm run test:unit` runs under; tests that take a zone use them all. */
export const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  // Clocks change at midnight here: a day that begins at 01:00, an hour before midnight twice.
  'America/Santiago',
] as const;

/** Every named zone plus the process zone (TZ), which the adapters use. */
export function zonesWithSystem(): string[] {
  return [...ZONES, systemTimeZone()];
}

/**
 * The exact instant of a local wall-clock time, computed with Temporal directly
 * (not through the code under test). `text` is "2025-06-02T18:00".
 */
export function wall(
  timeZone: string,
  text: string,
  disambiguation: Temporal.DisambiguationOptions['disambiguation'] = 'compatible',
): number {
  return Temporal.PlainDateTime.from(text).toZonedDateTime(timeZone, { disambiguation })
    .epochMilliseconds;
}

/** The local wall-clock text of an instant, for readable failure messages. */
export function local(epochMs: number | null, timeZone: string): string {
  if (epochMs === null) return 'null';
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone).toString();
}

/** Offset changes of a zone in [from, to), as instants. */
export function transitions(timeZone: string, fromYear: number, toYear: number): number[] {
  const out: number[] = [];
  let at: Temporal.ZonedDateTime | null = Temporal.ZonedDateTime.from({
    timeZone,
    year: fromYear,
    month: 1,
    day: 1,
  });
  for (;;) {
    at = at.getTimeZoneTransition('next');
    if (!at || at.year >= toYear) break;
    out.push(at.epochMilliseconds);
  }
  return out;
}
