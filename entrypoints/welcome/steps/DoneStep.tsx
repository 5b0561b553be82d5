import { useEffect, useState } from 'preact/hooks';
import { startShortcut } from '@/utils/browser/commands';
import { type Coverage, readCoverage } from '@/utils/browser/coverage';
import { t } from '@/utils/browser/i18n';
import { pageUrl } from '@/utils/browser/pages';

/** The end: where Hearth lives from now on, and what it still needs from the browser. */
export function DoneStep() {
  const [shortcut, setShortcut] = useState<string | null>(null);
  const [coverage, setCoverage] = useState<Coverage | null>(null);
  useEffect(() => {
    void startShortcut().then(setShortcut);
    void readCoverage().then(setCoverage);
  }, []);
  return (
    <>
      <p class="lead">{t('firstRunDonePopup')}</p>
      {shortcut !== null && (
        <p>
          {shortcut ? (
            <>
              {t('firstRunDoneShortcut')} <kbd>{shortcut}</kbd>
            </>
          ) : (
            t('firstRunDoneNoShortcut')
          )}
        </p>
      )}
      {coverage && !coverage.privateWindows && (
        <div class="notice">
          <p>
            {coverage.vendor === 'firefox'
              ? t('coveragePrivateMissingFirefox')
              : t('coveragePrivateMissingChrome')}
          </p>
        </div>
      )}
      <p>
        <a href={pageUrl('/options.html')}>{t('openSettings')}</a>
      </p>
    </>
  );
}
