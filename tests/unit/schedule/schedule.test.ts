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

/** One occurrence by the definition in utils/schedule/schedule.ts, written out independently. */
function oracleOccurrence(
  date: Temporal.PlainDate,
  startMinute: number,
  length: number,
  zone: string,
) {
  const startWall = Temporal.PlainDateTime.from({
    year: date.year,
    month: date.month,
    day: date.day,
    hour: Math.floor(startMinute / 60),
    minute: startMinute % 60,
  });
  const start = Temporal.ZonedDateTime.from(
    {
      timeZone: zone,
      year: date.year,
      month: date.month,
      day: date.day,
      hour: startWall.hour,
      minute: startWall.minute,
    },
    { disambiguation: 'compatible' },
  ).epochMilliseconds;
  const endWall = startWall.add({ minutes: length });
  let end = endWall.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
  // Documented: a window swallowed by a DST shift still lasts as long as it says.
  if (end <= start) end = start + length * MINUTE;
  return { start, end };
}

function oracleOccurrences(
  windows: WeeklyWindow[],
  exceptions: DateException[],
  from: Temporal.PlainDate,
  to: Temporal.PlainDate,
  zone: string,
) {
  const out: { start: number; end: number }[] = [];
  for (let d = from; Temporal.PlainDate.compare(d, to) <= 0; d = d.add({ days: 1 })) {
    const skipped = exceptions.some(
      (e) =>
        e.kind === 'skip' &&
        Temporal.PlainDate.compare(Temporal.PlainDate.from(e.from), d) <= 0 &&
        Temporal.PlainDate.compare(d, Temporal.PlainDate.from(e.to)) <= 0,
    );
    if (skipped) continue;
    for (const w of windows) {
      if (w.enabled && w.days.includes(d.dayOfWeek)) {
        out.push(oracleOccurrence(d, w.startMinute, w.lengthMinutes, zone));
      }
    }
    for (const e of exceptions) {
      if (e.kind === 'extra' && Temporal.PlainDate.from(e.date).equals(d)) {
        out.push(oracleOccurrence(d, e.startMinute, e.lengthMinutes, zone));
      }
    }
  }
  return out;
}

const BOUND = 3 * DAY;
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
    days: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({
    kind: fc.constant('extra' as const),
    dateOffset: fc.integer({ min: -2, max: 3 }),
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
      fc.assert(
        fc.property(caseArb(zone), (c) => {
          const today = Temporal.Instant.fromEpochMilliseconds(c.now)
            .toZonedDateTimeISO(zone)
            .toPlainDate();
          const date = (offset: number) => today.add({ days: offset }).toString();
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

          const occurrences = oracleOccurrences(
            windows,
            exceptions,
            today.subtract({ days: 3 }),
            today.add({ days: 5 }),
            zone,
          );
          const within = (s: { start: number; end: number } | null, t: number) =>
            s !== null && s.start <= t && t < s.end;
          const oracle = (t: number) =>
            (occurrences.some((o) => within(o, t)) && !within(manual.pause, t)) ||
            within(manual.session, t);
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

          const settings = settingsWith(windows, exceptions);
          const state = scheduleAt(settings, manual, c.now, zone);
          const active = oracle(c.now);
          expect(state.active).toBe(active);

          // The next stretch: when it starts and when it ends.
          const expectNext = (from: number) => {
            const nextStart = firstFlip(from, false);
            if (nextStart === null) return expectBeyondBound(state.nextStart);
            expect(local(state.nextStart, zone)).toBe(local(nextStart, zone));
            const nextEnd = firstFlip(nextStart, true);
            if (nextEnd === null) expectBeyondBound(state.nextEnd);
            else expect(local(state.nextEnd, zone)).toBe(local(nextEnd, zone));
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
            if (until === null) {
              expect(state.until).not.toBeNull();
              expectBeyondBound(state.until);
              expectBeyondBound(state.nextStart);
            } else {
              expect(local(state.until, zone)).toBe(local(until, zone));
              expectNext(until);
            }
            expect(state.nextEdge).toBe(until ?? state.until);
          } else {
            expect(state.since).toBeNull();
            expect(state.until).toBeNull();
            expectNext(c.now);
            expect(state.nextEdge).toBe(state.nextStart);
          }
        }),
        { numRuns: 150 },
      );
    },
    120_000,
  );
});

// Dates used above really are the weekdays the tables assume.
test('fixture dates fall on the weekdays the tables assume', () => {
  expect(Temporal.PlainDate.from('2025-06-02').dayOfWeek).toBe(MON);
  expect(Temporal.PlainDate.from('2025-06-06').dayOfWeek).toBe(FRI);
  expect(Temporal.PlainDate.from('2025-06-04').dayOfWeek).toBe(WED);
  for (const d of [
    '2025-03-30',
    '2025-03-09',
    '2025-10-26',
    '2025-11-02',
    '2025-10-05',
    '2025-04-06',
  ]) {
    expect(Temporal.PlainDate.from(d).dayOfWeek).toBe(SUN);
  }
});
