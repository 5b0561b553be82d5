import fc from 'fast-check';
import { defaultSettings, type Note, type Settings } from '@/utils/settings/schema';
import { canonical } from '@/utils/sync/canonical';
import { mergeRecords } from '@/utils/sync/merge';
import type { Entry, Json, RecordSet } from '@/utils/sync/records';
import { weekly } from './settings';

/** Record sets, arbitraries and a parent's settings shared by the sync tests. */

export const DAY = 24 * 60 * 60 * 1000;
/** The first element, which the test put there. */
export function first<T>(items: readonly T[]): T {
  const [item] = items;
  if (item === undefined) throw new Error('expected an element');
  return item;
}

export const T0 = Date.UTC(2025, 5, 2, 17, 0);

/** A record set printed in key order, so equal sets print equally. */
export const show = (records: RecordSet) =>
  canonical(Object.fromEntries([...records].sort(([a], [b]) => (a < b ? -1 : 1))));

// Few keys, few times, few devices: collisions and ties are the interesting cases.
export const keyArb = fc.constantFrom('w:a', 'w:b', 'e:x', 's:1', 's:2', 'n:q', 'p:mail', 'g', 'h');
export const valueArb: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(true, false, 1, 'x', null),
  fc.record({ id: fc.constantFrom('a', 'b'), label: fc.string({ maxLength: 3 }) }),
);
export const entryArb: fc.Arbitrary<Entry> = fc.oneof(
  fc.record({ t: fc.integer({ min: 0, max: 4 }), d: fc.constantFrom('', 'a', 'b'), v: valueArb }),
  fc.record({
    t: fc.integer({ min: 0, max: 4 }),
    d: fc.constantFrom('', 'a', 'b'),
    gone: fc.constant(true as const),
  }),
);
export const setArb: fc.Arbitrary<RecordSet> = fc
  .array(fc.tuple(keyArb, entryArb), { maxLength: 12 })
  .map((pairs) => mergeRecords(new Map(), new Map(pairs)));

export function base(): Settings {
  return {
    ...defaultSettings(),
    windows: [weekly([1, 2, 3, 4, 5], '18:00', 150, { id: 'evening', updatedAt: T0 - DAY })],
    sites: [{ id: 'site-1', pattern: 'mail.example.com', list: 'block', updatedAt: T0 - DAY }],
    notes: [note('note-1', 'Ask Mia about the drawing')],
  };
}

export function note(id: string, text: string, at = T0 - DAY): Note {
  return { id, text, kind: 'standing', date: null, child: 'Mia', createdAt: at, updatedAt: at };
}
