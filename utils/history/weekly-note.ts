import * as v from 'valibot';

/**
 * The optional weekly note: a notification once a week with the first line
 * of "Your week". Off by default; Sunday 19:00 unless the parent picks
 * another day and time. Kept per device (storage.local), not synced: the
 * parent chooses the browser it comes on, so it never arrives three times.
 */
export const WeeklyNoteSchema = v.object({
  enabled: v.boolean(),
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7)),
  minute: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1439)),
});

export type WeeklyNote = v.InferOutput<typeof WeeklyNoteSchema>;

export const DEFAULT_WEEKLY_NOTE: WeeklyNote = { enabled: false, weekday: 7, minute: 19 * 60 };

export function readWeeklyNote(raw: unknown): WeeklyNote {
  const parsed = v.safeParse(WeeklyNoteSchema, raw);
  return parsed.success ? parsed.output : { ...DEFAULT_WEEKLY_NOTE };
}

/**
 * The next time the note is due strictly after `now`, or null when off. A
 * time inside a spring-forward gap resolves forward, a repeated hour to its
 * first occurrence (as windows do).
 */
export function nextWeeklyNote(note: WeeklyNote, now: number, timeZone: string): number | null {
  if (!note.enabled) return null;
  const today = Temporal.Instant.fromEpochMilliseconds(now)
    .toZonedDateTimeISO(timeZone)
    .toPlainDate();
  for (let i = 0; i <= 7; i++) {
    const date = today.add({ days: i });
    if (date.dayOfWeek !== note.weekday) continue;
    const at = date
      .toPlainDateTime({ hour: Math.floor(note.minute / 60), minute: note.minute % 60 })
      .toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
    if (at > now) return at;
  }
  return null;
}
