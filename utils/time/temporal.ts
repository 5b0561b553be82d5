// Wall-clock time comes from Temporal. Chromium >= 144 and Firefox >= 139 ship
// it natively (the manifest's minimum versions guarantee it), so the extension
// bundles no polyfill; unit tests on Node install `temporal-polyfill/global`.
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
/** A day of elapsed time (not a calendar day: those are Temporal's, DST included). */
export const DAY_MS = 24 * HOUR_MS;

export type Clock = () => number;
export const systemClock: Clock = () => Date.now();

export function systemTimeZone(): string {
  return Temporal.Now.timeZoneId();
}

export function zoned(epochMs: number, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
}

/** "18:00"-style local time of an instant, in 24 h form; pages format for display. */
export function minuteOfDay(epochMs: number, timeZone: string): number {
  const z = zoned(epochMs, timeZone);
  return z.hour * 60 + z.minute;
}

export function formatMinuteOfDay(minute: number): string {
  const h = Math.floor(minute / 60) % 24;
  const m = minute % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

export function parseTimeOfDay(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (h > 23 || m > 59) return null;
  return h * 60 + m;
}
