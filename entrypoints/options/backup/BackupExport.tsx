import { useState } from 'preact/hooks';
import { Checkbox } from '@/components/Choice';
import { exportBackup } from '@/utils/browser/backup-file';
import { t } from '@/utils/browser/i18n';
import { MINUTE_MS } from '@/utils/time/temporal';

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), MINUTE_MS);
}

/** Export: everything in settings, photos if the parent asks, as one file. */
export function BackupExport() {
  const [includePhotos, setIncludePhotos] = useState(false);
  const [exported, setExported] = useState('');

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

  return (
    <>
      <h3>{t('backupTitle')}</h3>
      <p class="muted">{t('backupLead')}</p>
      <Checkbox
        label={t('backupIncludePhotos')}
        checked={includePhotos}
        describedBy="backup-photos-hint"
        onChange={setIncludePhotos}
      />
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
    </>
  );
}
