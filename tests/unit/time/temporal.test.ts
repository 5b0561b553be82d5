import { describe, expect, test } from 'vitest';
import {
  formatMinuteOfDay,
  minuteOfDay,
  parseTimeOfDay,
  systemTimeZone,
  zoned,
} from '@/utils/time/temporal';
import { wall } from '../support/time';

const zone = systemTimeZone();

describe('wall-clock time', () => {
  test('the minute of the day is local to the zone', () => {
    expect(minuteOfDay(wall(zone, '2025-06-02T18:45'), zone)).toBe(18 * 60 + 45);
    expect(zoned(wall(zone, '2025-06-02T18:45'), zone).toPlainDate().toString()).toBe('2025-06-02');
  });

  test('"HH:MM" round-trips for every minute of the day', () => {
    for (let minute = 0; minute < 24 * 60; minute += 7) {
      expect(parseTimeOfDay(formatMinuteOfDay(minute))).toBe(minute);
    }
  });

  test('what is not a time of day is refused', () => {
    for (const text of ['', '24:00', '12:60', '7', '7pm', '12:5', 'ab:cd']) {
      expect(parseTimeOfDay(text)).toBeNull();
    }
    expect(parseTimeOfDay(' 7:05 ')).toBe(7 * 60 + 5);
  });
});
