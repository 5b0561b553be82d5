import { createStore, entries, set } from 'idb-keyval';
import { beforeEach, describe, expect, test } from 'vitest';
import * as store from '@/utils/browser/history-store';
import { appendHistory, clearHistory, readHistory } from '@/utils/browser/history-store';
import type { HistoryEntry } from '@/utils/history/entries';

// fake-indexeddb keeps its databases for the whole file: each test starts from an empty history.
beforeEach(() => clearHistory());

const T = 1_749_000_000_000;
const blocked = (at: number, host = 'mail.google.com'): HistoryEntry => ({
  type: 'blocked',
  at,
  host,
});

describe('the history store', () => {
  test('reads back in time order, whatever order entries were written in', async () => {
    const later: HistoryEntry = { type: 'kept', at: T + 3000, start: T, end: T + 3000 };
    const first = blocked(T + 1000);
    const middle: HistoryEntry = { type: 'saved', at: T + 2000, url: 'https://mail.google.com/' };
    await appendHistory(later);
    await appendHistory(first);
    await appendHistory(middle);
    expect(await readHistory()).toEqual([first, middle, later]);
  });

  test('two entries at the same moment are both kept', async () => {
    await appendHistory(blocked(T));
    await appendHistory(blocked(T));
    await appendHistory(blocked(T, 'slack.com'));
    const read = await readHistory();
    expect(read).toHaveLength(3);
    expect(read.map((e) => (e.type === 'blocked' ? e.host : '')).sort()).toEqual([
      'mail.google.com',
      'mail.google.com',
      'slack.com',
    ]);
  });

  test('append-only: there is no way to change or remove a single entry', () => {
    expect(Object.keys(store).sort()).toEqual([
      'appendHistory',
      'clearHistory',
      // Only folds entries older than the detail weeks into their evening's counts.
      'compactHistory',
      // Only adds: what Chrome's private windows recorded, into the history (history-store-private.test.ts).
      'drainPrivateHistory',
      'isInboxChange',
      'readHistory',
      'readRecordSince',
    ]);
  });

  test('the record since a moment: only entries from then on, oldest first, unreadable rows skipped', async () => {
    const raw = createStore('hearth-history', 'entries');
    await appendHistory(blocked(T + 3000));
    await appendHistory(blocked(T - 1));
    await appendHistory(blocked(T));
    await appendHistory(blocked(T + 1000, 'slack.com'));
    await set(`${String(T + 2000).padStart(15, '0')}-garbage`, { type: 'nope', at: T + 2000 }, raw);
    expect(await store.readRecordSince(T)).toEqual([
      blocked(T),
      blocked(T + 1000, 'slack.com'),
      blocked(T + 3000),
    ]);
    expect(await store.readRecordSince(T + 3001)).toEqual([]);
  });

  test('an entry read back and changed does not change what is stored', async () => {
    await appendHistory({ type: 'budget-spent', at: T, host: 'slack.com' });
    const [read] = await readHistory();
    if (read?.type === 'budget-spent') read.host = 'rewritten.example';
    expect(await readHistory()).toEqual([{ type: 'budget-spent', at: T, host: 'slack.com' }]);
  });

  test('clear history empties it, and it fills again afterwards', async () => {
    await appendHistory(blocked(T));
    await appendHistory(blocked(T + 1));
    await clearHistory();
    expect(await readHistory()).toEqual([]);
    await appendHistory(blocked(T + 2));
    expect(await readHistory()).toEqual([blocked(T + 2)]);
  });

  test('an unreadable row is skipped when reading, and left where it is (never "repaired")', async () => {
    const raw = createStore('hearth-history', 'entries');
    await appendHistory(blocked(T));
    await set('000000000000000-garbage', { type: 'something-else', at: 5 }, raw);
    await appendHistory(blocked(T + 1));
    expect(await readHistory()).toEqual([blocked(T), blocked(T + 1)]);
    const rows = await entries(raw);
    expect(rows).toHaveLength(3);
  });
});

describe('history stays bounded', () => {
  test('compacting keeps recent entries as they are and rolls older ones up per evening', async () => {
    const now = T + 400 * 24 * 60 * 60_000;
    for (let day = 0; day < 30; day++) {
      for (let i = 0; i < 5; i++) await appendHistory(blocked(T + day * 86_400_000 + i * 60_000));
    }
    const recent = blocked(now - 3600_000);
    await appendHistory(recent);
    await store.compactHistory(now, 'UTC');
    const read = await readHistory();
    expect(read.filter((e) => e.type === 'rollup')).toHaveLength(30);
    expect(read.filter((e) => e.type === 'blocked')).toEqual([recent]);
    const total = read.reduce((n, e) => n + (e.type === 'rollup' ? (e.counts.blocked ?? 0) : 0), 0);
    expect(total).toBe(150);
    // Again: nothing changes.
    await store.compactHistory(now, 'UTC');
    expect(await readHistory()).toEqual(read);
  });
});
