import { useState } from 'preact/hooks';
import { photoErrorText } from '@/components/text/photo';
import type { Backup } from '@/utils/backup/format';
import { type ImportMode, type ImportPlan, planImport } from '@/utils/backup/import-plan';
import type { BackupError } from '@/utils/backup/parse';
import { applyImport, photoIds, readBackupFile } from '@/utils/browser/backup-file';
import { t } from '@/utils/browser/i18n';
import { loadSettings } from '@/utils/browser/storage';
import type { LooseningAnswer } from '@/utils/messages';
import type { Loosening } from '@/utils/settings/loosening';
import type { Gentleness } from '@/utils/settings/schema';

export type ImportState =
  | { stage: 'idle' }
  | { stage: 'reading'; name: string }
  | { stage: 'refused'; error: BackupError }
  | { stage: 'preview'; backup: Backup; merge: ImportPlan; replace: ImportPlan }
  /** The import loosens blocking during family time: the loosen friction first. */
  | {
      stage: 'loosening';
      backup: Backup;
      mode: ImportMode;
      what: Loosening[];
      gentleness: Gentleness;
    }
  | { stage: 'done'; message: string };

/** Both ways an import could go, planned against what is stored now. */
async function plansFor(backup: Backup, now: number) {
  const [{ settings }, ids] = await Promise.all([loadSettings(), photoIds()]);
  return {
    base: settings,
    merge: planImport(settings, ids, backup, 'merge', now),
    replace: planImport(settings, ids, backup, 'replace', now),
  };
}

/** Importing a backup file: read and check it, preview both ways, write only what is confirmed. */
export function useBackupImport() {
  const [state, setState] = useState<ImportState>({ stage: 'idle' });

  const choose = async (file: File) => {
    setState({ stage: 'reading', name: file.name });
    const parsed = await readBackupFile(file);
    if (!parsed.ok) {
      setState({ stage: 'refused', error: parsed.error });
      return;
    }
    setState({
      stage: 'preview',
      backup: parsed.backup,
      ...(await plansFor(parsed.backup, Date.now())),
    });
  };

  const confirm = async (
    backup: Backup,
    mode: ImportMode,
    reason?: string,
  ): Promise<LooseningAnswer> => {
    try {
      // Planned again against what is stored now: nothing written in between is lost.
      const plans = await plansFor(backup, Date.now());
      const outcome = await applyImport(plans[mode], { base: plans.base, reason });
      if (!outcome.ok && 'settings' in outcome) {
        const refused = outcome.settings;
        if ('what' in refused) {
          // Asked once; a wrong answer stays in the dialog, which says why.
          if (reason === undefined)
            setState({
              stage: 'loosening',
              backup,
              mode,
              what: refused.what,
              gentleness: plans.base.gentleness,
            });
          return { ok: false, error: refused.error };
        }
        setState({
          stage: 'done',
          message: `${t(refused.error === 'settings-newer' ? 'trustSaveRefusedNewer' : 'trustSaveRefusedUnreadable')} ${t('trustImportNothingChanged')}`,
        });
        return { ok: false, error: refused.error };
      }
      if (!outcome.ok) {
        const photo = t('trustBackupPhotoName', String(outcome.index + 1));
        setState({
          stage: 'done',
          message: `${photoErrorText(outcome.error, photo)} ${t('trustImportNothingChanged')}`,
        });
        return { ok: true };
      }
      setState({
        stage: 'done',
        message: mode === 'merge' ? t('importMerged') : t('importReplaced'),
      });
    } catch (error) {
      console.error('Hearth: import failed', error);
      setState({ stage: 'done', message: t('importFailed') });
    }
    return { ok: true };
  };

  const cancel = () => setState({ stage: 'done', message: t('importCancelled') });

  return { state, choose, confirm, cancel };
}
