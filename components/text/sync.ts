import { t, uiLanguage } from '@/utils/browser/i18n';
import type { RecordKind } from '@/utils/settings/record-kinds';
import type { KindCounts } from '@/utils/sync/layout';
import type { SyncStatus } from '@/utils/sync/status';
import { formatClock } from '@/utils/time/format';

import { type Countable, listText } from './counts';

/** The words of sync: the calm notice under "Sync" and in Coverage. */

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
