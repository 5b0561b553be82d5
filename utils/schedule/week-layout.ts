import { occurrence } from '@/utils/schedule/schedule';
import type { Settings } from '@/utils/settings/schema';
import { zoned } from '@/utils/time/temporal';

/** One piece of a window drawn in a day column, in local wall-clock minutes. */
export interface WeekBlock {
  /** The window or extra exception it belongs to. */
  sourceId: string;
  kind: 'window' | 'extra';
  /** 0 = the week's first day. */
  day: number;
  startMinute: number;
  /** Up to 1440 (midnight at the day's end). */
  endMinute: number;
  label: string;
  /** Began the day before (a window that crosses midnight). */
  fromPreviousDay: boolean;
  /** Runs on past midnight. */
  intoNextDay: boolean;
}

/** Monday of the week that holds `date`. */
export function weekStart(date: Temporal.PlainDate): Temporal.PlainDate {
  return date.subtract({ days: date.dayOfWeek - 1 });
}

/**
 * Every enabled window and extra window of the week starting `monday`, cut at
 * local midnights, so one that crosses midnight is drawn on both days. Drawn
 * by wall clock: on a DST day a window keeps its wall-clock start and end.
 * Skipped dates draw nothing.
 */
export function weekBlocks(
  settings: Pick<Settings, 'windows' | 'exceptions'>,
  monday: Temporal.PlainDate,
  timeZone: string,
): WeekBlock[] {
  const blocks: WeekBlock[] = [];
  const skipped = (day: string) =>
    settings.exceptions.some((e) => e.kind === 'skip' && e.from <= day && day <= e.to);
  const place = (
    sourceId: string,
    kind: WeekBlock['kind'],
    label: string,
    start: number,
    end: number,
  ) => {
    let piece = zoned(start, timeZone);
    const last = zoned(end, timeZone);
    let first = true;
    while (Temporal.ZonedDateTime.compare(piece, last) < 0) {
      const date = piece.toPlainDate();
      const nextMidnight = date.add({ days: 1 }).toZonedDateTime({ timeZone });
      const endsToday = Temporal.ZonedDateTime.compare(last, nextMidnight) <= 0;
      const day = monday.until(date).days;
      if (day >= 0 && day < 7) {
        blocks.push({
          sourceId,
          kind,
          day,
          startMinute: piece.hour * 60 + piece.minute,
          endMinute: endsToday ? last.hour * 60 + last.minute || 1440 : 1440,
          label,
          fromPreviousDay: !first,
          intoNextDay: !endsToday,
        });
      }
      piece = nextMidnight;
      first = false;
    }
  };
  for (
    let d = monday.subtract({ days: 1 });
    Temporal.PlainDate.compare(d, monday.add({ days: 7 })) < 0;
    d = d.add({ days: 1 })
  ) {
    const day = d.toString();
    if (skipped(day)) continue;
    for (const w of settings.windows) {
      if (!w.enabled || !w.days.includes(d.dayOfWeek)) continue;
      const o = occurrence(d, w.startMinute, w.lengthMinutes, timeZone, w.label);
      place(w.id, 'window', w.label, o.start, o.end);
    }
    for (const e of settings.exceptions) {
      if (e.kind !== 'extra' || e.date !== day) continue;
      const o = occurrence(d, e.startMinute, e.lengthMinutes, timeZone, e.label);
      place(e.id, 'extra', e.label, o.start, o.end);
    }
  }
  return blocks;
}
