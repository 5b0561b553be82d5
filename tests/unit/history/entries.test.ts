import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { type HistoryEntry, HistoryEntrySchema, historyKey } from '@/utils/history/entries';

/** Instants from 1970 to past the year 30,000: more than history will ever hold. */
const instant = fc.integer({ min: 0, max: 999_999_999_999_999 });
/** Salts as the store makes them: the first 8 characters of a UUID. */
const salt = fc.uuid().map((u) => u.slice(0, 8));

describe('history keys', () => {
  test('sort by time as plain strings, whatever the salt', () => {
    fc.assert(
      fc.property(instant, instant, salt, salt, (a, b, sa, sb) => {
        fc.pre(a !== b);
        const [ka, kb] = [historyKey(a, sa), historyKey(b, sb)];
        return a < b ? ka < kb : ka > kb;
      }),
    );
  });

  test('a list of keys sorted as strings is in time order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, salt), { maxLength: 50 }), (pairs) => {
        const keys = pairs.map(([at, s]) => ({ at, key: historyKey(at, s) }));
        const byString = [...keys].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
        const times = byString.map((k) => k.at);
        expect(times).toEqual([...times].sort((x, y) => x - y));
      }),
    );
  });

  test('across digit-count boundaries (9 -> 10, 999 -> 1000) as well', () => {
    const times = [9, 10, 99, 100, 999, 1000, 1_749_000_000_000, 10_000_000_000_000];
    const keys = times.map((t) => historyKey(t, 'ffffffff'));
    expect([...keys].sort()).toEqual(keys);
  });

  test('two entries at the same moment get different keys when their salts differ', () => {
    expect(historyKey(1_749_000_000_000, 'aaaa0000')).not.toBe(
      historyKey(1_749_000_000_000, 'aaaa0001'),
    );
  });
});

describe('what a history entry may be', () => {
  const good: HistoryEntry[] = [
    { type: 'blocked', at: 1, host: 'mail.google.com' },
    {
      type: 'step-past',
      at: 2,
      grantId: 'g',
      host: 'mail.google.com',
      pattern: 'mail.google.com',
      reason: 'the school wrote',
      waitedSeconds: 20,
      minutesGranted: 10,
    },
    { type: 'step-past-ended', at: 3, grantId: 'g', minutesUsed: 4, how: 'left' },
    { type: 'saved', at: 4, url: 'https://mail.google.com/' },
    { type: 'reopened', at: 5, url: 'https://mail.google.com/' },
    { type: 'kept', at: 6, start: 0, end: 6 },
    { type: 'ended-early', at: 7, start: null, plannedEnd: 9, reason: '' },
    { type: 'budget-spent', at: 8, host: 'slack.com' },
  ];

  test.each(good)('$type is kept as written', (entry) => {
    expect(v.parse(HistoryEntrySchema, entry)).toEqual(entry);
  });

  test.each<[string, unknown]>([
    ['an unknown type', { type: 'deleted', at: 1 }],
    ['no time', { type: 'blocked', host: 'x.com' }],
    [
      'an unknown way a grant ended',
      { type: 'step-past-ended', at: 1, grantId: 'g', minutesUsed: 1, how: 'forgotten' },
    ],
    ['not an object', 'blocked mail.google.com'],
  ])('%s is not an entry', (_label, raw) => {
    expect(v.safeParse(HistoryEntrySchema, raw).success).toBe(false);
  });
});
