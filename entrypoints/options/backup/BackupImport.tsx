import { useEffect, useRef } from 'preact/hooks';
import { LooseningFriction } from '@/components/LooseningFriction';
import { importErrorText, planText } from '@/components/text/backup';
import { listText } from '@/components/text/counts';
import { useBackupImport } from '@/hooks/use-backup-import';
import { type Backup, backupCounts } from '@/utils/backup/format';
import type { BackupError } from '@/utils/backup/parse';
import { t } from '@/utils/browser/i18n';
import { send } from '@/utils/browser/messaging';

/** Import: a file is checked, previewed both ways, and written only on confirmation. */
export function BackupImport({ locale }: { locale: string }) {
  const { state, choose, confirm, cancel } = useBackupImport();
  const previewHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (state.stage === 'preview') previewHeading.current?.focus();
  }, [state.stage]);

  const chooseFrom = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (file) await choose(file);
  };

  return (
    <>
      <h3>{t('importTitle')}</h3>
      <p class="muted">{t('importLead')}</p>
      <label for="backup-file">{t('importChoose')}</label>
      <input
        id="backup-file"
        type="file"
        accept=".json,application/json"
        onChange={(e) => void chooseFrom(e.currentTarget)}
      />
      <div role="status" aria-live="polite" class="import-status">
        {state.stage === 'reading' && <p>{t('importReading', state.name)}</p>}
        {state.stage === 'done' && <p>{state.message}</p>}
        {state.stage === 'refused' && <ImportRefused error={state.error} />}
      </div>

      {state.stage === 'loosening' && (
        <LooseningFriction
          what={state.what}
          gentleness={state.gentleness}
          onConfirm={(reason) => confirm(state.backup, state.mode, reason)}
          onCancel={cancel}
          onOpen={() => send({ type: 'openFriction', purpose: 'loosen' })}
        />
      )}

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
            <button type="button" onClick={cancel}>
              {t('importCancel')}
            </button>
          </div>
        </div>
      )}
    </>
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
