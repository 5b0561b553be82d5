import { useEffect, useState } from 'preact/hooks';
import { useSettingsEditor } from '@/hooks/use-settings-editor';
import { useStatus } from '@/hooks/use-status';
import { type MessageKey, t, uiLanguage } from '@/utils/browser/i18n';
import { pageUrl } from '@/utils/browser/pages';
import { laterLoaded, loadLater } from './later';
import { WeekSection } from './WeekSection';

const SECTIONS: { id: string; title: MessageKey }[] = [
  { id: 'week', title: 'sectionWeek' },
  { id: 'sites', title: 'sectionSites' },
  { id: 'quiet', title: 'quietSection' },
  { id: 'photos', title: 'sectionPhotos' },
  { id: 'notes', title: 'sectionNotes' },
  { id: 'gentleness', title: 'sectionGentleness' },
  { id: 'heads-up', title: 'sectionHeadsUp' },
  { id: 'coverage', title: 'sectionCoverage' },
  { id: 'sync', title: 'sectionSync' },
  { id: 'your-week', title: 'yourWeekTitle' },
  { id: 'history', title: 'sectionHistory' },
];

export function App() {
  const { settings, update, saveState, loosening } = useSettingsEditor();
  const [status] = useStatus();
  const [later, setLater] = useState(laterLoaded);
  useEffect(() => {
    if (!later) void loadLater().then(setLater);
  }, []);
  if (!settings) return <p class="muted">{t('loading')}</p>;
  const locale = uiLanguage();
  const timeZone = status?.timeZone ?? Temporal.Now.timeZoneId();
  return (
    <>
      <header class="page-header">
        <h1>{t('optionsTitle')}</h1>
        <a href={pageUrl('/welcome.html')}>{t('firstRunSetUpAgain')}</a>
        <span class="save-state" role="status">
          {saveState === 'saving'
            ? t('savingIndicator')
            : saveState === 'saved'
              ? t('savedIndicator')
              : ''}
        </span>
      </header>
      {(saveState === 'settings-unreadable' || saveState === 'settings-newer') && (
        <div class="notice" role="alert">
          <p>
            {t(
              saveState === 'settings-newer'
                ? 'trustSaveRefusedNewer'
                : 'trustSaveRefusedUnreadable',
            )}
          </p>
          {saveState === 'settings-unreadable' && <a href="#sync">{t('trustRestoreFromBackup')}</a>}
        </div>
      )}
      <nav aria-label={t('navLabel')}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{t(s.title)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <WeekSection
        settings={settings}
        update={update}
        status={status}
        locale={locale}
        later={later}
      />
      {later && (
        <later.Later
          settings={settings}
          update={update}
          loosening={loosening}
          timeZone={timeZone}
          locale={locale}
        />
      )}
    </>
  );
}
