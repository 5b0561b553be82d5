import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { HistoryEntry } from '@/utils/history/entries';
import {
  compareWeeks,
  groupByEvening,
  hasAnEvening,
  recentWeeks,
  reflect,
  summarizeWeek,
  weekStartOf,
} from '@/utils/history/week';
import { type Interval, occurrencesOnDates, union } from '@/utils/schedule/schedule';
import type { WeeklyWindow } from '@/utils/settings/schema';
import { systemTimeZone } from '@/utils/time/temporal';
import { EVERY_DAY, weekly } from '../support/settings';
import { MINUTE, wall } from '../support/time';

// --- the oracle: minute by minute, with dates from Intl (not Temporal) -------------

function intlDate(timeZone: string) {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return (at: number) => f.format(at);
}

interface OracleDay {
  date: string;
  familyMinutes: number;
  steppedPastMinutes: number;
  kept: boolean;
}

function oracle(entries: HistoryEntry[], weekDates: string[], timeZone: string) {
  const dateOf = intlDate(timeZone);
  const stretches: { start: number; end: number; early: boolean }[] = [];
  for (const e of entries) {
    if (e.type === 'kept') stretches.push({ start: e.start, end: e.end, early: false });
    if (e.type === 'ended-early')
      stretches.push({ start: e.start ?? e.at, end: e.at, early: true });
  }
  const used = new Map<string, number>();
  for (const e of entries) if (e.type === 'step-past-ended') used.set(e.grantId, e.minutesUsed);
  const stepPasts = entries.flatMap((e) => (e.type === 'step-past' ? [e] : []));
  const containing = (t: number) => stretches.find((s) => s.start <= t && t < s.end);
  const eveningOf = (t: number) => {
    const s = containing(t);
    return dateOf(s ? s.start : t);
  };
  const days: OracleDay[] = weekDates.map((date) => ({
    date,
    familyMinutes: 0,
    steppedPastMinutes: 0,
    kept: false,
  }));
  const byDate = new Map(days.map((d) => [d.date, d]));
  for (const s of stretches) {
    for (let t = s.start; t < s.end; t += MINUTE) {
      const day = byDate.get(dateOf(s.start));
      if (!day) continue;
      day.familyMinutes += 1;
      const away = stepPasts.some((p) => {
        const until = p.at + (used.get(p.grantId) ?? p.minutesGranted) * MINUTE;
        return p.at >= s.start && p.at < s.end && p.at <= t && t < until;
      });
      if (away) day.steppedPastMinutes += 1;
    }
  }
  for (const day of days) {
    const mine = stretches.filter((s) => dateOf(s.start) === day.date);
    day.kept =
      mine.length > 0 &&
      mine.every((s) => !s.early && !stepPasts.some((p) => p.at >= s.start && p.at < s.end));
  }
  const reached = new Map<string, number>();
  let saved = 0;
  for (const e of entries) {
    if (!byDate.has(eveningOf(e.at))) continue;
    if (e.type === 'blocked') reached.set(e.host, (reached.get(e.host) ?? 0) + 1);
    if (e.type === 'saved') saved += 1;
  }
  return { days, reached, saved };
}

// --- random schedules and the record reconcile would write for them ---------------

const DST_AND_ORDINARY_WEEKS = [
  '2026-03-02', // America/New_York springs forward on Sun 8 March
  '2026-03-23', // Europe/Berlin springs forward on Sun 29 March
  '2026-03-30', // Australia/Lord_Howe falls back half an hour on Sun 5 April
  '2026-09-28', // Australia/Lord_Howe springs forward on Sun 4 October
  '2026-10-19', // Europe/Berlin falls back on Sun 25 October
  '2026-10-26', // America/New_York falls back on Sun 1 November
  '2026-06-15',
];

const windowArb = fc
  .record({
    days: fc.subarray(EVERY_DAY, { minLength: 1 }),
    start: fc.integer({ min: 0, max: 1439 }),
    length: fc.integer({ min: 1, max: 600 }),
  })
  .map(
    ({ days, start, length }): WeeklyWindow => ({
      ...weekly(days, '00:00', length),
      startMinute: start,
    }),
  );

const fateArb = fc.record({
  fate: fc.constantFrom('kept', 'kept', 'ended-early', 'unrecorded'),
  endAtFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  stepPasts: fc.array(
    fc.record({
      atFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      granted: fc.integer({ min: 1, max: 30 }),
      usedFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      closed: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
  blocked: fc.array(
    fc.record({
      atFraction: fc.double({ min: -0.5, max: 1.5, noNaN: true }),
      host: fc.constantFrom('slack.com', 'mail.work.test', 'docs.work.test'),
    }),
    { maxLength: 3 },
  ),
  saves: fc.array(fc.double({ min: -0.5, max: 1.5, noNaN: true }), { maxLength: 2 }),
});

const minuteIn = (s: Interval, fraction: number) =>
  s.start + Math.floor(((s.end - s.start) / MINUTE) * fraction) * MINUTE;

interface Fate {
  fate: string;
  endAtFraction: number;
  stepPasts: { atFraction: number; granted: number; usedFraction: number; closed: boolean }[];
  blocked: { atFraction: number; host: string }[];
  saves: number[];
}

function recordFor(stretches: Interval[], fates: Fate[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  stretches.forEach((s, i) => {
    const f = fates[i % fates.length] as Fate;
    if (f.fate === 'unrecorded') return;
    const endedAt = Math.max(s.start + MINUTE, minuteIn(s, f.endAtFraction));
    const end = f.fate === 'ended-early' ? Math.min(endedAt, s.end) : s.end;
    if (f.fate === 'kept') entries.push({ type: 'kept', at: end, start: s.start, end });
    else
      entries.push({
        type: 'ended-early',
        at: end,
        start: s.start,
        plannedEnd: s.end,
        reason: 'bath time',
      });
    f.stepPasts.forEach((p, j) => {
      const at = minuteIn({ ...s, end }, p.atFraction);
      if (at >= end) return;
      const grantId = `g-${i}-${j}`;
      entries.push({
        type: 'step-past',
        at,
        grantId,
        host: 'slack.com',
        pattern: 'slack.com',
        reason: 'on call',
        waitedSeconds: 20,
        minutesGranted: p.granted,
      });
      if (p.closed) {
        const used = Math.round(p.granted * p.usedFraction);
        entries.push({
          type: 'step-past-ended',
          at: at + used * MINUTE,
          grantId,
          minutesUsed: used,
          how: 'left',
        });
      }
    });
    for (const b of f.blocked)
      entries.push({ type: 'blocked', at: minuteIn(s, b.atFraction), host: b.host });
    for (const at of f.saves)
      entries.push({ type: 'saved', at: minuteIn(s, at), url: 'https://x.test/' });
  });
  return entries.sort((a, b) => a.at - b.at);
}

function weekDates(weekStart: string): string[] {
  const monday = Temporal.PlainDate.from(weekStart);
  return Array.from({ length: 7 }, (_, i) => monday.add({ days: i }).toString());
}

describe('week maths against a minute-by-minute oracle', () => {
  const timeZone = systemTimeZone();
  test(`random schedules and histories in ${timeZone}`, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DST_AND_ORDINARY_WEEKS),
        fc.array(windowArb, { minLength: 1, maxLength: 3 }),
        fc.array(fateArb, { minLength: 1, maxLength: 6 }),
        (weekStart, windows, fates) => {
          const monday = Temporal.PlainDate.from(weekStart);
          const stretches = union(
            occurrencesOnDates(
              { windows, exceptions: [] },
              monday.subtract({ days: 2 }),
              monday.add({ days: 9 }),
              timeZone,
            ),
          );
          const entries = recordFor(stretches, fates);
          const week = summarizeWeek(reflect({ entries, timeZone }), weekStart);
          const expected = oracle(entries, weekDates(weekStart), timeZone);
          expect(
            week.days.map(({ date, familyMinutes, steppedPastMinutes, kept }) => ({
              date,
              familyMinutes,
              steppedPastMinutes,
              kept,
            })),
          ).toEqual(expected.days);
          expect(week.eveningsKept).toBe(expected.days.filter((d) => d.kept).length);
          expect(week.minutesProtected).toBe(
            expected.days.reduce((n, d) => n + d.familyMinutes - d.steppedPastMinutes, 0),
          );
          expect(new Map(week.reached.map((r) => [r.host, r.count]))).toEqual(expected.reached);
          expect(week.saved).toBe(expected.saved);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('evenings in local time', () => {
  test('a window from 23:00 to 01:00 counts on the evening it started, step-past after midnight too', () => {
    const timeZone = systemTimeZone();
    const start = wall(timeZone, '2026-06-19T23:00'); // a Friday
    const end = wall(timeZone, '2026-06-20T01:00');
    const entries: HistoryEntry[] = [
      {
        type: 'step-past',
        at: wall(timeZone, '2026-06-20T00:20'),
        grantId: 'g',
        host: 'slack.com',
        pattern: 'slack.com',
        reason: 'on call',
        waitedSeconds: 0,
        minutesGranted: 10,
      },
      {
        type: 'step-past-ended',
        at: wall(timeZone, '2026-06-20T00:24'),
        grantId: 'g',
        minutesUsed: 4,
        how: 'left',
      },
      { type: 'kept', at: end, start, end },
    ];
    const week = summarizeWeek(reflect({ entries, timeZone }), '2026-06-15');
    const friday = week.days[4];
    expect(friday).toMatchObject({
      date: '2026-06-19',
      familyMinutes: 120,
      steppedPastMinutes: 4,
      kept: false,
    });
    expect(week.days[5]?.familyMinutes).toBe(0);
    expect(week.stepPasts).toEqual([
      expect.objectContaining({ reason: 'on call', minutesGranted: 10, minutesUsed: 4 }),
    ]);
    expect(week.minutesProtected).toBe(116);
  });

  test('the autumn DST night lasts its real minutes (Europe/Berlin, 25 October 2026)', () => {
    const timeZone = 'Europe/Berlin';
    const start = wall(timeZone, '2026-10-24T22:00');
    const end = wall(timeZone, '2026-10-25T04:00'); // six wall hours, seven real ones
    const entries: HistoryEntry[] = [{ type: 'kept', at: end, start, end }];
    const week = summarizeWeek(reflect({ entries, timeZone }), '2026-10-19');
    expect(week.days[5]).toMatchObject({ date: '2026-10-24', familyMinutes: 7 * 60, kept: true });
    expect(week.eveningsKept).toBe(1);
    expect(weekStartOf(wall(timeZone, '2026-10-25T23:59'), timeZone)).toBe('2026-10-19');
    expect(weekStartOf(wall(timeZone, '2026-10-26T00:00'), timeZone)).toBe('2026-10-26');
  });

  test('two stretches on one date are one evening; ended early makes it not whole, with its reason', () => {
    const timeZone = systemTimeZone();
    const a0 = wall(timeZone, '2026-06-16T18:00');
    const a1 = wall(timeZone, '2026-06-16T19:00');
    const b0 = wall(timeZone, '2026-06-16T20:00');
    const entries: HistoryEntry[] = [
      { type: 'kept', at: a1, start: a0, end: a1 },
      {
        type: 'ended-early',
        at: b0 + 30 * MINUTE,
        start: b0,
        plannedEnd: b0 + 60 * MINUTE,
        reason: 'a call, with care',
      },
    ];
    const week = summarizeWeek(reflect({ entries, timeZone }), '2026-06-15');
    expect(week.evenings).toBe(1);
    expect(week.eveningsKept).toBe(0);
    expect(week.familyMinutes).toBe(90);
    expect(week.endedEarly).toEqual([
      { at: b0 + 30 * MINUTE, reason: 'a call, with care', minutesLeft: 30 },
    ]);
  });

  test('notes count for the week their evening is in', () => {
    const week = summarizeWeek(
      reflect({
        entries: [],
        timeZone: 'UTC',
        noteDates: ['2026-06-14', '2026-06-15', '2026-06-21'],
      }),
      '2026-06-15',
    );
    expect(week.notes).toBe(2);
  });
});

describe('weeks and the history list', () => {
  const timeZone = systemTimeZone();
  test('recent weeks are Mondays, newest first', () => {
    const weeks = recentWeeks(wall(timeZone, '2026-06-18T12:00'), timeZone, 12);
    expect(weeks).toHaveLength(12);
    expect(weeks[0]).toBe('2026-06-15');
    expect(weeks[1]).toBe('2026-06-08');
    expect(weeks[11]).toBe('2026-03-30');
  });

  test('comparison in plain kinds, never a ratio', () => {
    const at = (kept: number, evenings: number) =>
      ({ eveningsKept: kept, evenings }) as ReturnType<typeof summarizeWeek>;
    expect(compareWeeks(at(4, 5), at(3, 5))).toEqual({ kind: 'more', by: 1 });
    expect(compareWeeks(at(2, 5), at(4, 5))).toEqual({ kind: 'fewer', by: 2, before: 4 });
    expect(compareWeeks(at(3, 5), at(3, 4))).toEqual({ kind: 'same', kept: 3 });
    expect(compareWeeks(at(3, 5), null)).toEqual({ kind: 'none' });
    expect(compareWeeks(at(3, 5), at(0, 0))).toEqual({ kind: 'none' });
  });

  test('grouped by evening, newest evening and newest entry first', () => {
    const start = wall(timeZone, '2026-06-16T23:00');
    const end = wall(timeZone, '2026-06-17T01:00');
    const entries: HistoryEntry[] = [
      { type: 'saved', at: wall(timeZone, '2026-06-15T12:00'), url: 'https://a.test/' },
      { type: 'blocked', at: wall(timeZone, '2026-06-16T23:30'), host: 'slack.com' },
      { type: 'blocked', at: wall(timeZone, '2026-06-17T00:30'), host: 'mail.test' },
      { type: 'kept', at: end, start, end },
    ];
    const groups = groupByEvening(reflect({ entries, timeZone }));
    expect(groups.map((g) => g.date)).toEqual(['2026-06-16', '2026-06-15']);
    // The kept entry is written at 01:00, after the stretch: it still belongs to its evening.
    expect(groups[0]?.entries.map((e) => e.type)).toEqual(['kept', 'blocked', 'blocked']);
    expect(groups[0]?.entries[1]).toMatchObject({ host: 'mail.test' });
    expect(hasAnEvening(entries)).toBe(true);
    expect(hasAnEvening(entries.slice(0, 3))).toBe(false);
  });
});
