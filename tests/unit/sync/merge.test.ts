import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { defaultSettings, type Settings } from '@/utils/settings/schema';
import { canonical } from '@/utils/sync/canonical';
import {
  absorb,
  advanceHorizon,
  compareEntries,
  localCutoff,
  mergeRecords,
  mergeStates,
  purge,
  purgeCutoff,
  type SyncState,
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
        const ab = mergeStates(a, b, T0);
        const ba = mergeStates(b, a, T0);
        expect(show(ab.records)).toBe(show(ba.records));
        expect(ab.horizon).toBe(ba.horizon);
        const again = mergeStates(ab, ab, T0);
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
      T0,
    );
    expect(settingsFromRecords(merged.records).windows.map((w) => w.id)).toEqual(['weekend-day']);
  });

  test('a horizon travels with the records: whoever merges purges the same', () => {
    const a = {
      records: new Map<string, Entry>([['n:x', { t: 10, d: 'a', gone: true }]]),
      horizon: 0,
    };
    const b = { records: new Map<string, Entry>(), horizon: 20 };
    expect(mergeStates(a, b, T0).records.size).toBe(0);
    expect(mergeStates(b, a, T0).records.size).toBe(0);
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

describe('the purge cut-off never runs ahead of this device’s clock', () => {
  test('a horizon ahead of the local clock is ignored; one behind it is used', () => {
    const now = T0;
    expect(purgeCutoff(now + 400 * DAY, now)).toBe(localCutoff(now));
    expect(purgeCutoff(now - 90 * DAY, now)).toBe(now - 90 * DAY);
    expect(localCutoff(now)).toBeLessThanOrEqual(now - TOMBSTONE_TTL_MS);
  });

  test('a fresh tombstone survives a merge with a far-fast device’s horizon, and the horizon is kept (no fight over it)', () => {
    const tomb: RecordSet = new Map([['n:x', { t: T0, d: 'b', gone: true }]]);
    const fast = { records: new Map(), horizon: T0 + 300 * DAY };
    const merged = mergeStates({ records: tomb, horizon: 0 }, fast, T0 + 1000);
    expect(merged.records.get('n:x')).toEqual({ t: T0, d: 'b', gone: true });
    expect(merged.horizon).toBe(T0 + 300 * DAY);
    // Once it is old by this device's clock as well, it goes.
    expect(advanceHorizon(merged, T0 + 61 * DAY).records.has('n:x')).toBe(false);
  });
});

/**
 * Three devices, clocks skewed, one of them far ahead (60 to 400 days). Every
 * device starts with the same notes; then devices delete notes and exchange
 * states at random, as sync would, over less than 60 real days (so no
 * tombstone is old by a correct clock). A note deleted anywhere must never
 * come back on a device with a correct clock once it saw the delete, and after
 * everyone has met, it is gone everywhere.
 */
describe('merge with skewed clocks (property)', () => {
  const NOTES = ['a', 'b', 'c', 'd'];
  const start: Settings = {
    ...defaultSettings(),
    notes: NOTES.map((id) => ({
      id,
      text: `note ${id}`,
      kind: 'standing' as const,
      date: null,
      child: '',
      createdAt: T0 - DAY,
      updatedAt: T0 - DAY,
    })),
  };

  type Op =
    | { kind: 'delete'; device: number; note: string; after: number }
    | { kind: 'meet'; from: number; to: number; after: number };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      kind: fc.constant('delete' as const),
      device: fc.integer({ min: 0, max: 2 }),
      note: fc.constantFrom(...NOTES),
      after: fc.integer({ min: 0, max: 2 * DAY }),
    }),
    fc.record({
      kind: fc.constant('meet' as const),
      from: fc.integer({ min: 0, max: 2 }),
      to: fc.integer({ min: 0, max: 2 }),
      after: fc.integer({ min: 0, max: 2 * DAY }),
    }),
  );

  test('no deleted note comes back; all devices agree in the end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 60 * DAY, max: 400 * DAY }),
        fc.array(fc.integer({ min: -15 * 60_000, max: 15 * 60_000 }), {
          minLength: 3,
          maxLength: 3,
        }),
        fc.array(opArb, { maxLength: 40 }),
        (fastOne, ahead, skews, ops) => {
          let real = T0;
          const skew = skews.map((s, i) => (i === fastOne ? ahead : s));
          const clock = (i: number) => real + (skew[i] ?? 0);
          const states: SyncState[] = [0, 1, 2].map((i) => ({
            records: absorb(new Map(), start, { now: clock(i), device: `d${i}` }).ledger,
            horizon: 0,
          }));
          const settings = states.map(() => start);
          const deleted = new Set<string>();
          const sawDelete = [new Set<string>(), new Set<string>(), new Set<string>()];
          const live = (i: number, note: string) => {
            const e = states[i]?.records.get(`n:${note}`);
            return e !== undefined && !isGone(e);
          };
          const exchange = (from: number, to: number) => {
            const a = states[from] as SyncState;
            const b = states[to] as SyncState;
            const merged = advanceHorizon(mergeStates(b, a, clock(to)), clock(to));
            states[to] = merged;
            // As the engine does: the merged records become this device's settings.
            settings[to] = settingsFromRecords(merged.records, settings[to]);
            for (const n of NOTES) {
              const e = merged.records.get(`n:${n}`);
              if (e && isGone(e)) sawDelete[to]?.add(n);
            }
          };
          for (const op of ops) {
            real += op.after;
            if (real - T0 > 50 * DAY) break;
            if (op.kind === 'delete') {
              const i = op.device;
              const mine = settings[i] as Settings;
              if (!live(i, op.note)) continue;
              const next = { ...mine, notes: mine.notes.filter((n) => n.id !== op.note) };
              const state = states[i] as SyncState;
              states[i] = {
                ...state,
                records: absorb(state.records, next, { now: clock(i), device: `d${i}` }).ledger,
              };
              settings[i] = next;
              deleted.add(op.note);
              sawDelete[i]?.add(op.note);
            } else if (op.from !== op.to) {
              exchange(op.from, op.to);
            }
            // A device with a correct clock that saw a delete never holds the note again.
            for (const i of [0, 1, 2]) {
              if (i === fastOne) continue;
              for (const n of sawDelete[i] ?? []) if (live(i, n)) return false;
            }
          }
          // Everyone meets everyone, twice.
          for (let round = 0; round < 2; round++)
            for (const from of [0, 1, 2])
              for (const to of [0, 1, 2]) if (from !== to) exchange(from, to);
          for (const n of deleted) for (const i of [0, 1, 2]) if (live(i, n)) return false;
          return true;
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
    );
  }, 600_000);
});
