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

/** "today", "tomorrow" or the weekday's name, for a time within the coming week. */
export function dayText(epochMs: number, now: number, timeZone: string, locale: string): string {
  const day = dayWord(epochMs, now, timeZone);
  if (day === 'weekday') return formatWeekday(epochMs, timeZone, locale);
  return t(day === 'today' ? 'dayToday' : 'dayTomorrow');
}

/** The week view's line: "Now, until 20:30" or "Next: tomorrow 18:00–20:30". */
export function weekNextLine(status: Status, now: number, locale: string): string {
  if (status.active && status.until !== null)
    return t('weekNow', formatClock(status.until, status.timeZone, locale));
  if (status.nextStart === null) return t('weekNone');
  const range = `${formatClock(status.nextStart, status.timeZone, locale)}–${
    status.nextEnd === null ? '' : formatClock(status.nextEnd, status.timeZone, locale)
  }`;
  return t('weekNext', `${dayText(status.nextStart, now, status.timeZone, locale)} ${range}`);
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
  'recovered-from-sync': 'trustRecoveredFromSync',
  'invalid-sites': 'problemInvalidSites',
  'rules-dropped': 'problemRulesDropped',
  'nothing-to-block': 'problemNothingToBlock',
} as const;

export function problemText(problem: Status['problems'][number]): string {
  const key = PROBLEM_KEYS[problem.code];
  return 'count' in problem ? t(key, String(problem.count)) : t(key);
}
