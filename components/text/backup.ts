import type { RecordCounts } from '@/utils/backup/format';
import type { ImportPlan } from '@/utils/backup/import-plan';
import type { BackupError, BackupPlace } from '@/utils/backup/parse';
import { type MessageKey, t } from '@/utils/browser/i18n';

import { type Countable, listText } from './counts';

/** The words of backup: the import preview and the refusals. */

function recordCounts(c: RecordCounts, photos = 0): Partial<Record<Countable, number>> {
  return { ...c, photos };
}

const hasAny = (c: Partial<Record<Countable, number>>) =>
  Object.values(c).some((n) => (n ?? 0) > 0);

/** "adds 3 windows, 12 sites, 4 notes; replaces gentleness settings". */
export function planText(plan: ImportPlan): string {
  const parts: string[] = [];
  const adds = recordCounts(plan.adds, plan.photosAdded);
  const removes = recordCounts(plan.removes, plan.photosRemoved);
  if (hasAny(adds)) parts.push(t('importAdds', listText(adds)));
  if (hasAny(plan.updates)) parts.push(t('importUpdates', listText(plan.updates)));
  if (hasAny(removes)) parts.push(t('importRemoves', listText(removes)));
  const replaces: Record<string, MessageKey> = {
    gentleness: 'importReplacesGentleness',
    headsUp: 'importReplacesHeadsUp',
    presets: 'importReplacesPresets',
  };
  for (const s of plan.replaces) parts.push(t(replaces[s] ?? 'importReplacesGentleness'));
  return parts.length === 0 ? t('importChangesNothing') : parts.join('; ');
}

const PLACE_KEYS: Record<BackupPlace, MessageKey> = {
  window: 'placeWindow',
  exception: 'placeException',
  site: 'placeSite',
  note: 'placeNote',
  photo: 'placePhoto',
  settings: 'placeSettings',
  file: 'placeFile',
};
const PLURAL_KEYS: Record<BackupPlace, MessageKey> = {
  window: 'pluralWindows',
  exception: 'pluralExceptions',
  site: 'pluralSites',
  note: 'pluralNotes',
  photo: 'pluralPhotos',
  settings: 'pluralSettings',
  file: 'pluralFile',
};

/** A refused file, specifically; `quoted` is the offending text, to be shown as text. */
export function importErrorText(error: BackupError): { message: string; quoted: string | null } {
  switch (error.code) {
    case 'empty':
      return { message: t('importErrorEmpty'), quoted: null };
    case 'too-big':
      return {
        message: t('importErrorTooBig', String(Math.round(error.bytes / (1024 * 1024)))),
        quoted: null,
      };
    case 'not-json':
      return { message: t('importErrorNotJson'), quoted: null };
    case 'truncated':
      return { message: t('importErrorTruncated'), quoted: null };
    case 'not-backup':
      return { message: t('importErrorNotBackup'), quoted: null };
    case 'newer-version':
      return { message: t('importErrorNewer'), quoted: null };
    case 'damaged':
      return { message: t('importErrorDamaged', t(PLACE_KEYS[error.place])), quoted: null };
    case 'too-many':
      return { message: t('importErrorTooMany', t(PLURAL_KEYS[error.place])), quoted: null };
    case 'duplicate':
      return { message: t('importErrorDuplicate', t(PLACE_KEYS[error.place])), quoted: null };
    case 'hostile':
      return { message: t('importErrorHostile', t(PLACE_KEYS[error.place])), quoted: error.text };
    case 'bad-site':
      return { message: t('importErrorBadSite'), quoted: error.text };
    case 'bad-photo':
      return { message: t('importErrorBadPhoto'), quoted: null };
    case 'too-deep':
      return { message: t('trustBackupTooDeep'), quoted: null };
  }
}
