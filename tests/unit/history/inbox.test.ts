import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type HistoryEntry, historyKey } from '@/utils/history/entries';
import {
  alreadyRecorded,
  drainedHistoryKey,
  edgeIdentity,
  INBOX_MAX_ENTRIES,
  inboxHasRoom,
  inboxItem,
  inboxKey,
  planDrain,
} from '@/utils/history/inbox';

const P = 'inbox:';
const T = 1_749_000_000_000;
const blocked = (at: number): HistoryEntry => ({ type: 'blocked', at, host: 'mail.google.com' });
const item = (id: string, entry: HistoryEntry) => ({ id, entry });

describe('the private windows’ history inbox', () => {
  test('every waiting entry is planned for the history, in time order, and every key for removal', () => {
    const stored = {
      [inboxKey(P, 'bbbbbbbb-2')]: item('bbbbbbbb-2', blocked(T + 2)),
      [inboxKey(P, 'aaaaaaaa-1')]: item('aaaaaaaa-1', blocked(T + 1)),
      settings: { unrelated: true },
    };
    const plan = planDrain(P, stored);
    expect(plan.writes.map((w) => w.entry.at)).toEqual([T + 1, T + 2]);
    expect(plan.remove.sort()).toEqual([inboxKey(P, 'aaaaaaaa-1'), inboxKey(P, 'bbbbbbbb-2')]);
  });

  test('the same item is always written under the same history key (a repeated drain overwrites)', () => {
    const one = item('aaaaaaaa-1', blocked(T));
    const first = planDrain(P, { [inboxKey(P, one.id)]: one });
    const again = planDrain(P, { [inboxKey(P, one.id)]: structuredClone(one) });
    expect(first.writes[0]?.key).toBe(drainedHistoryKey(one));
    expect(again.writes[0]?.key).toBe(first.writes[0]?.key);
    // Two different items at the same moment never share a key.
    expect(drainedHistoryKey(item('cccccccc-3', blocked(T)))).not.toBe(drainedHistoryKey(one));
  });

  test('what is not an inbox item is dropped, never written; its key still goes', () => {
    const stored = {
      [inboxKey(P, 'aaaaaaaa-1')]: { id: 'aaaaaaaa-1', entry: { type: 'blocked', at: 'soon' } },
      [inboxKey(P, 'bbbbbbbb-2')]: 'not an object',
      // An item stored under another item's key: written by something else, not trusted.
      [inboxKey(P, 'cccccccc-3')]: item('dddddddd-4', blocked(T)),
      [inboxKey(P, 'eeeeeeee-5')]: { id: 'x', entry: blocked(T) },
    };
    const plan = planDrain(P, stored);
    expect(plan.writes).toEqual([]);
    expect(plan.remove).toHaveLength(4);
  });

  test('an entry with a known salt gets a known id, and drains to the key the regular copy would use', () => {
    const entry = blocked(T);
    const once = inboxItem(entry, 'clock-moved', 'random-1111');
    expect(inboxItem(entry, 'clock-moved', 'random-2222')).toEqual(once);
    expect(drainedHistoryKey(once)).toBe(historyKey(T, 'clock-moved'));
    // Without a salt, or with one that is not a plain word, the id is the fresh one.
    expect(inboxItem(entry, undefined, 'random-1111').id).toBe('random-1111');
    expect(inboxItem(entry, 'no/slashes', 'random-1111')).toEqual({ id: 'random-1111', entry });
    const plan = planDrain(P, { [inboxKey(P, once.id)]: once });
    expect(plan.writes.map((w) => w.key)).toEqual([historyKey(T, 'clock-moved')]);
  });

  test('the inbox is bounded', () => {
    expect(inboxHasRoom(0)).toBe(true);
    expect(inboxHasRoom(INBOX_MAX_ENTRIES - 1)).toBe(true);
    expect(inboxHasRoom(INBOX_MAX_ENTRIES)).toBe(false);
  });

  test('planning never invents or loses a valid item (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{8,12}$/), { maxLength: 30 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        (ids, at) => {
          const stored = Object.fromEntries(
            ids.map((id, i) => [inboxKey(P, id), item(id, blocked(at + i))]),
          );
          const plan = planDrain(P, stored);
          expect(plan.writes).toHaveLength(ids.length);
          expect(new Set(plan.writes.map((w) => w.key)).size).toBe(ids.length);
          expect(plan.remove.sort()).toEqual(Object.keys(stored).sort());
        },
      ),
    );
  });
});

describe('edges both copies of Hearth can see', () => {
  const kept: HistoryEntry = { type: 'kept', at: T + 5, start: T - 1000, end: T };
  const ended: HistoryEntry = {
    type: 'step-past-ended',
    at: T,
    grantId: 'g1',
    minutesUsed: 3,
    how: 'left',
  };

  test('a kept stretch and a closed step-past have an identity; actions do not', () => {
    expect(edgeIdentity(kept)).toBe(`kept:${T - 1000}`);
    expect(edgeIdentity(ended)).toBe('ended:g1');
    expect(edgeIdentity(blocked(T))).toBeNull();
  });

  test('the twin the other copy wrote (a moment later, its own clock) counts as recorded', () => {
    expect(alreadyRecorded({ ...kept, at: T + 9 }, [blocked(T), kept])).toBe(true);
    expect(alreadyRecorded({ ...ended, at: T + 40, minutesUsed: 4 }, [ended])).toBe(true);
    expect(alreadyRecorded({ ...ended, grantId: 'g2' }, [ended])).toBe(false);
    expect(alreadyRecorded({ ...kept, start: T }, [kept])).toBe(false);
    // Two blocked visits at the same moment are two visits.
    expect(alreadyRecorded(blocked(T), [blocked(T)])).toBe(false);
  });
});
