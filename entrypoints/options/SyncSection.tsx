import { syncNotice } from '@/components/text/sync';
import { useSyncStatus } from '@/hooks/use-sync-status';
import { t, uiLanguage } from '@/utils/browser/i18n';
import { formatClock } from '@/utils/time/format';
import { systemTimeZone } from '@/utils/time/temporal';
import { BackupExport } from './backup/BackupExport';
import { BackupImport } from './backup/BackupImport';

/** Sync status, and the backup file: export (photos optional), import with a preview and a choice. */
export function SyncSection({ backup = true }: { backup?: boolean } = {}) {
  const status = useSyncStatus();
  const timeZone = systemTimeZone();
  const locale = uiLanguage();
  const notice = status ? syncNotice(status, timeZone) : null;

  return (
    <section id="sync" aria-labelledby="sync-title">
      <h2 id="sync-title">{t('sectionSync')}</h2>

      <h3>{t('syncHeading')}</h3>
      <p class="muted">{t('syncOn')}</p>
      <div role="status" aria-live="polite">
        {notice && <p class="notice">{notice}</p>}
        {status?.state === 'ok' && status.lastSyncedAt !== null && (
          <p class="muted">
            {t('syncLastSynced', formatClock(status.lastSyncedAt, timeZone, locale))}
          </p>
        )}
      </div>

      {backup ? (
        <>
          <BackupExport />
          <BackupImport locale={locale} />
        </>
      ) : (
        // Chrome's private copy: the backup would hold neither the photos nor the history.
        <p class="muted">{t('incognitoOptionsBackup')}</p>
      )}
    </section>
  );
}
