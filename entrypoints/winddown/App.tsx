import { useEffect, useState } from 'preact/hooks';
import { NoteForm } from '@/components/NoteForm';
import { statusHeadline } from '@/components/text/status';
import { usePhotoNames } from '@/hooks/use-photos';
import { useQuietNotifications } from '@/hooks/use-quiet-notifications';
import { useStatus } from '@/hooks/use-status';
import { t, uiLanguage } from '@/utils/browser/i18n';
import { send } from '@/utils/browser/messaging';
import type { WorkTab } from '@/utils/messages';
import { formatClock } from '@/utils/time/format';

/** Opened from the heads-up: park the work tabs, write tonight's note. */
export function App() {
  const [status] = useStatus();
  const photos = usePhotoNames();
  const [tabs, setTabs] = useState<WorkTab[] | null>(null);
  const [parked, setParked] = useState(false);
  const quiet = useQuietNotifications();
  // The end of the family time that is on, or else of the next one.
  const quietUntil = status ? (status.active ? status.until : status.nextEnd) : null;
  useEffect(() => {
    void send({ type: 'listWorkTabs' }).then(setTabs);
  }, []);
  const children = [...new Set(photos.map((p) => p.child).filter(Boolean))];
  return (
    <article class="card">
      <h1>{t('windDownTitle')}</h1>
      {status && <p class="next">{statusHeadline(status, Date.now(), uiLanguage())}</p>}
      <p>{t('windDownLead')}</p>
      {quiet.available && quiet.on === true && status && quietUntil !== null && (
        <p>{t('quietWindDown', formatClock(quietUntil, status.timeZone, uiLanguage()))}</p>
      )}
      <section aria-labelledby="tabs-title">
        <h2 id="tabs-title">{t('windDownTabsTitle')}</h2>
        {parked ? (
          <p role="status">{t('windDownParked')}</p>
        ) : tabs === null ? (
          <p class="muted">{t('loading')}</p>
        ) : tabs.length === 0 ? (
          <p>{t('windDownNoTabs')}</p>
        ) : (
          <>
            <ul>
              {tabs.map((tab) => (
                <li key={tab.id}>{tab.title}</li>
              ))}
            </ul>
            <button
              type="button"
              class="primary"
              onClick={async () => {
                await send({ type: 'parkTabs', tabIds: tabs.map((tab) => tab.id) });
                setParked(true);
              }}
            >
              {t('windDownPark')}
            </button>
          </>
        )}
      </section>
      <section aria-labelledby="note-title">
        <h2 id="note-title">{t('windDownNoteTitle')}</h2>
        <NoteForm children={children} onSave={(note) => send({ type: 'addNote', ...note })} />
      </section>
    </article>
  );
}
