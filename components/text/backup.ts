import type { RecordCounts } from '@/utils/backup/format';
import type { ImportPlan } from '@/utils/backup/import-plan';
import type { BackupError, BackupPlace } from '@/utils/backup/parse';
import { type MessageKey, t, uiLanguage } from '@/utils/browser/i18n';
import type { RecordKind } from '@/utils/settings/record-kinds';
import type { KindCounts } from '@/utils/sync/layout';
import type { SyncStatus } from '@/utils/sync/status';
import { formatClock } from '@/utils/time/format';

/** The words of the sync and backup section: counts, previews, notices, errors. */

type Countable = 'windows' | 'exceptions' | 'sites' | 'notes' | 'photos' | 'settings';

const COUNT_KEYS: Record<Countable, [MessageKey, MessageKey]> = {
  windows: ['countWindowsOne', 'countWindowsMany'],
  exceptions: ['countExceptionsOne', 'countExceptionsMany'],
  sites: ['countSitesOne', 'countSitesMany'],
  notes: ['countNotesOne', 'countNotesMany'],
  photos: ['countPhotosOne', 'countPhotosMany'],
  settings: ['countSettingsOne', 'countSettingsMany'],
};

/** "1 window", "12 sites". */
export function countText(what: Countable, n: number): string {
  const [one, many] = COUNT_KEYS[what];
  return n === 1 ? t(one) : t(many, String(n));
}

/** "3 windows, 12 sites, 4 notes" (zeros left out), in the page's language. */
export function listText(counts: Partial<Record<Countable, number>>): string {
  const order: Countable[] = ['windows', 'exceptions', 'sites', 'notes', 'photos', 'settings'];
  const parts = order.flatMap((k) => ((counts[k] ?? 0) > 0 ? [countText(k, counts[k] ?? 0)] : []));
  return new Intl.ListFormat(uiLanguage(), { style: 'short', type: 'unit' }).format(parts);
}

const KIND_TO_COUNTABLE: Record<RecordKind, Countable> = {
  window: 'windows',
  exception: 'exceptions',
  site: 'sites',
  note: 'notes',
  preset: 'settings',
  gentleness: 'settings',
  headsUp: 'settings',
};

function kindCounts(counts: KindCounts): { list: string; total: number } {
  const grouped: Partial<Record<Countable, number>> = {};
  let total = 0;
  for (const [kind, n] of Object.entries(counts) as [RecordKind, number][]) {
    const key = KIND_TO_COUNTABLE[kind];
    grouped[key] = (grouped[key] ?? 0) + n;
    total += n;
  }
  return { list: listText(grouped), total };
}

/** The calm notice under "Sync", or null when all is well. */
export function syncNotice(status: SyncStatus, timeZone: string): string | null {
  const waiting = kindCounts(status.localOnly);
  const full =
    waiting.total === 0
      ? null
      : waiting.total === 1
        ? t('syncFullOne', waiting.list)
        : t('syncFullMany', waiting.list);
  const retry =
    status.retryAt === null
      ? ''
      : ` ${t('syncSafeRetry', formatClock(status.retryAt, timeZone, uiLanguage()))}`;
  if (status.state === 'waiting') return t('syncWaiting');
  if (status.state === 'refused') {
    if (status.reason === 'rate') return `${t('syncRate')}${retry}`;
    if (status.reason === 'unavailable') return `${t('syncUnavailable')}${retry}`;
    return `${full ?? t('syncFullRightNow')}${retry}`;
  }
  return full;
}

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
  }
}
