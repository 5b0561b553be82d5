import { Temporal } from 'temporal-polyfill';
import { defaultSettings } from '../../utils/settings/schema';

/**
 * The time zone browsers under test run in (TZ in their environment).
 *
 * HEARTH_E2E_TZ names it: an IANA zone, or `in-default-window`, which picks
 * the whole-hour zone (Etc/GMT±N) where "now" falls inside one of the default
 * settings' enabled windows (weekdays 18:00-20:30), with the most of it left.
 * Every e2e test must pin the clock or the schedule it depends on; running the
 * suite with `HEARTH_E2E_TZ=in-default-window` proves that none leans on the
 * default window being off at the hour the suite happens to run.
 */
export function e2eTimeZone(fallback: string): string {
  const asked = process.env.HEARTH_E2E_TZ;
  if (asked === undefined || asked === '') return fallback;
  if (asked !== 'in-default-window') return asked;
  // Picked once per test file, so Chromium and Firefox in one file share it.
  picked ??= zoneInsideDefaultWindow(Date.now());
  return picked;
}
let picked: string | undefined;

/** Minutes left of a default window at `now` in `zone`, or 0 outside every one. */
export function defaultWindowMinutesLeft(zone: string, now: number): number {
  const local = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(zone);
  const minute = local.hour * 60 + local.minute;
  let left = 0;
  for (const w of defaultSettings().windows) {
    if (!w.enabled || !w.days.includes(local.dayOfWeek)) continue;
    const end = w.startMinute + w.lengthMinutes;
    if (w.startMinute <= minute && minute < end) left = Math.max(left, end - minute);
  }
  return left;
}

/** The Etc/GMT zone where `now` is inside a default window with the most minutes left. */
export function zoneInsideDefaultWindow(now: number): string {
  let best: { zone: string; left: number } | null = null;
  for (let offset = -12; offset <= 14; offset += 1) {
    // POSIX sign: Etc/GMT-10 is ten hours ahead of UTC.
    const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const left = defaultWindowMinutesLeft(zone, now);
    if (left > 0 && (best === null || left > best.left)) best = { zone, left };
  }
  if (best === null) {
    throw new Error(
      'HEARTH_E2E_TZ=in-default-window: no whole-hour zone has a default window open right now ' +
        '(weekend in every zone that is at 18:00-20:30); name a zone instead.',
    );
  }
  return best.zone;
}

/**
 * The Etc/GMT zone where it is now about midday (10:00-14:00): no evening
 * window, chosen or default, is open there for hours. For a test that walks
 * through choosing a window and must know it is not on yet.
 */
export function zoneAtMidday(now: number): string {
  const utcHour = new Date(now).getUTCHours();
  // POSIX sign: Etc/GMT-2 is two hours ahead of UTC. Whole-hour offsets run -12 to +14.
  const ahead = ((12 - utcHour + 36) % 24) - 12;
  return ahead === 0 ? 'Etc/GMT' : `Etc/GMT${ahead > 0 ? '-' : '+'}${Math.abs(ahead)}`;
}
