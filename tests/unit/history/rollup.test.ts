import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { HistoryEntry } from '@/utils/history/entries';
import { DETAIL_WEEKS, detailCutoff, rollUp } from '@/utils/history/rollup';

const DAY = 24 * 60 * 60_000;
const NOW = Date.UTC(2025, 5, 2, 17, 0);
const zone = 'Europe/Berlin';

describe('history rolled up per evening', () => {
  test('at least the last 12 weeks stay in detail; older entries become per-evening counts', () => {
    expect(DETAIL_WEEKS).toBeGreaterThanOrEqual(12);
    const recent: HistoryEntry = {
      type: 'blocked',
      at: NOW - 12 * 7 * DAY,
      host: 'mail.example.com',
    };
    const old = NOW - 200 * DAY;
    const entries: HistoryEntry[] = [
      { type: 'blocked', at: old, host: 'a.example' },
      { type: 'blocked', at: old + 60_000, host: 'b.example' },
      {
        type: 'step-past',
        at: old + 120_000,
        grantId: 'g',
        host: 'a.example',
        pattern: 'a.example',
        reason: 'x',
        waitedSeconds: 20,
        minutesGranted: 10,
      },
      { type: 'kept', at: old + 3 * 3600_000, start: old - 3600_000, end: old + 90 * 60_000 },
      recent,
    ];
    const { detail, rollups } = rollUp(entries, NOW, zone);
    expect(detail).toEqual([recent]);
    expect(rollups).toHaveLength(1);
    expect(rollups[0]).toMatchObject({
      type: 'rollup',
      at: old,
      counts: { blocked: 2, 'step-past': 1, kept: 1 },
      minutesGranted: 10,
      keptMinutes: 150,
    });
  });

  test('rolling up again (with earlier rollups) loses and doubles nothing (property)', () => {
    const entry = fc.record({
      type: fc.constantFrom('blocked' as const),
      at: fc.integer({ min: NOW - 400 * DAY, max: NOW }),
      host: fc.constant('x.example'),
    });
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 60 }),
        fc.integer({ min: 0, max: 100 * DAY }),
        (list, later) => {
          const once = rollUp(list, NOW, zone);
          const twice = rollUp([...once.rollups, ...once.detail], NOW + later, zone);
          const count = (r: typeof twice) =>
            r.detail.length + r.rollups.reduce((n, x) => n + (x.counts.blocked ?? 0), 0);
          expect(count(once)).toBe(list.length);
          expect(count(twice)).toBe(list.length);
          for (const e of twice.detail)
            expect(e.at).toBeGreaterThanOrEqual(detailCutoff(NOW + later));
        },
      ),
    );
  });
});
