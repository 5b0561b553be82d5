import { describe, expect, test } from 'vitest';
import { scheduleAt } from '@/utils/schedule/schedule';
import { PRESET_IDS } from '@/utils/settings/presets';
import { readSettings } from '@/utils/settings/read';
import { defaultSettings } from '@/utils/settings/schema';
import { systemTimeZone } from '@/utils/time/temporal';
import { NO_MANUAL } from '../support/settings';
import { wall } from '../support/time';

const zone = systemTimeZone();
const MONDAY_19 = wall(zone, '2025-06-02T19:00');
const SATURDAY_12 = wall(zone, '2025-06-07T12:00');

describe('defaults', () => {
  test('nothing stored: defaults, no problems', () => {
    expect(readSettings(undefined)).toEqual({ settings: defaultSettings(), problems: [] });
  });

  test('weekday evenings 18:00-20:30 are on', () => {
    const { settings } = readSettings(undefined);
    const on = settings.windows.filter((w) => w.enabled);
    expect(on).toHaveLength(1);
    expect(on[0]).toMatchObject({
      days: [1, 2, 3, 4, 5],
      startMinute: 18 * 60,
      lengthMinutes: 150,
    });
    expect(scheduleAt(settings, NO_MANUAL, MONDAY_19, zone)).toMatchObject({
      active: true,
      until: wall(zone, '2025-06-02T20:30'),
    });
  });

  test('the weekend window is there but off', () => {
    const { settings } = readSettings(undefined);
    const weekend = settings.windows.filter((w) => w.days.includes(6) || w.days.includes(7));
    expect(weekend.length).toBeGreaterThan(0);
    for (const w of weekend) expect(w.enabled).toBe(false);
    expect(scheduleAt(settings, NO_MANUAL, SATURDAY_12, zone)).toMatchObject({
      active: false,
      nextStart: wall(zone, '2025-06-09T18:00'),
    });
  });

  test('every preset is on', () => {
    const { settings } = readSettings(undefined);
    for (const id of PRESET_IDS) expect(settings.presets[id]).toBe(true);
  });

  test('defaultSettings hands out a fresh copy each time', () => {
    const a = defaultSettings();
    a.windows[0]?.days.push(6);
    a.presets.mail = false;
    expect(defaultSettings().windows[0]?.days).toEqual([1, 2, 3, 4, 5]);
    expect(defaultSettings().presets.mail).toBe(true);
  });
});
