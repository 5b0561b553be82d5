import { browser } from 'wxt/browser';
import { readRecordSince } from '@/utils/browser/history-store';
import {
  reflect,
  startOfDate,
  summarizeWeek,
  type WeekSummary,
  weekStartOf,
} from '@/utils/history/week';
import { nextWeeklyNote } from '@/utils/history/weekly-note';
import { DAY_MS, systemTimeZone } from '@/utils/time/temporal';
import { t } from './i18n';
import { isPrivateCopy } from './private-copy';
import { loadSettings, loadWeeklyNote } from './storage';

export const WEEKLY_NOTE_ALARM = 'hearth-weekly-note';
export const WEEKLY_NOTE_NOTIFICATION = 'hearth-weekly-note';

/** Keeps the weekly-note alarm at the next due time (or none when it is off); reconcile calls it. */
export async function scheduleWeeklyNote(now: number): Promise<void> {
  const at = nextWeeklyNote(await loadWeeklyNote(), now, systemTimeZone());
  const alarm = await browser.alarms.get(WEEKLY_NOTE_ALARM);
  if (at === null) {
    if (alarm) await browser.alarms.clear(WEEKLY_NOTE_ALARM);
  } else if (!alarm || (alarm.scheduledTime !== at && alarm.scheduledTime > now)) {
    await browser.alarms.create(WEEKLY_NOTE_ALARM, { when: at });
  }
}

/**
 * The note itself: the first line of the week the alarm was due in (a
 * laptop asleep on Sunday evening still gets Sunday's week on waking).
 */
export async function giveWeeklyNote(
  dueAt: number,
  headline: (week: WeekSummary) => string,
): Promise<void> {
  // Chrome's private copy has no history of its own (it sends it to the regular copy), so the
  // regular copy, which holds the week, is the one that gives the note.
  if (isPrivateCopy() || !(await loadWeeklyNote()).enabled) return;
  const timeZone = systemTimeZone();
  const weekStart = weekStartOf(dueAt, timeZone);
  const [entries, { settings }] = await Promise.all([
    readRecordSince(startOfDate(weekStart, timeZone) - DAY_MS),
    loadSettings(),
  ]);
  const noteDates = settings.notes.flatMap((n) => (n.kind === 'tonight' && n.date ? [n.date] : []));
  const week = summarizeWeek(reflect({ entries, timeZone, noteDates }), weekStart);
  await browser.notifications.create(WEEKLY_NOTE_NOTIFICATION, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: t('yourWeekNotificationTitle'),
    message: headline(week),
  });
}
