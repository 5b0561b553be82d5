import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { NoteCard } from '@/components/NoteCard';
import { PhotoFrame } from '@/components/PhotoFrame';
import { StepPast } from '@/components/StepPast';
import { minutesLeftText, statusHeadline } from '@/components/text/status';
import { useAskedStatus } from '@/hooks/use-asked-status';
import { useRotatingPhoto } from '@/hooks/use-rotating-photo';
import { t, uiLanguage } from '@/utils/browser/i18n';
import { send } from '@/utils/browser/messaging';
import { closeThisTab, pageUrl } from '@/utils/browser/pages';
import { MAX_RETURN_URL, PREVIEW_FRAGMENT } from '@/utils/sites/limits';

/** The welcome page's preview says so in the fragment; only the background's answer makes it one. */
const previewNonce = location.hash.startsWith(PREVIEW_FRAGMENT)
  ? location.hash.slice(PREVIEW_FRAGMENT.length)
  : null;

/** The reminder: who the parent is here for, what they wrote, and the kind ways on. */
export function App() {
  const [status, setStatus] = useAskedStatus();
  const photo = useRotatingPhoto();
  const [returnUrl, setReturnUrl] = useState<URL | null>(null);
  const [saved, setSaved] = useState(false);
  // The page was too long to open on its own: say the whole site is open before going there.
  const [wholeSite, setWholeSite] = useState<URL | null>(null);
  /** undefined while the background is asked; null: not a preview. */
  const [preview, setPreview] = useState<URL | null | undefined>(
    previewNonce === null ? null : undefined,
  );
  const closeButton = useRef<HTMLButtonElement>(null);
  // The save button is replaced by the status: keep keyboard focus on the next step.
  useLayoutEffect(() => {
    if (saved) closeButton.current?.focus();
  }, [saved]);
  useEffect(() => {
    if (previewNonce === null) return;
    void send({ type: 'openPreview', nonce: previewNonce })
      .catch(() => null)
      .then((href) => setPreview(href ? new URL(href) : null));
  }, []);
  useEffect(() => {
    // The background checks it against the lists, so this page loads no settings code.
    if (previewNonce !== null || location.hash.length > MAX_RETURN_URL + 1) return;
    void send({ type: 'checkReturnUrl', fragment: location.hash }).then((href) =>
      setReturnUrl(href ? new URL(href) : null),
    );
  }, []);
  useEffect(() => {
    // A preview has no return URL, so nothing of it is ever recorded.
    if (status?.active && returnUrl) void send({ type: 'recordBlocked', url: returnUrl.href });
  }, [status?.active, returnUrl]);
  // Reached when nothing is blocked any more (the rules left a moment after
  // family time ended): go on to the page. A reminder already open when
  // family time ends stays, and says so.
  const firstBlocking = useRef<boolean | null>(null);
  if (status && firstBlocking.current === null) firstBlocking.current = status.blocking;
  useEffect(() => {
    if (firstBlocking.current === false && returnUrl) location.replace(returnUrl.href);
  }, [status, returnUrl]);
  // The photo is what the page is for: it shows as soon as it is read, the words when they come.
  const photoSlot =
    photo === undefined ? (
      <div class="photo" />
    ) : (
      <PhotoFrame photo={photo} addPhotoHref={pageUrl('/welcome.html#photos')} />
    );
  if (!status || preview === undefined) {
    return (
      <div class="reminder">
        {photoSlot}
        <section class="words">
          <p class="muted">{t('loading')}</p>
        </section>
      </div>
    );
  }
  const now = Date.now();
  const locale = uiLanguage();
  const closeTab = () => void closeThisTab();

  if (preview) {
    // What family time will look like, with nothing to do: no way on to the site, nothing counted.
    return (
      <div class="reminder">
        {photoSlot}
        <section class="words">
          <p class="preview-badge">{t('firstRunPreviewBadge')}</p>
          <h1>{t('firstRunPreviewTitle')}</h1>
          <NoteCard note={status.notes[0]} now={now} timeZone={status.timeZone} locale={locale} />
          <p class="asked">{t('reminderAskedFor', preview.host)}</p>
          <p class="muted">{t('firstRunPreviewBody')}</p>
          <div class="actions">
            <button type="button" class="primary" onClick={closeTab}>
              {t('firstRunPreviewClose')}
            </button>
          </div>
        </section>
      </div>
    );
  }

  if (!status.active) {
    return (
      <section class="over">
        <h1>{t('reminderOverTitle')}</h1>
        <p>{t('reminderOverBody')}</p>
        {returnUrl && (
          <a class="button primary" href={returnUrl.href}>
            {t('reminderBackTo', returnUrl.host)}
          </a>
        )}
      </section>
    );
  }

  const saveForAfter = async () => {
    if (!returnUrl) return;
    setStatus(await send({ type: 'saveForAfter', url: returnUrl.href }));
    setSaved(true);
  };
  const stepPast = async (reason: string, minutes: number) => {
    const answer = await send({ type: 'stepPast', url: returnUrl?.href ?? '', reason, minutes });
    if (answer.ok && returnUrl) {
      if (answer.wholeSite) setWholeSite(returnUrl);
      else location.replace(returnUrl.href);
    }
    return answer;
  };

  if (wholeSite) {
    return (
      <section class="over">
        <p role="status">{t('holesGrantWholeSite')}</p>
        <a class="button primary" href={wholeSite.href}>
          {t('reminderBackTo', wholeSite.host)}
        </a>
      </section>
    );
  }

  return (
    <div class="reminder">
      {photoSlot}
      <section class="words">
        <h1 aria-live="polite">{statusHeadline(status, now, locale)}</h1>
        <p class="muted">{minutesLeftText(status, now)}</p>
        <NoteCard note={status.notes[0]} now={now} timeZone={status.timeZone} locale={locale} />
        <p class="asked">
          {returnUrl ? t('reminderAskedFor', returnUrl.host) : t('reminderAskedForUnknown')}
        </p>
        <p class="muted">{t('reminderBreathe')}</p>
        {returnUrl && (
          <div class="actions">
            {saved ? (
              <>
                <p role="status">{t('savedForAfter')}</p>
                <button type="button" ref={closeButton} onClick={closeTab}>
                  {t('closeTab')}
                </button>
              </>
            ) : (
              <button type="button" class="primary" onClick={saveForAfter}>
                {t('saveForAfter')}
              </button>
            )}
          </div>
        )}
        {returnUrl && (
          <StepPast
            host={returnUrl.host}
            gentleness={status.gentleness}
            left={status.stepPastsLeft}
            onStepPast={stepPast}
            onOpen={() => send({ type: 'openFriction', purpose: 'step-past' })}
          />
        )}
      </section>
    </div>
  );
}
