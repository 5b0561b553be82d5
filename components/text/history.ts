import { type MessageKey, t } from '@/utils/browser/i18n';
import type { HistoryEntry } from '@/utils/history/entries';
import type { Loosening } from '@/utils/settings/loosening';
import { formatClock } from '@/utils/time/format';
import { MINUTE_MS } from '@/utils/time/temporal';

const LOOSENING_KEYS: Record<Loosening, MessageKey> = {
  'preset-off': 'trustLoosenPresetOff',
  'site-removed': 'trustLoosenSiteRemoved',
  'site-allowed': 'trustLoosenSiteAllowed',
  'window-off': 'trustLoosenWindowOff',
  'window-shortened': 'trustLoosenWindowShortened',
  'budget-raised': 'trustLoosenBudgetRaised',
  'friction-lowered': 'trustLoosenFrictionLowered',
};

/** "a group of work sites switched off, …": what a loosening did, in plain words. */
export function looseningText(what: readonly Loosening[]): string {
  return what.map((w) => t(LOOSENING_KEYS[w])).join(', ');
}

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
    case 'loosened': {
      const what = looseningText(entry.what);
      return entry.reason
        ? t('trustHistoryLoosenedReason', [what, entry.reason])
        : t('trustHistoryLoosened', what);
    }
    case 'rollup':
      return t('trustHistoryRollup', [
        String(entry.counts.blocked ?? 0),
        String(entry.counts['step-past'] ?? 0),
      ]);
    case 'clock-moved':
      return entry.fromZone !== entry.toZone
        ? t('trustHistoryZoneMoved', [entry.fromZone, entry.toZone])
        : t('trustHistoryClockMoved', String(Math.round(Math.abs(entry.jumpMs) / MINUTE_MS)));
  }
}
