import type { ScheduleState } from '@/utils/schedule/schedule';
import { NOTE_MAX_LENGTH, type Note } from '@/utils/settings/schema';
import { zoned } from '@/utils/time/temporal';

export type NoteError = 'empty' | 'too-long';

/**
 * The local date of the family time a note written now is for: the current
 * stretch if one is on, else the next one ("tonight" written at 8:40 is for 18:00).
 */
export function noteTargetDate(schedule: ScheduleState, now: number, timeZone: string): string {
  const at = schedule.active ? schedule.since : schedule.nextStart;
  return zoned(at ?? now, timeZone)
    .toPlainDate()
    .toString();
}

export function makeNote(
  input: { id: string; text: string; kind: Note['kind']; child: string },
  schedule: ScheduleState,
  now: number,
  timeZone: string,
): { ok: true; note: Note } | { ok: false; error: NoteError } {
  const text = input.text.trim();
  if (!text) return { ok: false, error: 'empty' };
  if (text.length > NOTE_MAX_LENGTH) return { ok: false, error: 'too-long' };
  const note: Note = {
    id: input.id,
    text,
    kind: input.kind,
    date: input.kind === 'tonight' ? noteTargetDate(schedule, now, timeZone) : null,
    child: input.child.trim().slice(0, 80),
    createdAt: now,
    updatedAt: now,
  };
  return { ok: true, note };
}

/**
 * Notes for the family time that is on (or next): its "tonight" notes first,
 * then standing ones, newest first within each. A tonight note for a day that
 * has passed is no longer shown; it stays stored until removed.
 */
export function notesFor(
  notes: readonly Note[],
  schedule: ScheduleState,
  now: number,
  timeZone: string,
): Note[] {
  const date = noteTargetDate(schedule, now, timeZone);
  const newestFirst = (a: Note, b: Note) => b.createdAt - a.createdAt;
  const tonight = notes.filter((n) => n.kind === 'tonight' && n.date === date).sort(newestFirst);
  const standing = notes.filter((n) => n.kind === 'standing').sort(newestFirst);
  return [...tonight, ...standing];
}
