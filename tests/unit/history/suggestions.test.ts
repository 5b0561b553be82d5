import { describe, expect, test } from 'vitest';
import type { HistoryEntry } from '@/utils/history/entries';
import {
  earlyReach,
  repeatedReason,
  shorterStepPast,
  suggestionFor,
} from '@/utils/history/suggestions';
import { reflect, summarizeWeek } from '@/utils/history/week';
import { systemTimeZone } from '@/utils/time/temporal';
import { MINUTE, wall } from '../support/time';

const timeZone = systemTimeZone();
const WEEK = '2026-06-15';
const evening = (day: number) =>
  wall(timeZone, `2026-06-${String(15 + day).padStart(2, '0')}T18:00`);

function kept(day: number, minutes = 150): HistoryEntry {
  const start = evening(day);
  return { type: 'kept', at: start + minutes * MINUTE, start, end: start + minutes * MINUTE };
}
function stepPast(
  day: number,
  minute: number,
  reason: string,
  granted = 10,
  used?: number,
): HistoryEntry[] {
  const at = evening(day) + minute * MINUTE;
  const id = `g${day}-${minute}`;
  const out: HistoryEntry[] = [
    {
      type: 'step-past',
      at,
      grantId: id,
      host: 'slack.com',
      pattern: 'slack.com',
      reason,
      waitedSeconds: 20,
      minutesGranted: granted,
    },
  ];
  if (used !== undefined)
    out.push({
      type: 'step-past-ended',
      at: at + used * MINUTE,
      grantId: id,
      minutesUsed: used,
      how: 'left',
    });
  return out;
}
const blocked = (day: number, minute: number, host = 'slack.com'): HistoryEntry => ({
  type: 'blocked',
  at: evening(day) + minute * MINUTE,
  host,
});
const weekOf = (entries: HistoryEntry[]) =>
  summarizeWeek(reflect({ entries: [...entries].sort((a, b) => a.at - b.at), timeZone }), WEEK);

describe('repeated reason', () => {
  test('the same reason three times (any case or spacing) suggests an allowed site', () => {
    const week = weekOf([
      kept(0),
      kept(1),
      kept(2),
      ...stepPast(0, 30, 'on call'),
      ...stepPast(1, 30, 'On  call '),
      ...stepPast(2, 30, 'on call'),
    ]);
    expect(repeatedReason(week)).toEqual({
      kind: 'repeated-reason',
      reason: 'on call',
      count: 3,
      setting: 'sites',
    });
    expect(suggestionFor(week, timeZone)?.kind).toBe('repeated-reason');
  });
  test('twice is not yet a pattern', () => {
    const week = weekOf([
      kept(0),
      kept(1),
      ...stepPast(0, 30, 'on call'),
      ...stepPast(1, 30, 'on call'),
    ]);
    expect(repeatedReason(week)).toBeNull();
  });
});

describe('early reach', () => {
  test('a site reached for mostly in the first 15 minutes suggests a note 15 minutes before the usual start', () => {
    const week = weekOf([
      kept(0),
      kept(1),
      kept(2),
      blocked(0, 2),
      blocked(1, 5),
      blocked(2, 14),
      blocked(2, 90),
    ]);
    expect(earlyReach(week, timeZone)).toEqual({
      kind: 'early-reach',
      host: 'slack.com',
      noteAt: 17 * 60 + 45,
      setting: 'heads-up',
    });
  });
  test('reaches spread over the evening say nothing', () => {
    const week = weekOf([
      kept(0),
      kept(1),
      kept(2),
      blocked(0, 2),
      blocked(1, 5),
      blocked(2, 40),
      blocked(2, 90),
      blocked(1, 100),
    ]);
    expect(earlyReach(week, timeZone)).toBeNull();
  });
  test('the early site must be the one reached for most', () => {
    const week = weekOf([
      kept(0),
      kept(1),
      blocked(0, 2, 'a.test'),
      blocked(0, 3, 'a.test'),
      blocked(1, 4, 'a.test'),
      blocked(0, 60, 'b.test'),
      blocked(0, 70, 'b.test'),
      blocked(1, 80, 'b.test'),
      blocked(1, 90, 'b.test'),
    ]);
    expect(earlyReach(week, timeZone)).toBeNull();
  });
});

describe('shorter step-past', () => {
  test('step-pasts used for half or less of their minutes suggest shorter ones', () => {
    const week = weekOf([
      kept(0),
      kept(1),
      kept(2),
      ...stepPast(0, 30, 'a', 10, 2),
      ...stepPast(1, 30, 'b', 10, 3),
      ...stepPast(2, 30, 'c', 10, 5),
    ]);
    expect(shorterStepPast(week)).toEqual({
      kind: 'shorter-step-past',
      used: 3,
      granted: 10,
      setting: 'gentleness',
    });
  });
  test('step-pasts used nearly in full say nothing', () => {
    const week = weekOf([
      kept(0),
      kept(1),
      kept(2),
      ...stepPast(0, 30, 'a', 10, 9),
      ...stepPast(1, 30, 'b', 10, 8),
      ...stepPast(2, 30, 'c', 10, 4),
    ]);
    expect(shorterStepPast(week)).toBeNull();
  });
});

test('a quiet week has nothing to suggest', () => {
  expect(suggestionFor(weekOf([kept(0), kept(1), blocked(0, 60)]), timeZone)).toBeNull();
  expect(suggestionFor(weekOf([]), timeZone)).toBeNull();
});
