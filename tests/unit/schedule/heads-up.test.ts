import { describe, expect, test } from 'vitest';
import { headsUpDue, minutesUntil } from '@/utils/schedule/heads-up';
import { scheduleAt } from '@/utils/schedule/schedule';
import { defaultSettings, type HeadsUp } from '@/utils/settings/schema';
import { EVERY_DAY, NO_MANUAL, settingsWith, weekly } from '../support/settings';
import { MINUTE, wall, zonesWithSystem } from '../support/time';

// 2025-06-02 is a Monday. Default settings: weekdays 18:00-20:30.
const SETTINGS = defaultSettings();
const TEN: HeadsUp = { enabled: true, minutesBefore: 10 };

describe.each(zonesWithSystem())('the heads-up in %s', (zone) => {
  const at = (t: string) => wall(zone, t);
  const due = (t: string | number, headsUp = TEN, saidFor: number | null = null) => {
    const now = typeof t === 'number' ? t : at(t);
    return headsUpDue(headsUp, scheduleAt(SETTINGS, NO_MANUAL, now, zone), now, saidFor);
  };

  test.each([
    ['2025-06-02T12:00', false],
    ['2025-06-02T17:49', false],
    ['2025-06-02T17:50', true],
    ['2025-06-02T17:55', true],
    ['2025-06-02T17:59', true],
    // Family time has begun: too late for a heads-up.
    ['2025-06-02T18:00', false],
    ['2025-06-02T19:00', false],
    // After tonight's, tomorrow's is far off.
    ['2025-06-02T20:45', false],
    // Saturday: Monday's start is two days away.
    ['2025-06-07T17:55', false],
  ])('at %s: %s (ten minutes before 18:00)', (t, expected) => {
    expect(due(t)).toBe(expected);
  });

  test('a second before the lead time: not yet; at the lead time: yes', () => {
    expect(due(at('2025-06-02T17:50') - 1000)).toBe(false);
    expect(due(at('2025-06-02T17:50'))).toBe(true);
    expect(due(at('2025-06-02T18:00') - 1)).toBe(true);
  });

  test('a longer lead time starts earlier', () => {
    const hour = { enabled: true, minutesBefore: 60 };
    expect(due('2025-06-02T16:59', hour)).toBe(false);
    expect(due('2025-06-02T17:00', hour)).toBe(true);
    expect(due('2025-06-02T17:30', hour)).toBe(true);
  });

  test('not twice for the same start (a woken worker or the heartbeat asks again)', () => {
    const start = at('2025-06-02T18:00');
    expect(due('2025-06-02T17:52', TEN, start)).toBe(false);
    expect(due('2025-06-02T17:59', TEN, start)).toBe(false);
  });

  test('said yesterday: tomorrow gets its own', () => {
    expect(due('2025-06-03T17:52', TEN, at('2025-06-02T18:00'))).toBe(true);
  });

  test('not when the parent turned it off', () => {
    expect(due('2025-06-02T17:55', { enabled: false, minutesBefore: 10 })).toBe(false);
  });

  test('not during family time, even when the next stretch is only minutes away', () => {
    const twoWindows = settingsWith([
      weekly(EVERY_DAY, '18:00', 150),
      weekly(EVERY_DAY, '20:35', 25),
    ]);
    const now = at('2025-06-02T20:28');
    const schedule = scheduleAt(twoWindows, NO_MANUAL, now, zone);
    expect(schedule.nextStart).toBe(at('2025-06-02T20:35'));
    expect(headsUpDue(TEN, schedule, now, null)).toBe(false);
    // In the five minutes between the two, it is due.
    const between = at('2025-06-02T20:31');
    expect(headsUpDue(TEN, scheduleAt(twoWindows, NO_MANUAL, between, zone), between, null)).toBe(
      true,
    );
  });

  test('not when no family time is coming at all', () => {
    const none = settingsWith([weekly(EVERY_DAY, '18:00', 60, { enabled: false })]);
    const now = at('2025-06-02T17:55');
    expect(headsUpDue(TEN, scheduleAt(none, NO_MANUAL, now, zone), now, null)).toBe(false);
  });

  test('the notification says how many minutes are left, at least one', () => {
    const start = at('2025-06-02T18:00');
    expect(minutesUntil(start, start - 10 * MINUTE)).toBe(10);
    expect(minutesUntil(start, start - 4 * MINUTE - 20_000)).toBe(4);
    expect(minutesUntil(start, start - 10_000)).toBe(1);
  });
});

describe('across a DST change (Berlin, 2025-03-30 02:00 -> 03:00)', () => {
  const zone = 'Europe/Berlin';
  // A Sunday window at 03:15: ten real minutes before it is 03:05, since 02:xx does not exist.
  const early = settingsWith([weekly([7], '03:15', 60)]);
  const due = (now: number) => headsUpDue(TEN, scheduleAt(early, NO_MANUAL, now, zone), now, null);

  test('the lead time is real minutes, not wall-clock ones', () => {
    expect(due(wall(zone, '2025-03-30T03:04'))).toBe(false);
    expect(due(wall(zone, '2025-03-30T03:05'))).toBe(true);
    // 01:59 is 16 real minutes before 03:15 that morning.
    expect(due(wall(zone, '2025-03-30T01:59'))).toBe(false);
  });
});
