import { useState } from 'preact/hooks';
import { EndEarly } from '@/components/EndEarly';
import { noteErrorText } from '@/components/NoteForm';
import { Problems } from '@/components/Problems';
import { minutesLeftText, statusHeadline } from '@/components/text/status';
import { usePopupHints } from '@/hooks/use-popup-hints';
import { useStatus } from '@/hooks/use-status';
import { requestHostAccess } from '@/utils/browser/coverage';
import { t, uiLanguage } from '@/utils/browser/i18n';
import { send } from '@/utils/browser/messaging';
import { pageUrl } from '@/utils/browser/pages';
import type { MessageInput } from '@/utils/messages';

/** The popup's actions whose answer is the new status. */
type ActionType = 'startFamilyTime' | 'endFamilyTime' | 'reopenSaved';

export function App() {
  const [status, setStatus] = useStatus();
  const [busy, setBusy] = useState(false);
  const [ending, setEnding] = useState(false);
  const [note, setNote] = useState('');
  const [noteSaid, setNoteSaid] = useState('');
  // Said when the background could not be reached after a few seconds of asking.
  const [unheard, setUnheard] = useState(false);
  const hints = usePopupHints();
  if (!status) return <p class="muted">{t('loading')}</p>;
  const now = Date.now();

  const ask = async (message: Extract<MessageInput, { type: ActionType }>) => {
    setUnheard(false);
    try {
      setStatus(await send(message));
    } catch {
      setUnheard(true);
    }
  };
  const run = async (
    message: Extract<MessageInput, { type: 'startFamilyTime' | 'endFamilyTime' }>,
  ) => {
    setBusy(true);
    try {
      await ask(message);
    } finally {
      setBusy(false);
      setEnding(false);
    }
  };
  const toggle = () => {
    if (!status.active) return run({ type: 'startFamilyTime' });
    // Ending early asks the same friction as stepping past, when the parent chose that.
    if (status.gentleness.endEarlyNeedsFriction) return setEnding(true);
    return run({ type: 'endFamilyTime' });
  };
  // The status follows the permission by itself (hooks/use-status.ts).
  const askHostAccess = () => void requestHostAccess();
  const saveNote = async (event: Event) => {
    event.preventDefault();
    // A note the parent typed must never vanish without a word.
    const answer = await send({ type: 'addNote', text: note, kind: 'tonight' }).catch(() => null);
    if (!answer) setNoteSaid(t('noteErrorUnsaved'));
    else if (answer.ok) {
      setNote('');
      setNoteSaid(t('noteSaved'));
    } else setNoteSaid(noteErrorText(answer.error));
  };
  const tonight = status.notes.find((n) => n.kind === 'tonight');

  return (
    <>
      <h1 class="headline" aria-live="polite">
        {statusHeadline(status, now, uiLanguage())}
      </h1>
      {status.active && <p class="muted">{minutesLeftText(status, now)}</p>}
      {!status.hostAccess && (
        <div class="notice">
          <p>{t('hostAccessMissing')}</p>
          <button type="button" onClick={askHostAccess}>
            {t('hostAccessFix')}
          </button>
        </div>
      )}
      {ending ? (
        <EndEarly
          gentleness={status.gentleness}
          onEnd={(reason) => void run({ type: 'endFamilyTime', reason })}
          onCancel={() => setEnding(false)}
          onOpen={() => send({ type: 'openFriction', purpose: 'end-early' })}
        />
      ) : (
        <button
          type="button"
          class={status.active ? 'big' : 'big primary'}
          disabled={busy}
          onClick={toggle}
        >
          {status.active ? t('endFamilyTime') : t('startFamilyTime')}
        </button>
      )}
      <p role="status" class="small said">
        {unheard ? t('popupActionUnheard') : ''}
      </p>
      {!status.active && <p class="muted small">{t('startHint')}</p>}
      {!status.active && status.nextStart === null && (
        <p class="empty-state">
          <a href={pageUrl('/welcome.html#window')} target="_blank" rel="noreferrer">
            {t('firstRunPopupSetWindow')}
          </a>
        </p>
      )}
      {hints?.hasPhoto === false && (
        <p class="empty-state">
          <span class="muted small">{t('firstRunPopupNoPhoto')}</span>{' '}
          <a href={pageUrl('/welcome.html#photos')} target="_blank" rel="noreferrer">
            {t('reminderAddPhoto')}
          </a>
        </p>
      )}

      {tonight && (
        <p class="tonight">
          <span class="muted small">{t('noteTonight')}</span>
          <br />
          {tonight.text}
        </p>
      )}
      <form onSubmit={saveNote}>
        <label for="popup-note">{t('noteFromPopupLabel')}</label>
        <input
          id="popup-note"
          type="text"
          maxLength={500}
          value={note}
          aria-describedby="popup-note-hint"
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        <p id="popup-note-hint" class="muted small">
          {noteSaid || t('noteFromPopupHint')}
        </p>
      </form>

      {status.saved.length > 0 && (
        <section aria-labelledby="saved-title">
          <h2 id="saved-title">{t('savedTitle')}</h2>
          <ul class="saved">
            {status.saved.map((page) => (
              <li key={page.id}>
                <button
                  type="button"
                  class="link"
                  onClick={() => ask({ type: 'reopenSaved', id: page.id })}
                >
                  {t('reopenOne', new URL(page.url).host)}
                </button>
              </li>
            ))}
          </ul>
          {!status.active && (
            <button type="button" onClick={() => ask({ type: 'reopenSaved' })}>
              {t('reopenAll')}
            </button>
          )}
        </section>
      )}
      <Problems problems={status.problems} />
      <p class="popup-links">
        {hints?.hasAWeek && (
          <a href={pageUrl('/options.html#your-week')} target="_blank" rel="noreferrer">
            {t('yourWeekPopupLink')}
          </a>
        )}
        <a href={pageUrl('/options.html')} target="_blank" rel="noreferrer">
          {t('openSettings')}
        </a>
      </p>
    </>
  );
}
