import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { defaultSettings, type Settings } from '@/utils/settings/schema';
import { canonical } from '@/utils/sync/canonical';
import {
  absorb,
  compareEntries,
  mergeRecords,
  mergeStates,
  purge,
  TOMBSTONE_TTL_MS,
} from '@/utils/sync/merge';
import {
  type Entry,
  isGone,
  type Json,
  type RecordSet,
  settingsFromRecords,
  toRecords,
} from '@/utils/sync/records';
import { base, DAY, entryArb, first, setArb, show, T0 } from '../support/sync-records';

describe('mergeRecords: the laws', () => {
  test('commutative', () => {
    fc.assert(
      fc.property(setArb, setArb, (a, b) => show(mergeRecords(a, b)) === show(mergeRecords(b, a))),
    );
  });

  test('associative', () => {
    fc.assert(
      fc.property(
        setArb,
        setArb,
        setArb,
        (a, b, c) =>
          show(mergeRecords(mergeRecords(a, b), c)) === show(mergeRecords(a, mergeRecords(b, c))),
      ),
    );
  });

  test('idempotent', () => {
    fc.assert(fc.property(setArb, (a) => show(mergeRecords(a, a)) === show(a)));
    fc.assert(
      fc.property(
        setArb,
        setArb,
        (a, b) => show(mergeRecords(a, mergeRecords(a, b))) === show(mergeRecords(a, b)),
      ),
    );
  });

  test('the union of keys, each with the greatest version of either side', () => {
    fc.assert(
      fc.property(setArb, setArb, (a, b) => {
        const merged = mergeRecords(a, b);
        expect(new Set(merged.keys())).toEqual(new Set([...a.keys(), ...b.keys()]));
        for (const [key, entry] of merged) {
          for (const side of [a, b]) {
            const other = side.get(key);
            if (other) expect(compareEntries(entry, other)).toBeGreaterThanOrEqual(0);
          }
        }
      }),
    );
  });

  test('the order is total: only identical versions compare equal', () => {
    fc.assert(
      fc.property(entryArb, entryArb, (a, b) => {
        const ab = compareEntries(a, b);
        expect(Math.sign(ab) + Math.sign(compareEntries(b, a))).toBe(0);
        if (ab === 0) expect(canonical(a)).toBe(canonical(b));
      }),
    );
  });

  test('at the same time a delete beats an edit', () => {
    const edit: Entry = { t: 5, d: 'z', v: 1 };
    const gone: Entry = { t: 5, d: 'a', gone: true };
    expect(mergeRecords(new Map([['w:a', edit]]), new Map([['w:a', gone]])).get('w:a')).toEqual(
      gone,
    );
  });

  test('merging states is commutative and idempotent, horizons included', () => {
    const stateArb = fc.record({ records: setArb, horizon: fc.integer({ min: 0, max: 5 }) });
    fc.assert(
      fc.property(stateArb, stateArb, (a, b) => {
        const ab = mergeStates(a, b);
        const ba = mergeStates(b, a);
        expect(show(ab.records)).toBe(show(ba.records));
        expect(ab.horizon).toBe(ba.horizon);
        const again = mergeStates(ab, ab);
        expect(show(again.records)).toBe(show(ab.records));
      }),
    );
  });
});

describe('absorb: local edits become versions', () => {
  test('first run (the foundation layout): every setting becomes a record, nothing lost', () => {
    const settings = base();
    const { ledger } = absorb(new Map(), settings, { now: T0, device: 'dev-a' });
    expect(show(new Map([...ledger].map(([k, e]) => [k, { ...e, t: 0 }])))).toContain(
      'mail.example.com',
    );
    expect(canonical(settingsFromRecords(ledger, settings))).toBe(canonical(settings));
    // Edited records keep the time they were edited; untouched defaults lose to any real edit.
    expect(ledger.get('w:evening')).toMatchObject({ t: T0 - DAY, d: 'dev-a' });
    expect(ledger.get('g')).toMatchObject({ t: 0, d: '' });
    expect(ledger.get('p:mail')).toMatchObject({ t: 0, d: '' });
  });

  test('unchanged settings change nothing', () => {
    const settings = base();
    const first = absorb(new Map(), settings, { now: T0, device: 'a' });
    const second = absorb(first.ledger, settings, { now: T0 + 5000, device: 'a' });
    expect(second.changed).toEqual([]);
    expect(show(second.ledger)).toBe(show(first.ledger));
  });

  test('an edit is later than the version it replaced, even with this clock behind', () => {
    const settings = base();
    const ledger: RecordSet = new Map(absorb(new Map(), settings, { now: T0, device: 'a' }).ledger);
    // Another device, its clock an hour ahead, wrote the window last.
    ledger.set('w:evening', {
      t: T0 + 60 * 60_000,
      d: 'b',
      v: toRecords(settings).get('w:evening') as Json,
    });
    const edited = {
      ...settings,
      windows: [{ ...first(settings.windows), label: 'Dinner', updatedAt: T0 }],
    };
    const { ledger: next, changed } = absorb(ledger, edited, { now: T0, device: 'a' });
    expect(changed).toEqual(['w:evening']);
    expect(next.get('w:evening')).toMatchObject({ t: T0 + 60 * 60_000 + 1, d: 'a' });
  });

  test('a delete leaves a tombstone later than what it deleted', () => {
    const settings = base();
    const { ledger } = absorb(new Map(), settings, { now: T0, device: 'a' });
    const { ledger: next, changed } = absorb(
      ledger,
      { ...settings, notes: [] },
      { now: T0 + 10, device: 'a' },
    );
    expect(changed).toEqual(['n:note-1']);
    const stone = next.get('n:note-1') as Entry;
    expect(isGone(stone)).toBe(true);
    expect(stone.t).toBe(T0 + 10);
    expect(settingsFromRecords(next).notes).toEqual([]);
  });

  test('partly unreadable settings never turn into deletes', () => {
    const settings = base();
    const { ledger } = absorb(new Map(), settings, { now: T0, device: 'a' });
    const { changed } = absorb(
      ledger,
      { ...settings, notes: [] },
      { now: T0 + 10, device: 'a' },
      { deletions: false },
    );
    expect(changed).toEqual([]);
  });

  test("a newer version's record this version cannot show is kept, not deleted", () => {
    const settings = base();
    const ledger: RecordSet = new Map(absorb(new Map(), settings, { now: T0, device: 'a' }).ledger);
    ledger.set('n:future', { t: T0, d: 'b', v: { id: 'future', text: 42 } });
    const { changed, ledger: next } = absorb(ledger, settings, { now: T0 + 1, device: 'a' });
    expect(changed).toEqual([]);
    expect(next.get('n:future')).toEqual({ t: T0, d: 'b', v: { id: 'future', text: 42 } });
  });

  test('fields a newer version added survive a round trip through this one', () => {
    const settings = base();
    const ledger: RecordSet = new Map(absorb(new Map(), settings, { now: T0, device: 'a' }).ledger);
    const window = {
      ...(toRecords(settings).get('w:evening') as Record<string, Json>),
      colour: 'teal',
    };
    ledger.set('w:evening', { t: T0 + 5, d: 'b', v: window });
    const shown = settingsFromRecords(ledger, settings);
    expect(shown.windows[0]).not.toHaveProperty('colour');
    // Settings without the field are not an edit: the newer value stays as it was.
    const { changed } = absorb(ledger, shown, { now: T0 + 10, device: 'a' });
    expect(changed).toEqual([]);
  });
});

describe('tombstones', () => {
  test('are purged once older than the horizon, 60 days behind the newest clock', () => {
    const records: RecordSet = new Map<string, Entry>([
      ['n:old', { t: T0 - 61 * DAY, d: 'a', gone: true }],
      ['n:recent', { t: T0 - 59 * DAY, d: 'a', gone: true }],
      ['n:live', { t: T0 - 90 * DAY, d: 'a', v: 'kept' }],
    ]);
    const kept = purge(records, T0 - TOMBSTONE_TTL_MS);
    expect([...kept.keys()].sort()).toEqual(['n:live', 'n:recent']);
  });

  test("a built-in window's tombstone is never purged, so a new device's defaults cannot bring it back", () => {
    const defaults = defaultSettings();
    const genesis = absorb(new Map(), defaults, { now: T0, device: 'new' }).ledger;
    const deletedLongAgo: RecordSet = new Map([
      ['w:weekday-evening', { t: T0 - 400 * DAY, d: 'a', gone: true }],
    ]);
    const merged = mergeStates(
      { records: genesis, horizon: 0 },
      { records: deletedLongAgo, horizon: T0 - 60 * DAY },
    );
    expect(settingsFromRecords(merged.records).windows.map((w) => w.id)).toEqual(['weekend-day']);
  });

  test('a horizon travels with the records: whoever merges purges the same', () => {
    const a = {
      records: new Map<string, Entry>([['n:x', { t: 10, d: 'a', gone: true }]]),
      horizon: 0,
    };
    const b = { records: new Map<string, Entry>(), horizon: 20 };
    expect(mergeStates(a, b).records.size).toBe(0);
    expect(mergeStates(b, a).records.size).toBe(0);
  });
});

describe('clock skew: the rule', () => {
  // Device clocks are real time + skew, |skew| <= S. Stamps are hybrid-logical.
  const S = 15 * 60_000;
  const skewArb = fc.integer({ min: -S, max: S });
  const settings = base();
  const window = first(settings.windows);
  const withLabel = (label: string, at: number): Settings => ({
    ...settings,
    windows: [{ ...window, label, updatedAt: at }],
  });

  test('an edit made after seeing another always wins, whatever the skew', () => {
    fc.assert(
      fc.property(skewArb, skewArb, fc.integer({ min: 0, max: 3 * S }), (skewA, skewB, gap) => {
        const start = absorb(new Map(), settings, { now: T0 + skewA, device: 'a' }).ledger;
        const byA = absorb(start, withLabel('first', T0), { now: T0 + skewA, device: 'a' }).ledger;
        // B receives A's version, then edits `gap` ms later (real time).
        const seenByB = mergeRecords(
          absorb(new Map(), settings, { now: T0 + skewB, device: 'b' }).ledger,
          byA,
        );
        const byB = absorb(seenByB, withLabel('second', T0 + gap), {
          now: T0 + gap + skewB,
          device: 'b',
        }).ledger;
        const merged = mergeRecords(byA, byB);
        expect(settingsFromRecords(merged).windows[0]?.label).toBe('second');
      }),
    );
  });

  test('a delete made after seeing an edit never resurrects it', () => {
    fc.assert(
      fc.property(skewArb, skewArb, fc.integer({ min: 0, max: 3 * S }), (skewA, skewB, gap) => {
        const byA = absorb(new Map(), withLabel('edited', T0), {
          now: T0 + skewA,
          device: 'a',
        }).ledger;
        const seenByB = mergeRecords(
          absorb(new Map(), settings, { now: T0 + skewB, device: 'b' }).ledger,
          byA,
        );
        const deleted = { ...settings, windows: [] };
        const byB = absorb(seenByB, deleted, { now: T0 + gap + skewB, device: 'b' }).ledger;
        // Whatever order the two devices' sets meet in:
        expect(settingsFromRecords(mergeRecords(byA, byB)).windows).toEqual([]);
        expect(settingsFromRecords(mergeRecords(byB, byA)).windows).toEqual([]);
      }),
    );
  });

  test('of two edits that did not see each other, the older wins only if they were less than the skew apart', () => {
    fc.assert(
      fc.property(skewArb, skewArb, fc.integer({ min: 0, max: 4 * S }), (skewA, skewB, gap) => {
        const common = absorb(new Map(), settings, { now: T0 - DAY, device: 'o' }).ledger;
        // A edits at real T0; B edits `gap` later without having seen A's edit.
        const byA = absorb(common, withLabel('from A', T0), {
          now: T0 + skewA,
          device: 'a',
        }).ledger;
        const byB = absorb(common, withLabel('from B', T0 + gap), {
          now: T0 + gap + skewB,
          device: 'b',
        }).ledger;
        const winner = settingsFromRecords(mergeRecords(byA, byB)).windows[0]?.label;
        if (gap > Math.abs(skewA - skewB)) expect(winner).toBe('from B');
      }),
    );
  });

  test('a concurrent delete loses only to an edit made within the skew before it, or after it', () => {
    fc.assert(
      fc.property(skewArb, skewArb, fc.integer({ min: 0, max: 4 * S }), (skewA, skewB, gap) => {
        const common = absorb(new Map(), settings, { now: T0 - DAY, device: 'o' }).ledger;
        // B edits at real T0; A deletes `gap` later without having seen B's edit.
        const byB = absorb(common, withLabel('edited', T0), {
          now: T0 + skewB,
          device: 'b',
        }).ledger;
        const byA = absorb(
          common,
          { ...settings, windows: [] },
          { now: T0 + gap + skewA, device: 'a' },
        ).ledger;
        const windows = settingsFromRecords(mergeRecords(byA, byB)).windows;
        if (gap > Math.abs(skewA - skewB)) expect(windows).toEqual([]);
      }),
    );
  });
});
