import { describe, expect, test } from 'vitest';
import { dayWord, formatClock, formatMinute, minutesLeft, weekdayNames } from '@/utils/time/format';
import { MINUTE_MS, systemTimeZone } from '@/utils/time/temporal';
import { wall } from '../support/time';

// Runs under every test time zone (npm run test:unit): local dates are the zone's own.
const zone = systemTimeZone();

describe('times as the parent reads them', () => {
  test('clock times follow the language, and never break before "PM"', () => {
    const at = wall(zone, '2025-06-02T20:30');
    expect(formatClock(at, zone, 'en-GB')).toBe('20:30');
    expect(formatClock(at, zone, 'en-US')).toBe('8:30\u00a0PM');
    expect(formatMinute(18 * 60 + 5, 'en-US')).toBe('6:05\u00a0PM');
  });

  test('today, tomorrow or a weekday, by local dates (not 24-hour spans)', () => {
    const lateEvening = wall(zone, '2025-06-02T23:30');
    expect(dayWord(wall(zone, '2025-06-02T23:59'), lateEvening, zone)).toBe('today');
    expect(dayWord(wall(zone, '2025-06-03T00:10'), lateEvening, zone)).toBe('tomorrow');
    expect(dayWord(wall(zone, '2025-06-04T18:00'), lateEvening, zone)).toBe('weekday');
  });

  test('minutes left round up, so "0 minutes" never shows while time remains', () => {
    expect(minutesLeft(MINUTE_MS + 1, 0)).toBe(2);
    expect(minutesLeft(MINUTE_MS, 0)).toBe(1);
    expect(minutesLeft(0, 5)).toBe(0);
  });

  test('weekday names start on Monday, in the language asked', () => {
    expect(weekdayNames('en-GB', 'long')[0]).toBe('Monday');
    expect(weekdayNames('es', 'long')[6]).toBe('domingo');
  });
});
