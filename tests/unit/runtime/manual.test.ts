import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { decide } from '@/utils/decide';
import { endFamilyTime, startFamilyTime } from '@/utils/runtime/manual';
import { EMPTY_RUNTIME, type Grant, GrantSchema, type Runtime } from '@/utils/runtime/runtime';
import { scheduleAt } from '@/utils/schedule/schedule';
import { defaultSettings } from '@/utils/settings/schema';
import { HOUR, MINUTE, wall, zonesWithSystem } from '../support/time';

// Default settings: weekdays 18:00-20:30. 2025-06-02 is a Monday, 2025-06-07 a Saturday.
const settings = defaultSettings();

function grant(id: string, start: number, end: number): Grant {
  return v.parse(GrantSchema, { id, pattern: 'mail.google.com', start, end });
}

describe.each(zonesWithSystem())('in %s', (zone) => {
  const at = (t: string) => wall(zone, t);
  const state = (runtime: Runtime, now: number) => scheduleAt(settings, runtime, now, zone);

  describe('start family time now', () => {
    test('outside any window: a two-hour session from now', () => {
      const now = at('2025-06-07T15:00');
      const runtime = startFamilyTime(settings, EMPTY_RUNTIME, now, zone);
      expect(runtime.session).toEqual({ start: now, end: now + 2 * HOUR });
      expect(state(runtime, now)).toMatchObject({
        active: true,
        until: now + 2 * HOUR,
        source: 'manual',
      });
      expect(state(runtime, now + 2 * HOUR).active).toBe(false);
    });

    test('during a window ended early: the window resumes, no extra session', () => {
      const ended = endFamilyTime(settings, EMPTY_RUNTIME, at('2025-06-02T19:00'), zone);
      expect(state(ended, at('2025-06-02T19:30')).active).toBe(false);
      const resumed = startFamilyTime(settings, ended, at('2025-06-02T19:30'), zone);
      expect(resumed.pause).toBeNull();
      expect(resumed.session).toBeNull();
      expect(state(resumed, at('2025-06-02T19:30'))).toMatchObject({
        active: true,
        until: at('2025-06-02T20:30'),
        source: 'schedule',
      });
    });

    test('during a window already on: nothing to add', () => {
      const runtime = startFamilyTime(settings, EMPTY_RUNTIME, at('2025-06-02T19:00'), zone);
      expect(runtime).toEqual(EMPTY_RUNTIME);
    });

    test('pressing it again during a session does not stretch the session', () => {
      const first = startFamilyTime(settings, EMPTY_RUNTIME, at('2025-06-07T15:00'), zone);
      const again = startFamilyTime(settings, first, at('2025-06-07T16:00'), zone);
      expect(state(again, at('2025-06-07T16:00')).until).toBe(at('2025-06-07T17:00'));
    });

    test('grants are left as they are', () => {
      const g = grant('g1', at('2025-06-07T14:00'), at('2025-06-07T14:10'));
      const runtime = startFamilyTime(
        settings,
        { ...EMPTY_RUNTIME, grants: [g] },
        at('2025-06-07T15:00'),
        zone,
      );
      expect(runtime.grants).toEqual([g]);
    });
  });

  describe('end family time now', () => {
    test('during a window: off now and until the window would have ended, on again tomorrow', () => {
      const now = at('2025-06-02T19:00');
      const runtime = endFamilyTime(settings, EMPTY_RUNTIME, now, zone);
      expect(runtime.pause).toEqual({ start: now, end: at('2025-06-02T20:30') });
      expect(state(runtime, now).active).toBe(false);
      expect(state(runtime, at('2025-06-02T20:29')).active).toBe(false);
      expect(state(runtime, at('2025-06-03T18:00')).active).toBe(true);
    });

    test('live step-past grants end with it; past ones are kept as they were', () => {
      const now = at('2025-06-02T19:00');
      const past = grant('past', at('2025-06-02T18:10'), at('2025-06-02T18:20'));
      const live = grant('live', now - 5 * MINUTE, now + 5 * MINUTE);
      const runtime = endFamilyTime(
        settings,
        { ...EMPTY_RUNTIME, grants: [past, live] },
        now,
        zone,
      );
      expect(runtime.grants.find((g) => g.id === 'past')).toEqual(past);
      const closed = runtime.grants.find((g) => g.id === 'live');
      expect(closed?.start).toBe(live.start);
      expect(closed && closed.end <= now).toBe(true);
      // Resumed later the same evening, the grant does not come back to life.
      const resumed = startFamilyTime(settings, runtime, now + MINUTE, zone);
      const desired = decide({
        settings,
        runtime: resumed,
        now: now + MINUTE,
        timeZone: zone,
        limits: { maxRules: 5000, maxRegexRules: 1000 },
        reminderUrl: 'chrome-extension://hearth-test/blocked.html',
      });
      expect(desired.schedule.active).toBe(true);
      expect(desired.lists.grants).toEqual([]);
    });

    test('during a session that runs into the window: the session goes and the evening with it', () => {
      const session = startFamilyTime(settings, EMPTY_RUNTIME, at('2025-06-02T17:00'), zone);
      const runtime = endFamilyTime(settings, session, at('2025-06-02T17:30'), zone);
      expect(runtime.session).toBeNull();
      for (const t of ['2025-06-02T17:30', '2025-06-02T18:30', '2025-06-02T20:29']) {
        expect(state(runtime, at(t)).active).toBe(false);
      }
      expect(state(runtime, at('2025-06-03T18:00')).active).toBe(true);
    });

    test('during a session on a Saturday: off now', () => {
      const session = startFamilyTime(settings, EMPTY_RUNTIME, at('2025-06-07T15:00'), zone);
      const runtime = endFamilyTime(settings, session, at('2025-06-07T16:00'), zone);
      expect(state(runtime, at('2025-06-07T16:00')).active).toBe(false);
      expect(state(runtime, at('2025-06-07T16:59')).active).toBe(false);
    });

    test('outside family time: nothing changes', () => {
      const g = grant('g', at('2025-06-02T12:00'), at('2025-06-02T12:10'));
      const runtime: Runtime = { ...EMPTY_RUNTIME, grants: [g] };
      expect(endFamilyTime(settings, runtime, at('2025-06-02T12:05'), zone)).toBe(runtime);
      expect(endFamilyTime(settings, EMPTY_RUNTIME, at('2025-06-02T21:00'), zone)).toBe(
        EMPTY_RUNTIME,
      );
    });
  });
});
