import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crossesMidnight,
  daysKind,
  draftOfWindow,
  lengthBetween,
  windowFromDraft,
  windowsOverlap,
} from '@/utils/schedule/window-form';
import { FRI, MON, SAT, SUN, TUE, WEEKDAYS, weekly } from '../support/settings';

const draft = (start: string, end: string, days = WEEKDAYS) => ({
  days,
  start,
  end,
  label: ' Dinner ',
  enabled: true,
});

describe('windowFromDraft', () => {
  it('turns start and end into a start minute and a length', () => {
    const result = windowFromDraft(draft('18:00', '20:30'), 'w1', 5);
    expect(result).toEqual({
      ok: true,
      window: {
        id: 'w1',
        days: WEEKDAYS,
        startMinute: 1080,
        lengthMinutes: 150,
        label: 'Dinner',
        enabled: true,
        updatedAt: 5,
      },
    });
  });

  it('reads an end at or before the start as the next day', () => {
    const result = windowFromDraft(draft('21:30', '06:00'), 'w', 0);
    expect(result.ok && result.window.lengthMinutes).toBe(510);
    expect(
      result.ok && crossesMidnight(result.window.startMinute, result.window.lengthMinutes),
    ).toBe(true);
  });

  it.each([
    ['no days', { ...draft('18:00', '20:00'), days: [] }, ['no-days']],
    ['a zero-length window', draft('18:00', '18:00'), ['zero-length']],
    ['an unreadable start', draft('6pm', '20:00'), ['bad-start']],
    ['an impossible end', draft('18:00', '24:30'), ['bad-end']],
    ['a very long name', { ...draft('18:00', '20:00'), label: 'x'.repeat(81) }, ['label-long']],
  ])('refuses %s with a specific reason', (_name, input, errors) => {
    expect(windowFromDraft(input, 'w', 0)).toEqual({ ok: false, errors });
  });

  it('gives every length between 1 and 1439 minutes back from start and end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 1, max: 1439 }),
        (start, length) => {
          expect(lengthBetween(start, (start + length) % 1440)).toBe(length);
        },
      ),
    );
  });
});

describe('windowsOverlap', () => {
  it.each([
    ['the same evening twice', weekly([MON], '18:00', 120), weekly([MON], '19:00', 60), true],
    [
      'back to back (touching is not overlapping)',
      weekly([MON], '18:00', 60),
      weekly([MON], '19:00', 60),
      false,
    ],
    ['different days', weekly([MON], '18:00', 120), weekly([TUE], '18:00', 120), false],
    [
      'a night into the next morning',
      weekly([MON], '22:00', 480),
      weekly([TUE], '05:00', 60),
      true,
    ],
    [
      'Sunday night into Monday morning (the week wraps)',
      weekly([SUN], '23:00', 120),
      weekly([MON], '00:30', 30),
      true,
    ],
    [
      'Friday evening and Saturday morning',
      weekly([FRI], '18:00', 150),
      weekly([SAT], '09:00', 60),
      false,
    ],
  ])('%s', (_name, a, b, expected) => {
    expect(windowsOverlap(a, b)).toBe(expected);
    expect(windowsOverlap(b, a)).toBe(expected);
  });
});

describe('draftOfWindow', () => {
  it('gives back what the form would save, also across midnight', () => {
    for (const [start, length] of [
      ['18:00', 150],
      ['21:30', 510],
      ['00:00', 1440],
    ] as const) {
      const stored = weekly([SAT, SUN], start, length, { label: 'Late', updatedAt: 3 });
      const draft = draftOfWindow(stored);
      expect(draft.start).toBe(start);
      const again = windowFromDraft(draft, stored.id, 3);
      // A whole day reads as "00:00 to 00:00", which is no length: the form refuses it.
      if (length === 1440) expect(again.ok).toBe(false);
      else expect(again).toEqual({ ok: true, window: stored });
    }
    expect(draftOfWindow(weekly(WEEKDAYS, '21:30', 510)).end).toBe('06:00');
  });
});

describe('daysKind', () => {
  it('names the usual sets, in any order, and nothing else', () => {
    expect(daysKind([5, 4, 3, 2, 1])).toBe('weekdays');
    expect(daysKind([SUN, SAT])).toBe('weekends');
    expect(daysKind([1, 2, 3, 4, 5, 6, 7])).toBe('every-day');
    expect(daysKind([MON, TUE])).toBe('some');
    expect(daysKind([MON, TUE, 3, 4, FRI, SAT])).toBe('some');
    expect(daysKind([])).toBe('some');
  });
});
