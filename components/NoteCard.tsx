import { t } from '@/utils/browser/i18n';
import type { Note } from '@/utils/settings/schema';
import { formatClock, formatWeekday } from '@/utils/time/format';
import { zoned } from '@/utils/time/temporal';

/** Tonight's note in the parent's own words, and when they wrote it. */
export function NoteCard({
  note,
  now,
  timeZone,
  locale,
}: {
  note: Note | undefined;
  now: number;
  timeZone: string;
  locale: string;
}) {
  if (!note) return <p class="muted note-empty">{t('reminderNoNote')}</p>;
  const sameDay = zoned(note.createdAt, timeZone)
    .toPlainDate()
    .equals(zoned(now, timeZone).toPlainDate());
  const when = sameDay
    ? t('reminderWroteAt', formatClock(note.createdAt, timeZone, locale))
    : t('reminderWroteOn', formatWeekday(note.createdAt, timeZone, locale));
  return (
    <blockquote class="note">
      <p class="note-text">{note.text}</p>
      <footer class="muted">
        {when}
        {note.child && ` · ${t('reminderNoteFor', note.child)}`}
      </footer>
    </blockquote>
  );
}
