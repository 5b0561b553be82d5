import { useEffect, useState } from 'preact/hooks';
import { minutesLeftText, statusHeadline } from '../../components/status-text';
import { useStatus } from '../../hooks/use-status';
import { t, uiLanguage } from '../../utils/browser/i18n';
import { loadSettings } from '../../utils/browser/storage';
import { returnUrlFrom } from '../../utils/reminder-url';

/** The reminder: what was asked for, how long family time lasts, and the way back after. */
export function App() {
  const [status] = useStatus();
  const [returnUrl, setReturnUrl] = useState<URL | null>(null);
  useEffect(() => {
    void loadSettings().then(({ settings }) => setReturnUrl(returnUrlFrom(location.hash, settings)));
  }, []);
  if (!status) return <p class="muted">{t('loading')}</p>;
  const now = Date.now();

  if (!status.active) {
    return (
      <section class="card">
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
  return (
    <section class="card">
      <p class="eyebrow">{t('reminderTitle')}</p>
      <h1 aria-live="polite">{statusHeadline(status, now, uiLanguage())}</h1>
      <p class="muted">{minutesLeftText(status, now)}</p>
      <p class="asked">
        {returnUrl ? t('reminderAskedFor', returnUrl.host) : t('reminderAskedForUnknown')}
      </p>
      <p>{t('reminderBreathe')}</p>
    </section>
  );
}
