import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, test } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { weekHeadline } from '@/components/text/week';
import { appendHistory, clearHistory } from '@/utils/browser/history-store';
import { saveWeeklyNote } from '@/utils/browser/storage';
import {
  giveWeeklyNote,
  scheduleWeeklyNote,
  WEEKLY_NOTE_ALARM,
  WEEKLY_NOTE_NOTIFICATION,
} from '@/utils/browser/weekly-note';
import { DEFAULT_WEEKLY_NOTE } from '@/utils/history/weekly-note';
import { systemTimeZone } from '@/utils/time/temporal';
import { installExtensionStubs } from '../support/fake-extension';
import { installBrowserRecords } from '../support/recording-browser';
import { MINUTE, wall } from '../support/time';

installExtensionStubs();
const shown = installBrowserRecords();
const zone = systemTimeZone();
const WEDNESDAY = wall(zone, '2026-06-17T12:00');
const SUNDAY_1900 = wall(zone, '2026-06-21T19:00');

beforeEach(async () => {
  fakeBrowser.reset();
  shown.notifications.length = 0;
  await clearHistory();
});

describe('the weekly note', () => {
  test('off by default: no alarm', async () => {
    await scheduleWeeklyNote(WEDNESDAY);
    expect(await browser.alarms.get(WEEKLY_NOTE_ALARM)).toBeUndefined();
  });

  test('on: one alarm at the next Sunday 19:00, gone again when turned off', async () => {
    await saveWeeklyNote({ ...DEFAULT_WEEKLY_NOTE, enabled: true });
    await scheduleWeeklyNote(WEDNESDAY);
    expect((await browser.alarms.get(WEEKLY_NOTE_ALARM))?.scheduledTime).toBe(SUNDAY_1900);
    await scheduleWeeklyNote(WEDNESDAY + MINUTE);
    expect(await browser.alarms.getAll()).toHaveLength(1);
    await saveWeeklyNote({ ...DEFAULT_WEEKLY_NOTE, enabled: false });
    await scheduleWeeklyNote(WEDNESDAY + 2 * MINUTE);
    expect(await browser.alarms.get(WEEKLY_NOTE_ALARM)).toBeUndefined();
  });

  test('the note says the first line of the week it was due in', async () => {
    await saveWeeklyNote({ ...DEFAULT_WEEKLY_NOTE, enabled: true });
    for (const day of ['15', '16']) {
      const start = wall(zone, `2026-06-${day}T18:00`);
      await appendHistory({
        type: 'kept',
        at: start + 150 * MINUTE,
        start,
        end: start + 150 * MINUTE,
      });
    }
    // The week of the time it was due, even when the alarm fires late (a laptop asleep on Sunday).
    await giveWeeklyNote(SUNDAY_1900, weekHeadline);
    expect(shown.notifications).toEqual([
      {
        id: WEEKLY_NOTE_NOTIFICATION,
        title: 'Your week with Hearth',
        message: 'You kept all 2 evenings whole',
      },
    ]);
  });

  test('turned off before it was due: nothing is shown', async () => {
    await giveWeeklyNote(SUNDAY_1900, weekHeadline);
    expect(shown.notifications).toEqual([]);
  });
});
