import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Problems } from '../../components/Problems';
import { minutesLeftText, statusHeadline } from '../../components/status-text';
import { useStatus } from '../../hooks/use-status';
import { t, uiLanguage } from '../../utils/browser/i18n';
import { send } from '../../utils/browser/messaging';

export function App() {
  const [status, setStatus] = useStatus();
  const [busy, setBusy] = useState(false);
  if (!status) return <p class="muted">{t('loading')}</p>;
  const now = Date.now();

  const toggle = async () => {
    setBusy(true);
    try {
      setStatus(await send({ type: status.active ? 'endFamilyTime' : 'startFamilyTime' }));
    } finally {
      setBusy(false);
    }
  };
  const askHostAccess = async () => {
    await browser.permissions.request({ origins: ['http://*/*', 'https://*/*'] });
    setStatus(await send({ type: 'getStatus' }));
  };

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
      <button type="button" class={status.active ? 'big' : 'big primary'} disabled={busy} onClick={toggle}>
        {status.active ? t('endFamilyTime') : t('startFamilyTime')}
      </button>
      {!status.active && <p class="muted small">{t('startHint')}</p>}
      <Problems problems={status.problems} />
    </>
  );
}
