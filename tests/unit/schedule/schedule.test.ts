import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { endFamilyTime, startFamilyTime } from '@/utils/runtime/manual';
import { EMPTY_RUNTIME, type Runtime } from '@/utils/runtime/runtime';
import { type ManualState, type ScheduleState, scheduleAt } from '@/utils/schedule/schedule';
import type { DateException, Settings, WeeklyWindow } from '@/utils/settings/schema';
import { systemTimeZone } from '@/utils/time/temporal';
import {
  EVERY_DAY,
  extra,
  FRI,
  MON,
  NO_MANUAL,
  SAT,
  SUN,
  settingsWith,
  skip,
  THU,
  TUE,
  WED,
  WEEKDAYS,
  weekly,
} from '../support/settings';
import {
  DAY,
  HOUR,
  local,
  MINUTE,
  transitions,
  wall,
  ZONES,
  zonesWithSystem,
} from '../support/time';

// 2025-06-02 is a Monday; June is plain standard/summer time in every zone we test.

interface Expected {
  active: boolean;
  /** Local wall times ("2025-06-02T20:30") in the zone under test, or null. */
  until: string | null;
  nextStart: string | null;
}

/** Compares in local wall-clock text, so a failure reads like the parent would read it. */
function expectState(state: ScheduleState, expected: Expected, zone: string) {
  const at = (t: string | null) => (t === null ? 'null' : local(wall(zone, t), zone));
  const until = at(expected.until);
  const nextStart = at(expected.nextStart);
  expect({
    active: state.active,
    until: local(state.until, zone),
    nextStart: local(state.nextStart, zone),
    nextEdge: local(state.nextEdge, zone),
  }).toEqual({
    active: expected.active,
    until,
    nextStart,
    nextEdge: expected.active ? until : nextStart,
  });
}

type Row = [now: string, active: boolean, until: string | null, nextStart: string | null];

function table(settings: Settings, rows: Row[], manual: ManualState = NO_MANUAL) {
  describe.each(zonesWithSystem())('in %s', (zone) => {
    test.each(rows)('at %s: active %s, until %s, next %s', (now, active, until, nextStart) => {
      expectState(
        scheduleAt(settings, manual, wall(zone, now), zone),
        { active, until, nextStart },
        zone,
      );
    });
  });
}

describe('weekday evenings, 18:00 for 2 h 30', () => {
  table(settingsWith([weekly(WEEKDAYS, '18:00', 150)]), [
    ['2025-06-02T17:59', false, null, '2025-06-02T18:00'],
    ['2025-06-02T18:00', true, '2025-06-02T20:30', '2025-06-03T18:00'],
    ['2025-06-02T20:29', true, '2025-06-02T20:30', '2025-06-03T18:00'],
    ['2025-06-02T20:30', false, null, '2025-06-03T18:00'],
    ['2025-06-06T21:00', false, null, '2025-06-09T18:00'],
    ['2025-06-07T12:00', false, null, '2025-06-09T18:00'],
    ['2025-06-01T23:59', false, null, '2025-06-02T18:00'],
  ]);

  test.each(zonesWithSystem())(
    'the last millisecond before the end is still inside (%s)',
    (zone) => {
      const settings = settingsWith([weekly(WEEKDAYS, '18:00', 150)]);
      const end = wall(zone, '2025-06-02T20:30');
      expect(scheduleAt(settings, NO_MANUAL, end - 1, zone)).toMatchObject({
        active: true,
        until: end,
      });
    },
  );

  test('a disabled window or one with no days never starts', () => {
    const zone = systemTimeZone();
    const now = wall(zone, '2025-06-02T19:00');
    for (const w of [
      weekly(WEEKDAYS, '18:00', 150, { enabled: false }),
      weekly([], '18:00', 150),
    ]) {
      expect(scheduleAt(settingsWith([w]), NO_MANUAL, now, zone)).toMatchObject({
        active: false,
        nextStart: null,
        nextEdge: null,
      });
    }
  });
});

describe('a night window crossing midnight, 21:30 for 8 h 30', () => {
  table(settingsWith([weekly([MON, TUE, WED, THU], '21:30', 510)]), [
    ['2025-06-02T21:29', false, null, '2025-06-02T21:30'],
    ['2025-06-02T23:00', true, '2025-06-03T06:00', '2025-06-03T21:30'],
    ['2025-06-03T03:00', true, '2025-06-03T06:00', '2025-06-03T21:30'],
    ['2025-06-03T06:00', false, null, '2025-06-03T21:30'],
    ['2025-06-05T23:00', true, '2025-06-06T06:00', '2025-06-09T21:30'],
    ['2025-06-06T05:59', true, '2025-06-06T06:00', '2025-06-09T21:30'],
    ['2025-06-06T21:30', false, null, '2025-06-09T21:30'],
  ]);
});

describe('a Sunday night window runs into Monday', () => {
  table(settingsWith([weekly([SUN], '22:00', 600)]), [
    ['2025-06-02T03:00', true, '2025-06-02T08:00', '2025-06-08T22:00'],
    ['2025-06-02T08:00', false, null, '2025-06-08T22:00'],
  ]);
});

describe('several windows a day', () => {
  table(
    settingsWith([
      weekly(WEEKDAYS, '07:00', 60),
      weekly(WEEKDAYS, '12:30', 30),
      weekly(WEEKDAYS, '18:00', 150),
    ]),
    [
      ['2025-06-02T06:00', false, null, '2025-06-02T07:00'],
      ['2025-06-02T07:30', true, '2025-06-02T08:00', '2025-06-02T12:30'],
      ['2025-06-02T09:00', false, null, '2025-06-02T12:30'],
      ['2025-06-02T12:45', true, '2025-06-02T13:00', '2025-06-02T18:00'],
      ['2025-06-02T21:00', false, null, '2025-06-03T07:00'],
    ],
  );
});

describe('back-to-back windows are one evening', () => {
  describe('touching', () => {
    table(settingsWith([weekly([MON], '18:00', 60), weekly([MON], '19:00', 90)]), [
      ['2025-06-02T18:30', true, '2025-06-02T20:30', '2025-06-09T18:00'],
      ['2025-06-02T19:10', true, '2025-06-02T20:30', '2025-06-09T18:00'],
    ]);
  });
  describe('overlapping, the shorter inside the longer', () => {
    table(settingsWith([weekly([MON], '18:00', 120), weekly([MON], '19:00', 30)]), [
      ['2025-06-02T18:30', true, '2025-06-02T20:00', '2025-06-09T18:00'],
    ]);
  });
  describe('across midnight, windows on two days', () => {
    table(settingsWith([weekly([MON], '22:00', 120), weekly([TUE], '00:00', 60)]), [
      ['2025-06-02T23:00', true, '2025-06-03T01:00', '2025-06-09T22:00'],
    ]);
  });
  describe('a minute apart are two stretches', () => {
    table(settingsWith([weekly([MON], '18:00', 60), weekly([MON], '19:01', 60)]), [
      ['2025-06-02T18:30', true, '2025-06-02T19:00', '2025-06-02T19:01'],
      ['2025-06-02T19:00', false, null, '2025-06-02T19:01'],
    ]);
  });
});

describe('dated exceptions', () => {
  describe('skipping Tuesday and Wednesday', () => {
    table(settingsWith([weekly(WEEKDAYS, '18:00', 150)], [skip('2025-06-03', '2025-06-04')]), [
      ['2025-06-02T21:00', false, null, '2025-06-05T18:00'],
      ['2025-06-03T18:30', false, null, '2025-06-05T18:00'],
      ['2025-06-04T19:00', false, null, '2025-06-05T18:00'],
      ['2025-06-05T19:00', true, '2025-06-05T20:30', '2025-06-06T18:00'],
    ]);
  });
  describe('a skip stops windows starting that day, not one already running from the night before', () => {
    table(settingsWith([weekly([MON, TUE, WED, THU], '21:30', 510)], [skip('2025-06-03')]), [
      ['2025-06-03T03:00', true, '2025-06-03T06:00', '2025-06-04T21:30'],
      ['2025-06-03T22:00', false, null, '2025-06-04T21:30'],
    ]);
  });
  describe('a summer holiday longer than two weeks', () => {
    table(settingsWith([weekly(WEEKDAYS, '18:00', 150)], [skip('2025-06-01', '2025-08-31')]), [
      ['2025-06-02T19:00', false, null, '2025-09-01T18:00'],
    ]);
  });
  describe('everything skipped for years', () => {
    table(settingsWith([weekly(WEEKDAYS, '18:00', 150)], [skip('2025-01-01', '2030-12-31')]), [
      ['2025-06-02T19:00', false, null, null],
    ]);
  });
  describe('an extra window on Saturday', () => {
    table(
      settingsWith([weekly(WEEKDAYS, '18:00', 150)], [extra('2025-06-07', '10:00', 120, 'Zoo')]),
      [
        ['2025-06-07T09:00', false, null, '2025-06-07T10:00'],
        ['2025-06-07T11:00', true, '2025-06-07T12:00', '2025-06-09T18:00'],
        ['2025-06-07T12:00', false, null, '2025-06-09T18:00'],
      ],
    );
  });
  describe('an extra hour right before the weekday window joins it', () => {
    table(settingsWith([weekly(WEEKDAYS, '18:00', 150)], [extra('2025-06-02', '17:00', 60)]), [
      ['2025-06-02T17:30', true, '2025-06-02T20:30', '2025-06-03T18:00'],
    ]);
  });
  describe('an extra window crossing midnight', () => {
    table(settingsWith([], [extra('2025-06-06', '23:00', 120)]), [
      ['2025-06-07T00:30', true, '2025-06-07T01:00', null],
    ]);
  });

  test('the extra window carries its label', () => {
    const zone = systemTimeZone();
    const settings = settingsWith([], [extra('2025-06-07', '10:00', 120, 'Zoo')]);
    expect(scheduleAt(settings, NO_MANUAL, wall(zone, '2025-06-07T11:00'), zone).label).toBe('Zoo');
  });
});

describe('starting and ending family time by hand', () => {
  const settings = settingsWith([weekly(WEEKDAYS, '18:00', 150)]);
  const state = (runtime: Runtime, zone: string, t: string) =>
    scheduleAt(settings, runtime, wall(zone, t), zone);

  describe.each(zonesWithSystem())('in %s', (zone) => {
    test('on a Saturday afternoon: two hours, then off until Monday', () => {
      const runtime = startFamilyTime(
        settings,
        EMPTY_RUNTIME,
        wall(zone, '2025-06-07T15:00'),
        zone,
      );
      expectState(
        state(runtime, zone, '2025-06-07T15:00'),
        { active: true, until: '2025-06-07T17:00', nextStart: '2025-06-09T18:00' },
        zone,
      );
      expect(state(runtime, zone, '2025-06-07T15:00').source).toBe('manual');
      expectState(
        state(runtime, zone, '2025-06-07T17:00'),
        { active: false, until: null, nextStart: '2025-06-09T18:00' },
        zone,
      );
    });

    test('an hour before the evening window: the session runs into it', () => {
      const runtime = startFamilyTime(
        settings,
        EMPTY_RUNTIME,
        wall(zone, '2025-06-02T17:00'),
        zone,
      );
      expectState(
        state(runtime, zone, '2025-06-02T17:30'),
        { active: true, until: '2025-06-02T20:30', nextStart: '2025-06-03T18:00' },
        zone,
      );
      expect(state(runtime, zone, '2025-06-02T17:30').source).toBe('manual');
      expect(state(runtime, zone, '2025-06-02T18:30').source).toBe('schedule');
    });

    test('ending the evening early keeps it off tonight but not tomorrow', () => {
      const ended = endFamilyTime(settings, EMPTY_RUNTIME, wall(zone, '2025-06-02T19:00'), zone);
      for (const t of ['2025-06-02T19:00', '2025-06-02T20:29']) {
        expectState(
          state(ended, zone, t),
          { active: false, until: null, nextStart: '2025-06-03T18:00' },
          zone,
        );
      }
      expectState(
        state(ended, zone, '2025-06-03T18:00'),
        { active: true, until: '2025-06-03T20:30', nextStart: '2025-06-04T18:00' },
        zone,
      );
    });

    test('starting again after ending early resumes the window', () => {
      const ended = endFamilyTime(settings, EMPTY_RUNTIME, wall(zone, '2025-06-02T19:00'), zone);
      const resumed = startFamilyTime(settings, ended, wall(zone, '2025-06-02T19:30'), zone);
      expectState(
        state(resumed, zone, '2025-06-02T19:30'),
        { active: true, until: '2025-06-02T20:30', nextStart: '2025-06-03T18:00' },
        zone,
      );
      expect(state(resumed, zone, '2025-06-02T19:30').source).toBe('schedule');
    });
  });
});

describe('daylight saving time', () => {
  function at(zone: string, window: WeeklyWindow, now: string): ScheduleState {
    return scheduleAt(settingsWith([window]), NO_MANUAL, wall(zone, now), zone);
  }

  // Spring forward: 02:00 -> 03:00 on 2025-03-30 (Berlin) and 2025-03-09 (New York).
  describe.each([
    ['Europe/Berlin', '2025-03-30'],
    ['America/New_York', '2025-03-09'],
  ])('spring-forward gap in %s on %s', (zone, day) => {
    test('a window at 02:30, which does not exist that night, starts at 03:30 and lasts its hour', () => {
      const w = weekly([SUN], '02:30', 60);
      const before = at(zone, w, `${day}T03:00`);
      expect(before.active).toBe(false);
      expect(local(before.nextStart, zone)).toBe(local(wall(zone, `${day}T03:30`), zone));
      const during = at(zone, w, `${day}T03:45`);
      expect(during.active).toBe(true);
      expect(local(during.until, zone)).toBe(local(wall(zone, `${day}T04:30`), zone));
    });

    test('a window 01:00 for 2 h spanning the gap ends at wall 03:00, one real hour later', () => {
      const w = weekly([SUN], '01:00', 120);
      const state = at(zone, w, `${day}T01:30`);
      expect(state.active).toBe(true);
      expect(state.until).toBe(wall(zone, `${day}T03:00`));
      expect(state.until).toBe(wall(zone, `${day}T01:00`) + HOUR);
    });

    test('an overnight window ends at wall 06:00 the short night', () => {
      const saturday = Temporal.PlainDate.from(day).subtract({ days: 1 }).toString();
      const w = weekly([SAT], '21:30', 510);
      const state = at(zone, w, `${day}T05:00`);
      expect(state).toMatchObject({ active: true, until: wall(zone, `${day}T06:00`) });
      expect(state.until).toBe(wall(zone, `${saturday}T21:30`) + 7.5 * HOUR);
    });
  });

  // Fall back: Berlin repeats 02:00-03:00 on 2025-10-26, New York 01:00-02:00 on 2025-11-02.
  describe.each([
    ['Europe/Berlin', '2025-10-26', '02:30', '03:00', '01:00', '03:00'],
    ['America/New_York', '2025-11-02', '01:30', '02:00', '00:30', '02:30'],
  ])('fall-back repeat in %s on %s', (zone, day, inRepeat, repeatEnd, spanStart, spanEnd) => {
    test('a window in the repeated hour starts at its first occurrence', () => {
      const w = weekly([SUN], inRepeat, 30);
      const first = wall(zone, `${day}T${inRepeat}`, 'earlier');
      const second = wall(zone, `${day}T${inRepeat}`, 'later');
      expect(second - first).toBe(HOUR); // the fixture really is in the repeated hour
      const before = scheduleAt(settingsWith([w]), NO_MANUAL, first - MINUTE, zone);
      expect(before.nextStart).toBe(first);
      const during = scheduleAt(settingsWith([w]), NO_MANUAL, first, zone);
      expect(during.active).toBe(true);
      // Its end, wall start + 30 min, is after the repeat: the window lasts 90 real minutes.
      expect(during.until).toBe(wall(zone, `${day}T${repeatEnd}`));
    });

    test('a 2 h window spanning the repeat ends at its wall end, three real hours later', () => {
      const w = weekly([SUN], spanStart, 120);
      const start = wall(zone, `${day}T${spanStart}`);
      const state = scheduleAt(settingsWith([w]), NO_MANUAL, start + 30 * MINUTE, zone);
      expect(state.active).toBe(true);
      expect(state.until).toBe(wall(zone, `${day}T${spanEnd}`));
      expect(state.until).toBe(start + 3 * HOUR);
    });
  });

  describe("Australia/Lord_Howe's half-hour shifts", () => {
    const zone = 'Australia/Lord_Howe';
    test('spring (2025-10-05, 02:00 -> 02:30): a window at 02:10 starts at 02:40', () => {
      const w = weekly([SUN], '02:10', 60);
      const before = at(zone, w, '2025-10-05T02:30');
      expect(before).toMatchObject({ active: false, nextStart: wall(zone, '2025-10-05T02:40') });
      const during = at(zone, w, '2025-10-05T02:50');
      // It ends at its wall end, 03:10: half an hour of family time that night.
      expect(during).toMatchObject({ active: true, until: wall(zone, '2025-10-05T03:10') });
      expect(wall(zone, '2025-10-05T03:10') - wall(zone, '2025-10-05T02:40')).toBe(30 * MINUTE);
    });

    test('autumn (2025-04-06, 02:00 -> 01:30): a window at 01:45 starts at its first occurrence', () => {
      const w = weekly([SUN], '01:45', 30);
      const first = wall(zone, '2025-04-06T01:45', 'earlier');
      expect(wall(zone, '2025-04-06T01:45', 'later') - first).toBe(30 * MINUTE);
      const before = scheduleAt(settingsWith([w]), NO_MANUAL, first - MINUTE, zone);
      expect(before.nextStart).toBe(first);
      const during = scheduleAt(settingsWith([w]), NO_MANUAL, first, zone);
      expect(during).toMatchObject({ active: true, until: wall(zone, '2025-04-06T02:15') });
      expect(during.until).toBe(first + HOUR);
    });
  });
  describe("America/Santiago's changes at midnight", () => {
    const zone = 'America/Santiago';
    // Spring: Sunday 2025-09-07 begins at 01:00 (00:00-01:00 does not exist).
    // Autumn: Saturday 2025-04-05 runs 23:00-24:00 twice, then Sunday begins once.
    test('spring: a window at 00:30 the day that skips midnight starts at 01:30 and lasts its hour', () => {
      const w = weekly([SUN], '00:30', 60);
      const saturdayLate = wall(zone, '2025-09-06T23:30');
      const before = scheduleAt(settingsWith([w]), NO_MANUAL, saturdayLate, zone);
      // Thirty real minutes to Saturday's "midnight", then the clock jumps to 01:00: 01:30 is an hour on.
      expect(before).toMatchObject({ active: false, nextStart: saturdayLate + HOUR });
      expect(local(before.nextStart, zone)).toBe(local(wall(zone, '2025-09-07T01:30'), zone));
      const during = scheduleAt(settingsWith([w]), NO_MANUAL, saturdayLate + HOUR + MINUTE, zone);
      // Its wall end (01:30) is not after its start: it lasts its 60 minutes instead.
      expect(during).toMatchObject({ active: true, until: saturdayLate + 2 * HOUR });
    });

    test('spring: a Saturday window 22:00 for 3 h ends at wall 01:00, two real hours later', () => {
      const w = weekly([SAT], '22:00', 180);
      const start = wall(zone, '2025-09-06T22:00');
      const state = scheduleAt(settingsWith([w]), NO_MANUAL, start + 30 * MINUTE, zone);
      expect(state).toMatchObject({ active: true, since: start, until: start + 2 * HOUR });
      expect(local(state.until, zone)).toBe(local(wall(zone, '2025-09-07T01:00'), zone));
    });

    test('autumn: a Saturday window at 23:30 starts at its first occurrence and ends at wall 00:30', () => {
      const w = weekly([SAT], '23:30', 60);
      const first = wall(zone, '2025-04-05T23:30', 'earlier');
      expect(wall(zone, '2025-04-05T23:30', 'later') - first).toBe(HOUR); // really repeated
      const before = scheduleAt(settingsWith([w]), NO_MANUAL, first - MINUTE, zone);
      expect(before.nextStart).toBe(first);
      const during = scheduleAt(settingsWith([w]), NO_MANUAL, first + 45 * MINUTE, zone);
      expect(during).toMatchObject({ active: true, since: first, until: first + 2 * HOUR });
    });

    test('autumn: a Sunday window at 00:00 starts once, after the repeated hour', () => {
      const w = weekly([SUN], '00:00', 60);
      const saturdayEleven = wall(zone, '2025-04-05T23:00', 'earlier');
      const state = scheduleAt(settingsWith([w]), NO_MANUAL, saturdayEleven, zone);
      expect(state.nextStart).toBe(saturdayEleven + 2 * HOUR);
      expect(local(state.nextStart, zone)).toBe('2025-04-06T00:00:00-04:00[America/Santiago]');
    });
  });
});

describe('a change of time zone', () => {
  const settings = settingsWith([weekly(WEEKDAYS, '18:00', 150)]);
  // One instant: Monday 18:30 in Berlin.
  const instant = wall('Europe/Berlin', '2025-06-02T18:30');

  test.each([
    ['Europe/Berlin', true, '2025-06-02T20:30', '2025-06-03T18:00'],
    ['America/New_York', false, null, '2025-06-02T18:00'], // 12:30 there
    ['Asia/Kolkata', false, null, '2025-06-03T18:00'], // 22:00 there
    ['Australia/Lord_Howe', false, null, '2025-06-03T18:00'], // Tuesday 03:00 there
    ['UTC', false, null, '2025-06-02T18:00'], // 16:30 there
  ] as const)(
    'the same settings in %s answer in local wall time',
    (zone, active, until, nextStart) => {
      expectState(
        scheduleAt(settings, NO_MANUAL, instant, zone),
        { active, until, nextStart },
        zone,
      );
    },
  );

  test.each(zonesWithSystem())('in %s every edge falls on 18:00 or 20:30 local', (zone) => {
    for (let h = 0; h < 7 * 24; h += 5) {
      const state = scheduleAt(settings, NO_MANUAL, instant + h * HOUR, zone);
      if (state.nextEdge === null) throw new Error('no edge');
      const edge = Temporal.Instant.fromEpochMilliseconds(state.nextEdge).toZonedDateTimeISO(zone);
      expect(edge.toPlainTime().toString()).toBe(state.active ? '20:30:00' : '18:00:00');
    }
  });
});

// --- Property test against a brute-force oracle ---------------------------------------------
//
// The oracle never turns a wall-clock time into an instant with Temporal's disambiguation (as
// utils/schedule/schedule.ts does). It walks real time minute by minute, reads the local clock
// at each minute (instant -> wall, which is never ambiguous), and takes a wall time's instant
// as the first minute the clock shows it. A wall time the clock skips (a spring-forward gap)
// is where the clock would have shown it had it not jumped: the minute before the jump plus
// the minutes still missing. That is the documented rule ("02:30 that does not exist becomes
// 03:30"; a repeated hour counts from its first occurrence), reached another way.

/** UTC offset in ms at an instant, from Temporal's instant -> wall conversion only. */
function offsetAt(zone: string, t: number): number {
  const ns = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(zone).offsetNanoseconds;
  return ns / 1e6;
}

/** The local clock, minute by minute, over real time [from, to). */
class MinuteWalk {
  /** Real minute index -> local wall minute (minutes since 1970-01-01T00:00 on the wall). */
  private readonly wallOf: Float64Array;
  /** Local wall minute - firstWall -> the first real instant the clock shows it. */
  private readonly instantOf: Float64Array;
  readonly from: number;
  private readonly firstWall: number;

  constructor(zone: string, from: number, to: number) {
    this.from = Math.floor(from / MINUTE) * MINUTE;
    const count = Math.ceil((to - this.from) / MINUTE);
    this.wallOf = new Float64Array(count);
    const hourOffset = new Map<number, number>();
    const byHour = (h: number) => {
      let o = hourOffset.get(h);
      if (o === undefined) {
        o = offsetAt(zone, h);
        hourOffset.set(h, o);
      }
      return o;
    };
    for (let i = 0; i < count; i++) {
      const t = this.from + i * MINUTE;
      const h = Math.floor(t / HOUR) * HOUR;
      // No zone changes its offset twice within an hour: equal at both ends, equal throughout.
      const o = byHour(h) === byHour(h + HOUR) ? byHour(h) : offsetAt(zone, t);
      this.wallOf[i] = (t + o) / MINUTE;
    }
    this.firstWall = this.wallOf[0] ?? 0;
    const lastWall = Math.max(...this.wallOf);
    this.instantOf = new Float64Array(lastWall - this.firstWall + 1).fill(Number.NaN);
    for (let i = 0; i < count; i++) {
      const wall = this.wallOf[i] ?? 0;
      const prev = i > 0 ? (this.wallOf[i - 1] ?? 0) : wall - 1;
      const t = this.from + i * MINUTE;
      // The clock jumped over (prev, wall): each skipped minute is where it would have been.
      for (let m = prev + 1; m < wall; m++) {
        const k = m - this.firstWall;
        if (k >= 0 && Number.isNaN(this.instantOf[k]))
          this.instantOf[k] = t - MINUTE + (m - prev) * MINUTE;
      }
      const k = wall - this.firstWall;
      if (k >= 0 && Number.isNaN(this.instantOf[k])) this.instantOf[k] = t;
    }
  }

  /** The first instant the local clock reads `wallMinute`. */
  instant(wallMinute: number): number {
    const t = this.instantOf[wallMinute - this.firstWall];
    if (t === undefined || Number.isNaN(t))
      throw new Error(`wall minute ${wallMinute} outside the walk`);
    return t;
  }

  /** The local date at a real minute, as days since 1970-01-01. */
  localDay(t: number): number {
    const wall = this.wallOf[Math.floor((t - this.from) / MINUTE)];
    if (wall === undefined) throw new Error('instant outside the walk');
    return Math.floor(wall / (24 * 60));
  }
}

/** A date's day number (days since 1970-01-01), by plain calendar arithmetic. */
const dayNumber = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY;
};
/** ISO weekday (1 = Monday) of a day number: 1970-01-01 was a Thursday. */
const weekdayOf = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1;

/** Scheduled occurrences starting on local days [fromDay, toDay], read off the walk. */
function oracleOccurrences(
  walk: MinuteWalk,
  windows: WeeklyWindow[],
  exceptions: DateException[],
  fromDay: number,
  toDay: number,
) {
  const out: { start: number; end: number }[] = [];
  const occurrence = (day: number, startMinute: number, length: number) => {
    const startWall = day * 24 * 60 + startMinute;
    const start = walk.instant(startWall);
    let end = walk.instant(startWall + length);
    // Documented: a window swallowed by a DST shift still lasts as long as it says.
    if (end <= start) end = start + length * MINUTE;
    out.push({ start, end });
  };
  for (let day = fromDay; day <= toDay; day++) {
    const skipped = exceptions.some(
      (e) => e.kind === 'skip' && dayNumber(e.from) <= day && day <= dayNumber(e.to),
    );
    if (skipped) continue;
    for (const w of windows) {
      if (w.enabled && w.days.includes(weekdayOf(day)))
        occurrence(day, w.startMinute, w.lengthMinutes);
    }
    for (const e of exceptions) {
      if (e.kind === 'extra' && dayNumber(e.date) === day)
        occurrence(day, e.startMinute, e.lengthMinutes);
    }
  }
  return out;
}

/** Next starts are checked exactly this far ahead: past NEAR_DAYS (14), so the far look too. */
const BOUND_DAYS = 17;
/**
 * Ends are checked exactly this far ahead. Family time that runs on without a break past the
 * near look (occurrences starting up to 14 local days ahead) is reported as ending there;
 * beyond this bound the end must only not come sooner.
 */
const END_BOUND = 12 * DAY;
const BOUND = BOUND_DAYS * DAY;
const BACK = DAY;
const YEARS = { from: Date.UTC(2025, 0, 1), to: Date.UTC(2027, 11, 31) };
const span = (from: number, to: number) => ({ start: from, end: to });

const windowArb = fc.record({
  days: fc.oneof(
    fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 7 }),
    fc.constant(EVERY_DAY),
  ),
  // Biased to small hours (DST shifts happen 01:00-03:00) and to late evening.
  startMinute: fc.oneof(
    fc.integer({ min: 0, max: 1439 }),
    fc.integer({ min: 0, max: 4 * 60 }),
    fc.constantFrom(0, 60, 90, 105, 120, 150, 1080, 1290, 1410),
  ),
  lengthMinutes: fc.oneof(
    fc.integer({ min: 1, max: 1440 }),
    fc.constantFrom(1, 30, 60, 90, 120, 150, 510, 1439, 1440),
  ),
  enabled: fc.oneof(fc.constant(true), fc.boolean()),
});

const exceptionArb = fc.oneof(
  fc.record({
    kind: fc.constant('skip' as const),
    fromOffset: fc.integer({ min: -3, max: 3 }),
    // Short skips, and holidays long enough to push the next start past NEAR_DAYS.
    days: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 3, max: 20 })),
  }),
  fc.record({
    kind: fc.constant('extra' as const),
    dateOffset: fc.oneof(fc.integer({ min: -2, max: 3 }), fc.integer({ min: 4, max: 16 })),
    startMinute: fc.integer({ min: 0, max: 1439 }),
    lengthMinutes: fc.integer({ min: 1, max: 1440 }),
  }),
);

const manualSpanArb = fc.option(
  fc.record({
    offsetMinutes: fc.integer({ min: -8 * 60, max: 8 * 60 }),
    lengthMinutes: fc.integer({ min: 1, max: 10 * 60 }),
  }),
);

function nowArb(zone: string): fc.Arbitrary<number> {
  const anyTime = fc.integer({ min: YEARS.from, max: YEARS.to });
  const shifts = transitions(zone, 2025, 2028);
  if (shifts.length === 0) return anyTime;
  const nearShift = fc
    .tuple(fc.constantFrom(...shifts), fc.integer({ min: -36 * HOUR, max: 36 * HOUR }))
    .map(([t, d]) => t + d);
  return fc.oneof(anyTime, nearShift, nearShift);
}

type Case = typeof caseArb extends (zone: string) => fc.Arbitrary<infer C> ? C : never;

function caseArb(zone: string) {
  return fc.record({
    now: nowArb(zone),
    windows: fc.array(windowArb, { minLength: 1, maxLength: 3 }),
    exceptions: fc.array(exceptionArb, { maxLength: 3 }),
    session: manualSpanArb,
    pause: manualSpanArb,
  });
}

describe('scheduleAt agrees with a minute-by-minute oracle', () => {
  test.each([...ZONES, 'system'])(
    'in %s',
    (zoneName) => {
      const zone = zoneName === 'system' ? systemTimeZone() : zoneName;
      /** How far ahead the next starts were (days), so the run proves it reached far ones. */
      const nextStartDaysAhead: number[] = [];
      fc.assert(
        fc.property(caseArb(zone), (c) => {
          // Real time from five days back to past the bound: every occurrence that can touch
          // [now - BACK, now + BOUND] starts on a local day in [today - 3, today + BOUND_DAYS + 1].
          const walk = new MinuteWalk(zone, c.now - 5 * DAY, c.now + (BOUND_DAYS + 4) * DAY);
          const today = walk.localDay(c.now);
          const date = (offset: number) =>
            new Date((today + offset) * DAY).toISOString().slice(0, 10);
          const windows: WeeklyWindow[] = c.windows.map((w, i) => ({
            id: `w${i}`,
            label: '',
            updatedAt: 0,
            ...w,
          }));
          const exceptions: DateException[] = c.exceptions.map((e, i) =>
            e.kind === 'skip'
              ? {
                  id: `e${i}`,
                  kind: 'skip',
                  from: date(e.fromOffset),
                  to: date(e.fromOffset + e.days),
                  updatedAt: 0,
                }
              : {
                  id: `e${i}`,
                  kind: 'extra',
                  date: date(e.dateOffset),
                  startMinute: e.startMinute,
                  lengthMinutes: e.lengthMinutes,
                  label: '',
                  updatedAt: 0,
                },
          );
          const minuteNow = Math.floor(c.now / MINUTE) * MINUTE;
          const manualSpan = (m: typeof c.session) =>
            m === null
              ? null
              : span(
                  minuteNow + m.offsetMinutes * MINUTE,
                  minuteNow + (m.offsetMinutes + m.lengthMinutes) * MINUTE,
                );
          const manual: ManualState = {
            session: manualSpan(c.session),
            pause: manualSpan(c.pause),
          };

          // Family time, minute by minute: occurrences minus the pause, plus the session.
          const occurrences = oracleOccurrences(
            walk,
            windows,
            exceptions,
            today - 3,
            today + BOUND_DAYS + 1,
          );
          const scheduled = new Uint8Array(BOUND_DAYS * 24 * 60 + 10 * 24 * 60);
          const index = (t: number) => Math.floor((t - walk.from) / MINUTE);
          for (const o of occurrences) {
            for (let i = Math.max(0, index(o.start)); i < index(o.end) && i < scheduled.length; i++)
              scheduled[i] = 1;
          }
          const within = (s: { start: number; end: number } | null, t: number) =>
            s !== null && s.start <= t && t < s.end;
          const oracle = (t: number) =>
            (scheduled[index(t)] === 1 && !within(manual.pause, t)) || within(manual.session, t);
          // Every boundary is on a whole minute (all offsets are whole minutes), so the
          // state is constant between minute marks: the first flip is on one of them.
          const limit = c.now + BOUND;
          const firstFlip = (from: number, value: boolean): number | null => {
            for (let t = Math.floor(from / MINUTE) * MINUTE + MINUTE; t <= limit; t += MINUTE) {
              if (oracle(t) !== value) return t;
            }
            return null;
          };
          const expectBeyondBound = (actual: number | null) => {
            if (actual !== null) expect(actual).toBeGreaterThan(limit);
          };
          const expectEnd = (actual: number | null, end: number | null) => {
            if (end !== null && end < c.now + END_BOUND) {
              expect(local(actual, zone)).toBe(local(end, zone));
            } else {
              expect(actual).not.toBeNull();
              expect(actual).toBeGreaterThanOrEqual(c.now + END_BOUND);
            }
          };

          const settings = settingsWith(windows, exceptions);
          const state = scheduleAt(settings, manual, c.now, zone);
          const active = oracle(c.now);
          expect(state.active).toBe(active);

          // The next stretch: when it starts and when it ends.
          const expectNext = (from: number) => {
            const nextStart = firstFlip(from, false);
            if (nextStart === null) return expectBeyondBound(state.nextStart);
            nextStartDaysAhead.push((nextStart - c.now) / DAY);
            expect(local(state.nextStart, zone)).toBe(local(nextStart, zone));
            expectEnd(state.nextEnd, firstFlip(nextStart, true));
          };

          if (active) {
            // Since: walk back (bounded) to the minute the oracle last switched on.
            let since: number | null = null;
            for (let t = Math.floor(c.now / MINUTE) * MINUTE; t > c.now - BACK; t -= MINUTE) {
              if (!oracle(t - MINUTE)) {
                since = t;
                break;
              }
            }
            if (since === null) expect(state.since).toBeLessThanOrEqual(c.now - BACK);
            else expect(local(state.since, zone)).toBe(local(since, zone));

            const until = firstFlip(c.now, true);
            expectEnd(state.until, until);
            if (until === null) expectBeyondBound(state.nextStart);
            else if (until < c.now + END_BOUND) expectNext(until);
            expect(state.nextEdge).toBe(state.until);
          } else {
            expect(state.since).toBeNull();
            expect(state.until).toBeNull();
            expectNext(c.now);
            expect(state.nextEdge).toBe(state.nextStart);
          }
        }),
        {
          numRuns: 150,
          // Besides the random cases: a holiday that puts the next start 15 and 5 days ahead.
          examples: [14, 4].map((days): [Case] => [
            {
              now: Date.UTC(2025, 8, 3, 15, 7),
              windows: [
                { days: EVERY_DAY, startMinute: 12 * 60, lengthMinutes: 60, enabled: true },
              ],
              exceptions: [{ kind: 'skip' as const, fromOffset: 0, days }],
              session: null,
              pause: null,
            },
          ]),
        },
      );
      // The run really checked next starts days ahead, past the near look (14 days) too.
      expect(nextStartDaysAhead.filter((d) => d > 3).length).toBeGreaterThan(5);
      expect(nextStartDaysAhead.filter((d) => d > 14).length).toBeGreaterThan(0);
    },
    120_000,
  );
});

// Dates used above really are the weekdays the tables assume.
test('fixture dates fall on the weekdays the tables assume', () => {
  expect(Temporal.PlainDate.from('2025-06-02').dayOfWeek).toBe(MON);
  expect(Temporal.PlainDate.from('2025-06-06').dayOfWeek).toBe(FRI);
  expect(Temporal.PlainDate.from('2025-06-04').dayOfWeek).toBe(WED);
  expect(Temporal.PlainDate.from('2025-04-05').dayOfWeek).toBe(SAT);
  expect(Temporal.PlainDate.from('2025-09-06').dayOfWeek).toBe(SAT);
  for (const d of [
    '2025-03-30',
    '2025-03-09',
    '2025-10-26',
    '2025-11-02',
    '2025-10-05',
    '2025-04-06',
    '2025-09-07',
  ]) {
    expect(Temporal.PlainDate.from(d).dayOfWeek).toBe(SUN);
  }
});
