import { useEffect, useRef, useState } from 'preact/hooks';
import { importErrorText, planText } from '@/components/text/backup';
import { listText } from '@/components/text/counts';
import { syncNotice } from '@/components/text/sync';
import { useSyncStatus } from '@/hooks/use-sync-status';
import { type Backup, backupCounts } from '@/utils/backup/format';
import { type ImportMode, type ImportPlan, planImport } from '@/utils/backup/import-plan';
import type { BackupError } from '@/utils/backup/parse';
import { applyImport, exportBackup, photoIds, readBackupFile } from '@/utils/browser/backup-file';
import { t, uiLanguage } from '@/utils/browser/i18n';
import { loadSettings } from '@/utils/browser/storage';
import { formatClock } from '@/utils/time/format';
import { systemTimeZone } from '@/utils/time/temporal';

type ImportState =
  | { stage: 'idle' }
  | { stage: 'reading'; name: string }
  | { stage: 'refused'; error: BackupError }
  | { stage: 'preview'; backup: Backup; merge: ImportPlan; replace: ImportPlan }
  | { stage: 'done'; message: string };

async function previewOf(backup: Backup): Promise<{ merge: ImportPlan; replace: ImportPlan }> {
  const [{ settings }, ids] = await Promise.all([loadSettings(), photoIds()]);
  const now = Date.now();
  return {
    merge: planImport(settings, ids, backup, 'merge', now),
    replace: planImport(settings, ids, backup, 'replace', now),
  };
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Sync status, and the backup file: export (photos optional), import with a preview and a choice. */
export function SyncSection() {
  const status = useSyncStatus();
  const timeZone = systemTimeZone();
  const locale = uiLanguage();
  const [includePhotos, setIncludePhotos] = useState(false);
  const [exported, setExported] = useState('');
  const [state, setState] = useState<ImportState>({ stage: 'idle' });
  const previewHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (state.stage === 'preview') previewHeading.current?.focus();
  }, [state.stage]);

  const exportNow = async () => {
    try {
      const { blob, name } = await exportBackup({ includePhotos });
      download(blob, name);
      setExported(t('backupExported', name));
    } catch (error) {
      console.error('Hearth: export failed', error);
      setExported(t('backupExportFailed'));
    }
  };

  const choose = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setState({ stage: 'reading', name: file.name });
    const parsed = await readBackupFile(file);
    if (!parsed.ok) {
      setState({ stage: 'refused', error: parsed.error });
      return;
    }
    setState({ stage: 'preview', backup: parsed.backup, ...(await previewOf(parsed.backup)) });
  };

  const confirm = async (backup: Backup, mode: ImportMode) => {
    try {
      // Planned again against what is stored now: nothing written in between is lost.
      const [{ settings }, ids] = await Promise.all([loadSettings(), photoIds()]);
      await applyImport(planImport(settings, ids, backup, mode, Date.now()));
      setState({
        stage: 'done',
        message: mode === 'merge' ? t('importMerged') : t('importReplaced'),
      });
    } catch (error) {
      console.error('Hearth: import failed', error);
      setState({ stage: 'done', message: t('importFailed') });
    }
  };

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

      <h3>{t('backupTitle')}</h3>
      <p class="muted">{t('backupLead')}</p>
      <label class="choice">
        <input
          type="checkbox"
          checked={includePhotos}
          aria-describedby="backup-photos-hint"
          onChange={(e) => setIncludePhotos(e.currentTarget.checked)}
        />
        {t('backupIncludePhotos')}
      </label>
      <p class="muted" id="backup-photos-hint">
        {t('backupIncludePhotosHint')}
      </p>
      <div class="row">
        <button type="button" class="primary" onClick={() => void exportNow()}>
          {t('backupExport')}
        </button>
      </div>
      <p role="status" class="muted">
        {exported}
      </p>

      <h3>{t('importTitle')}</h3>
      <p class="muted">{t('importLead')}</p>
      <label for="backup-file">{t('importChoose')}</label>
      <input
        id="backup-file"
        type="file"
        accept=".json,application/json"
        onChange={(e) => void choose(e.currentTarget)}
      />
      <div role="status" aria-live="polite" class="import-status">
        {state.stage === 'reading' && <p>{t('importReading', state.name)}</p>}
        {state.stage === 'done' && <p>{state.message}</p>}
        {state.stage === 'refused' && <ImportRefused error={state.error} />}
      </div>

      {state.stage === 'preview' && (
        <div class="import-preview">
          <h4 id="import-preview-title" tabIndex={-1} ref={previewHeading}>
            {t('importPreviewTitle')}
          </h4>
          <Holds backup={state.backup} locale={locale} />
          <p id="import-merge-explain">{t('importMergeExplain', planText(state.merge))}</p>
          <p id="import-replace-explain">{t('importReplaceExplain', planText(state.replace))}</p>
          <div class="row">
            <button
              type="button"
              class="primary"
              aria-describedby="import-merge-explain"
              onClick={() => void confirm(state.backup, 'merge')}
            >
              {t('importMerge')}
            </button>
            <button
              type="button"
              aria-describedby="import-replace-explain"
              onClick={() => void confirm(state.backup, 'replace')}
            >
              {t('importReplace')}
            </button>
            <button
              type="button"
              onClick={() => setState({ stage: 'done', message: t('importCancelled') })}
            >
              {t('importCancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** What the file holds, and whether its photos came along. */
function Holds({ backup, locale }: { backup: Backup; locale: string }) {
  const counts = backupCounts(backup);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(
    new Date(backup.exportedAt),
  );
  const { photos, ...records } = counts;
  const holds = Object.values(records).some((n) => n > 0)
    ? listText(records)
    : t('importHoldsOnlySettings');
  return (
    <>
      <p>{t('importFrom', [when, holds])}</p>
      <p>
        {backup.photos.included && photos > 0
          ? t('importPhotosIncluded', listText({ photos }))
          : t('importPhotosNotIncluded')}
      </p>
    </>
  );
}

/** A refused file: what was wrong, and the offending text shown as text, never as markup. */
function ImportRefused({ error }: { error: BackupError }) {
  const { message, quoted } = importErrorText(error);
  return (
    <div class="notice">
      <p>{message}</p>
      {quoted !== null && (
        <p>
          <code class="quoted">{quoted}</code>
        </p>
      )}
    </div>
  );
}
