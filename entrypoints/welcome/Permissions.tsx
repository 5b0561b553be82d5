import { quietNotificationsAvailable } from '@/utils/browser/content-settings';
import { t } from '@/utils/browser/i18n';

/** What Hearth asks for, and why: one click away on every step. */
export function Permissions() {
  return (
    <details class="permissions">
      <summary>{t('welcomePermissionsTitle')}</summary>
      <ul>
        <li>{t('welcomePermissionSites')}</li>
        <li>{t('welcomePermissionNavigation')}</li>
        <li>{t('welcomePermissionStorage')}</li>
        <li>{t('welcomePermissionAlarms')}</li>
        {quietNotificationsAvailable() && <li>{t('quietWelcomePermission')}</li>}
      </ul>
      <p class="muted">{t('welcomeNoServers')}</p>
    </details>
  );
}
