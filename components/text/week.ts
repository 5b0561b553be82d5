import { t } from '@/utils/browser/i18n';
import type { Suggestion } from '@/utils/history/suggestions';
import type { Comparison, WeekSummary } from '@/utils/history/week';

/** "2 h 30 min", "45 min", "3 h". */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t('yourWeekMinutes', String(m));
  if (m === 0) return t('yourWeekHours', String(h));
  return t('yourWeekHoursMinutes', [String(h), String(m)]);
}

/**
 * The first line of a week: what was kept, first. A week with no evening
 * kept whole is still told as presence ("3 evenings of family time"), never
 * as a count of zero.
 */
export function weekHeadline(week: WeekSummary): string {
  if (week.evenings === 0) return t('yourWeekNothingYet');
  if (week.eveningsKept === 0)
    return week.evenings === 1
      ? t('yourWeekPresentOne')
      : t('yourWeekPresent', String(week.evenings));
  if (week.eveningsKept === week.evenings)
    return week.evenings === 1
      ? t('yourWeekKeptOnly')
      : t('yourWeekKeptAll', String(week.evenings));
  return t('yourWeekKept', [String(week.eveningsKept), String(week.evenings)]);
}

export function comparisonText(c: Comparison): string | null {
  switch (c.kind) {
    case 'none':
      return null;
    case 'more':
      return c.by === 1 ? t('yourWeekMore') : t('yourWeekMoreMany', String(c.by));
    case 'same':
      return t('yourWeekSame');
    case 'fewer':
      return c.before === 1 ? t('yourWeekFewerOne') : t('yourWeekFewer', String(c.before));
  }
}

export function suggestionText(s: Suggestion, noteAt: string): { text: string; link: string } {
  switch (s.kind) {
    case 'repeated-reason':
      return {
        text: t('yourWeekRepeatedReason', [s.reason, String(s.count)]),
        link: t('yourWeekOpenSites'),
      };
    case 'early-reach':
      return { text: t('yourWeekEarlyReach', [s.host, noteAt]), link: t('yourWeekOpenHeadsUp') };
    case 'shorter-step-past':
      return {
        text: t('yourWeekShorter', [String(s.used), String(s.granted)]),
        link: t('yourWeekOpenGentleness'),
      };
  }
}
