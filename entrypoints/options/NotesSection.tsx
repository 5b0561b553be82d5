import { NoteForm } from '@/components/NoteForm';
import { t } from '@/utils/browser/i18n';
import { send } from '@/utils/browser/messaging';
import type { Note } from '@/utils/settings/schema';

export function NotesSection({ notes, children }: { notes: Note[]; children: string[] }) {
  return (
    <section id="notes" aria-labelledby="notes-title">
      <h2 id="notes-title">{t('notesTitle')}</h2>
      <p class="muted">{t('notesLead')}</p>
      <NoteForm children={children} onSave={(note) => send({ type: 'addNote', ...note })} />
      {notes.length === 0 ? (
        <p class="muted">{t('notesNone')}</p>
      ) : (
        <ul class="note-list">
          {notes.map((note) => (
            <li key={note.id}>
              <span class="tag">
                {note.kind === 'tonight'
                  ? `${t('noteTonightTag')} · ${note.date}`
                  : t('noteStandingTag')}
              </span>
              <span class="note-text">{note.text}</span>
              {note.child && <span class="muted"> · {note.child}</span>}
              <button
                type="button"
                aria-label={`${t('noteRemove')}: ${note.text.slice(0, 60)}`}
                onClick={() => void send({ type: 'removeNote', id: note.id })}
              >
                {t('noteRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
