import { statusHeadline } from '@/components/text/status';
import { useStatus } from '@/hooks/use-status';
import { quietNotificationsAvailable } from '@/utils/browser/content-settings';
import { t, uiLanguage } from '@/utils/browser/i18n';
import { pageUrl } from '@/utils/browser/pages';
import { defaultSettings } from '@/utils/settings/schema';
import { formatMinute } from '@/utils/time/format';

export function App() {
  const [status] = useStatus();
  return (
    <article class="card">
      <h1>{t('welcomeTitle')}</h1>
      {status && <p class="next">{statusHeadline(status, Date.now(), uiLanguage())}</p>}
      <p class="lead">{t('welcomeLead')}</p>
      <p>{t('welcomeDefaults', defaultWindowTimes())}</p>
      <p>
        <a class="button primary" href={pageUrl('/options.html')}>
          {t('openSettings')}
        </a>
      </p>
      <h2>{t('welcomePermissionsTitle')}</h2>
      <ul>
        <li>{t('welcomePermissionSites')}</li>
        <li>{t('welcomePermissionNavigation')}</li>
        <li>{t('welcomePermissionStorage')}</li>
        <li>{t('welcomePermissionAlarms')}</li>
        {quietNotificationsAvailable() && <li>{t('quietWelcomePermission')}</li>}
      </ul>
      <p class="muted">{t('welcomeNoServers')}</p>
    </article>
  );
}

/** The default weekday window, in the parent's own clock style. */
function defaultWindowTimes(): string[] {
  const [weekday] = defaultSettings().windows;
  if (!weekday) return ['', ''];
  const locale = uiLanguage();
  return [
    formatMinute(weekday.startMinute, locale),
    formatMinute((weekday.startMinute + weekday.lengthMinutes) % 1440, locale),
  ];
}
