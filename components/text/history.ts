import { t } from '@/utils/browser/i18n';
import type { HistoryEntry } from '@/utils/history/entries';
import { formatClock } from '@/utils/time/format';

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** One history entry in plain words; reasons are the parent's own, shown as text. */
export function historyText(entry: HistoryEntry, timeZone: string, locale: string): string {
  switch (entry.type) {
    case 'blocked':
      return t('historyBlocked', entry.host);
    case 'step-past':
      return entry.minutesGranted === 1
        ? t('historyStepPastOne', [entry.host, entry.reason])
        : t('historyStepPast', [entry.host, String(entry.minutesGranted), entry.reason]);
    case 'step-past-ended':
      return entry.minutesUsed === 1
        ? t('historyStepPastEndedOne')
        : t('historyStepPastEnded', String(entry.minutesUsed));
    case 'saved':
      return t('historySaved', hostOf(entry.url));
    case 'reopened':
      return t('historyReopened', hostOf(entry.url));
    case 'kept':
      return t('historyKept', [
        formatClock(entry.start, timeZone, locale),
        formatClock(entry.end, timeZone, locale),
      ]);
    case 'ended-early':
      return entry.reason ? t('historyEndedEarlyReason', entry.reason) : t('historyEndedEarly');
    case 'budget-spent':
      return t('historyBudgetSpent', entry.host);
  }
}
