import { LooseningFriction } from '@/components/LooseningFriction';
import { syncNotice } from '@/components/text/sync';
import { usePhotos } from '@/hooks/use-photos';
import { useSettingsEditor } from '@/hooks/use-settings-editor';
import { useStatus } from '@/hooks/use-status';
import { useSyncStatus } from '@/hooks/use-sync-status';
import { type MessageKey, t, uiLanguage } from '@/utils/browser/i18n';
import { send } from '@/utils/browser/messaging';
import { pageUrl } from '@/utils/browser/pages';
import { CoverageSection } from './CoverageSection';
import { GentlenessSection } from './GentlenessSection';
import { HeadsUpSection } from './HeadsUpSection';
import { HistorySection } from './HistorySection';
import { NotesSection } from './NotesSection';
import { PhotosSection } from './PhotosSection';
import { QuietNotificationsSection } from './QuietNotificationsSection';
import { SitesSection } from './SitesSection';
import { SyncSection } from './SyncSection';
import { WeekSection } from './WeekSection';
import { YourWeekSection } from './YourWeekSection';

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
  const [photos] = usePhotos();
  const sync = useSyncStatus();
  if (!settings) return <p class="muted">{t('loading')}</p>;
  const locale = uiLanguage();
  const timeZone = status?.timeZone ?? Temporal.Now.timeZoneId();
  const children = [...new Set(photos.map((p) => p.child).filter(Boolean))];
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
      <WeekSection settings={settings} update={update} status={status} locale={locale} />
      <SitesSection settings={settings} update={update} />
      <QuietNotificationsSection settings={settings} />
      <PhotosSection />
      <NotesSection notes={settings.notes} children={children} />
      <GentlenessSection settings={settings} update={update} />
      <HeadsUpSection settings={settings} update={update} />
      <CoverageSection syncNotice={sync ? (syncNotice(sync, timeZone) ?? undefined) : undefined} />
      <SyncSection />
      <YourWeekSection timeZone={timeZone} locale={locale} notes={settings.notes} />
      <HistorySection timeZone={timeZone} />
      {loosening && (
        <LooseningFriction
          what={loosening.what}
          gentleness={settings.gentleness}
          onConfirm={loosening.confirm}
          onCancel={loosening.cancel}
          onOpen={() => send({ type: 'openFriction', purpose: 'loosen' })}
        />
      )}
    </>
  );
}
