import { t } from '../../utils/browser/i18n';

export function App() {
  return (
    <article class="card">
      <h1>{t('welcomeTitle')}</h1>
      <p class="lead">{t('welcomeLead')}</p>
      <p>{t('welcomeDefaults')}</p>
      <h2>{t('welcomePermissionsTitle')}</h2>
      <ul>
        <li>{t('welcomePermissionSites')}</li>
        <li>{t('welcomePermissionNavigation')}</li>
        <li>{t('welcomePermissionStorage')}</li>
        <li>{t('welcomePermissionAlarms')}</li>
      </ul>
      <p class="muted">{t('welcomeNoServers')}</p>
    </article>
  );
}
