import { useEffect, useState } from 'preact/hooks';
import { useQuietNotifications } from '@/hooks/use-quiet-notifications';
import { type Coverage, readCoverage, requestHostAccess } from '@/utils/browser/coverage';
import { t } from '@/utils/browser/i18n';
import { onStoredChange } from '@/utils/browser/messaging';

/** Honest about the edges: what Hearth cannot see, and how to fix what can be fixed. */
export function CoverageSection({ syncNotice }: { syncNotice?: string }) {
  const [coverage, setCoverage] = useState<Coverage | null>(null);
  const quiet = useQuietNotifications();
  const refresh = () => void readCoverage().then(setCoverage);
  // Re-read when the background stores a new report (a site refused, a step failed).
  useEffect(() => {
    refresh();
    return onStoredChange(refresh);
  }, []);
  return (
    <section id="coverage" aria-labelledby="coverage-title">
      <h2 id="coverage-title">{t('coverageTitle')}</h2>
      <p class="muted">{t('coverageLead')}</p>
      {coverage && (
        <ul class="coverage">
          {coverage.hostAccess ? (
            <li>{t('coverageSitesOk')}</li>
          ) : (
            <li class="notice">
              <p>{t('hostAccessMissing')}</p>
              <button type="button" onClick={() => void requestHostAccess().then(refresh)}>
                {t('hostAccessFix')}
              </button>
            </li>
          )}
          {coverage.report.refused.map((site) => (
            <li class="notice" key={site}>
              {t('holesCoverageRefused', site)}
            </li>
          ))}
          {coverage.report.failed.includes('rules') && (
            <li class="notice">{t('holesCoverageRulesFailed')}</li>
          )}
          {coverage.report.failed.some((step) => step !== 'rules') && (
            <li class="notice">{t('holesCoverageStepFailed')}</li>
          )}
          {coverage.privateWindows ? (
            <li>
              {coverage.vendor === 'firefox' ? t('coveragePrivateOk') : t('holesPrivateOkChrome')}
            </li>
          ) : (
            <li class="notice">
              {coverage.vendor === 'firefox'
                ? t('coveragePrivateMissingFirefox')
                : t('coveragePrivateMissingChrome')}
            </li>
          )}
          {!quiet.available ? (
            <li class="notice">{t('quietUnavailable')}</li>
          ) : quiet.on === true ? (
            <li>{t('quietCoverageOn')}</li>
          ) : quiet.on === false ? (
            <li>{t('quietCoverageOff')}</li>
          ) : null}
          {syncNotice && <li class="notice">{syncNotice}</li>}
          <li>{t('coverageOtherBrowsers')}</li>
        </ul>
      )}
    </section>
  );
}
