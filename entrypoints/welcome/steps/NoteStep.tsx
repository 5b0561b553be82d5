import { NoteForm } from '@/components/NoteForm';
import { usePhotoNames } from '@/hooks/use-photos';
import { useStatus } from '@/hooks/use-status';
import { t } from '@/utils/browser/i18n';
import { send } from '@/utils/browser/messaging';

/** Step 4, optional: a note for tonight, in their own words. */
export function NoteStep() {
  const photos = usePhotoNames();
  const [status] = useStatus();
  const children = [...new Set(photos.map((p) => p.child).filter(Boolean))];
  const tonight = status?.notes.find((n) => n.kind === 'tonight');
  return (
    <>
      <p class="muted">{t('firstRunNoteLead')}</p>
      {tonight && (
        <p class="tonight">
          <span class="muted small">{t('noteTonight')}</span>
          <br />
          {tonight.text}
        </p>
      )}
      <NoteForm
        children={children}
        hint={t('firstRunNoteHint')}
        tonightOnly
        onSave={(note) => send({ type: 'addNote', ...note })}
      />
    </>
  );
}
