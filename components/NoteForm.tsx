import { useState } from 'preact/hooks';
import { type MessageKey, t } from '@/utils/browser/i18n';
import type { NoteAnswer } from '@/utils/messages';
import type { Note } from '@/utils/settings/schema';
import { Radio } from './Choice';

const NOTE_ERRORS: Record<Extract<NoteAnswer, { ok: false }>['error'], MessageKey> = {
  empty: 'noteErrorEmpty',
  'too-long': 'noteErrorTooLong',
  'settings-unreadable': 'trustSaveRefusedUnreadable',
  'settings-newer': 'trustSaveRefusedNewer',
};

export const noteErrorText = (error: keyof typeof NOTE_ERRORS): string => t(NOTE_ERRORS[error]);

/** Writing a note: tonight only or every family time, optionally for one child. */
export function NoteForm({
  children,
  onSave,
  hint,
  tonightOnly = false,
}: {
  children: string[];
  onSave: (note: { text: string; kind: Note['kind']; child: string }) => Promise<NoteAnswer>;
  /** Shown under the field and read with it (the welcome page gives an example). */
  hint?: string;
  /** Only a note for tonight: no choice of kind. */
  tonightOnly?: boolean;
}) {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<Note['kind']>('tonight');
  const [child, setChild] = useState('');
  const [said, setSaid] = useState<string>('');
  const submit = async (event: Event) => {
    event.preventDefault();
    const answer = await onSave({ text, kind, child }).catch(() => null);
    if (!answer) setSaid(t('noteErrorUnsaved'));
    else if (answer.ok) {
      setText('');
      setSaid(t('noteSaved'));
    } else setSaid(noteErrorText(answer.error));
  };
  return (
    <form class="note-form" onSubmit={submit}>
      <label for="note-text">{t('noteLabel')}</label>
      <textarea
        id="note-text"
        rows={2}
        maxLength={500}
        value={text}
        placeholder={hint ? undefined : t('notePlaceholder')}
        aria-describedby={hint ? 'note-text-hint' : undefined}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      {hint && (
        <p id="note-text-hint" class="muted small">
          {hint}
        </p>
      )}
      <fieldset hidden={tonightOnly}>
        <legend>{t('noteKindLabel')}</legend>
        <Radio
          label={t('noteKindTonight')}
          name="note-kind"
          checked={kind === 'tonight'}
          onSelect={() => setKind('tonight')}
        />
        <Radio
          label={t('noteKindStanding')}
          name="note-kind"
          checked={kind === 'standing'}
          onSelect={() => setKind('standing')}
        />
      </fieldset>
      <label for="note-child">{t('noteChildLabel')}</label>
      <input
        id="note-child"
        type="text"
        list="note-children"
        maxLength={80}
        value={child}
        onInput={(e) => setChild(e.currentTarget.value)}
      />
      <datalist id="note-children">
        {children.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <div class="row">
        <button type="submit" class="primary">
          {t('noteSave')}
        </button>
        <span role="status">{said}</span>
      </div>
    </form>
  );
}
