import { t } from '@/utils/browser/i18n';
import type { Status } from '@/utils/messages';
import { dayWord, formatClock, formatWeekday, minutesLeft } from '@/utils/time/format';

/** "Family time until 20:30" or "Next: today 18:00": the one line every page shows. */
export function statusHeadline(status: Status, now: number, locale: string): string {
  if (status.active && status.until !== null) {
    return t('statusActiveUntil', formatClock(status.until, status.timeZone, locale));
  }
  if (status.nextStart === null) return t('statusNothingPlanned');
  const clock = formatClock(status.nextStart, status.timeZone, locale);
  const day = dayWord(status.nextStart, now, status.timeZone);
  if (day === 'today') return t('statusNextToday', clock);
  if (day === 'tomorrow') return t('statusNextTomorrow', clock);
  return t('statusNextLater', [formatWeekday(status.nextStart, status.timeZone, locale), clock]);
}

export function minutesLeftText(status: Status, now: number): string {
  if (!status.active || status.until === null) return '';
  const minutes = minutesLeft(status.until, now);
  if (minutes >= 24 * 60) return t('statusDaysLeft');
  if (minutes >= 60) {
    const hours = String(Math.floor(minutes / 60));
    return minutes % 60 === 0
      ? t('statusWholeHoursLeft', hours)
      : t('statusHoursLeft', [hours, String(minutes % 60)]);
  }
  return minutes === 1 ? t('statusOneMinuteLeft') : t('statusMinutesLeft', String(minutes));
}

const PROBLEM_KEYS = {
  unreadable: 'problemUnreadable',
  'newer-version': 'problemNewerVersion',
  'records-dropped': 'problemRecordsDropped',
  'invalid-sites': 'problemInvalidSites',
  'rules-dropped': 'problemRulesDropped',
  'nothing-to-block': 'problemNothingToBlock',
} as const;

export function problemText(problem: Status['problems'][number]): string {
  const key = PROBLEM_KEYS[problem.code];
  return 'count' in problem ? t(key, String(problem.count)) : t(key);
}
