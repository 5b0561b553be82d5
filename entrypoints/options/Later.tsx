import { LooseningFriction } from '@/components/LooseningFriction';
import { syncNotice } from '@/components/text/sync';
import { usePhotoNames } from '@/hooks/use-photos';
import type { HeldLoosening, UpdateSettings } from '@/hooks/use-settings-editor';
import { useSyncStatus } from '@/hooks/use-sync-status';
import { send } from '@/utils/browser/messaging';
import { isPrivateCopy } from '@/utils/browser/private-copy';
import type { Settings } from '@/utils/settings/schema';
import { CoverageSection } from './CoverageSection';
import { GentlenessSection } from './GentlenessSection';
import { HeadsUpSection } from './HeadsUpSection';
import { HistorySection } from './HistorySection';
import { InNormalWindow } from './InNormalWindow';
import { NotesSection } from './NotesSection';
import { PhotosSection } from './PhotosSection';
import { QuietNotificationsSection } from './QuietNotificationsSection';
import { SitesSection } from './SitesSection';
import { SyncSection } from './SyncSection';
import { YourWeekSection } from './YourWeekSection';

export { WindowForm } from '@/components/WindowForm';
export { ExceptionsEditor } from './ExceptionsEditor';

/** Every settings section below the week (loaded after them: ./later.ts). */
export function Later({
  settings,
  update,
  loosening,
  timeZone,
  locale,
}: {
  settings: Settings;
  update: UpdateSettings;
  loosening: HeldLoosening | null;
  timeZone: string;
  locale: string;
}) {
  const photos = usePhotoNames();
  const sync = useSyncStatus();
  const children = [...new Set(photos.map((p) => p.child).filter(Boolean))];
  // Chrome's private copy: photos, history and backups live with the normal window.
  const inPrivate = isPrivateCopy();
  return (
    <>
      <SitesSection settings={settings} update={update} />
      <QuietNotificationsSection settings={settings} />
      {inPrivate ? (
        <InNormalWindow id="photos" title="photosTitle" says={'incognitoOptionsPhotos'} />
      ) : (
        <PhotosSection />
      )}
      <NotesSection notes={settings.notes} children={children} />
      <GentlenessSection settings={settings} update={update} />
      <HeadsUpSection settings={settings} update={update} />
      <CoverageSection syncNotice={sync ? (syncNotice(sync, timeZone) ?? undefined) : undefined} />
      <SyncSection backup={!inPrivate} />
      {inPrivate ? (
        <>
          <InNormalWindow id="your-week" title="yourWeekTitle" says={'incognitoOptionsHistory'} />
          <InNormalWindow id="history" title="historyTitle" says={'incognitoOptionsHistory'} />
        </>
      ) : (
        <>
          <YourWeekSection timeZone={timeZone} locale={locale} notes={settings.notes} />
          <HistorySection timeZone={timeZone} />
        </>
      )}
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
