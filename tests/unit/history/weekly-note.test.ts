import { describe, expect, test } from 'vitest';
import { DEFAULT_WEEKLY_NOTE, nextWeeklyNote, readWeeklyNote } from '@/utils/history/weekly-note';
import { systemTimeZone } from '@/utils/time/temporal';
import { local, wall } from '../support/time';

const timeZone = systemTimeZone();
const on = { ...DEFAULT_WEEKLY_NOTE, enabled: true };

describe('the weekly note', () => {
  test('off by default, Sunday 19:00', () => {
    expect(readWeeklyNote(undefined)).toEqual({ enabled: false, weekday: 7, minute: 19 * 60 });
    expect(readWeeklyNote({ enabled: 'yes' })).toEqual(DEFAULT_WEEKLY_NOTE);
    expect(nextWeeklyNote(DEFAULT_WEEKLY_NOTE, Date.now(), timeZone)).toBeNull();
  });
  test('next Sunday 19:00, strictly after now', () => {
    expect(local(nextWeeklyNote(on, wall(timeZone, '2026-06-17T10:00'), timeZone), timeZone)).toBe(
      local(wall(timeZone, '2026-06-21T19:00'), timeZone),
    );
    expect(nextWeeklyNote(on, wall(timeZone, '2026-06-21T18:59'), timeZone)).toBe(
      wall(timeZone, '2026-06-21T19:00'),
    );
    expect(nextWeeklyNote(on, wall(timeZone, '2026-06-21T19:00'), timeZone)).toBe(
      wall(timeZone, '2026-06-28T19:00'),
    );
  });
  test('a time in the spring-forward gap resolves forward (Europe/Berlin, 29 March 2026)', () => {
    const note = { enabled: true, weekday: 7, minute: 2 * 60 + 30 };
    expect(nextWeeklyNote(note, wall('Europe/Berlin', '2026-03-28T12:00'), 'Europe/Berlin')).toBe(
      wall('Europe/Berlin', '2026-03-29T03:30'),
    );
  });
});
