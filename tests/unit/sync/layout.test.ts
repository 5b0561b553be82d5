import { describe, expect, test } from 'vitest';
import {
  defaultSettings,
  NOTE_MAX_LENGTH,
  type Settings,
  type SiteRecord,
} from '@/utils/settings/schema';
import { hash32, itemBytes } from '@/utils/sync/bytes';
import { canonical } from '@/utils/sync/canonical';
import {
  decodeItems,
  diffItems,
  localOnly,
  META_KEY,
  planLayout,
  SYNC_LIMITS,
} from '@/utils/sync/layout';
import { absorb, type SyncState } from '@/utils/sync/merge';
import type { Json, RecordSet } from '@/utils/sync/records';

const T0 = Date.UTC(2025, 5, 2, 17, 0);
const equal = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** An id shaped like crypto.randomUUID()'s (the options page's), but the same on every run. */
function uuidLike(key: string): string {
  const hex = (k: string) => hash32(k).toString(16).padStart(8, '0');
  const [a, b, c, d] = [hex(key), hex(`${key}/b`), hex(`${key}/c`), hex(`${key}/d`)];
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}

function sites(n: number, seed = 'site'): SiteRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: uuidLike(`${seed}-${i}`),
    pattern: `${seed}-${i}.work-${i % 97}.example.com`,
    list: i % 10 === 0 ? 'allow' : 'block',
    updatedAt: T0 + i,
  }));
}

function stateOf(settings: Settings): SyncState {
  return { records: absorb(new Map(), settings, { now: T0, device: 'dev-a' }).ledger, horizon: 0 };
}

function sizes(items: Map<string, Json>) {
  const each = [...items].map(([k, v]) => itemBytes(k, v));
  return { count: items.size, largest: Math.max(...each), total: each.reduce((a, b) => a + b, 0) };
}

describe('sync layout', () => {
  test('5,000 sites: no item passes 8 KB, the whole stays within quota, the rest is counted as local only', () => {
    const settings = { ...defaultSettings(), sites: sites(5000) };
    const state = stateOf(settings);
    const layout = planLayout(state);
    const { count, largest, total } = sizes(layout.items);
    expect(largest).toBeLessThanOrEqual(SYNC_LIMITS.perItemBytes);
    expect(total).toBeLessThanOrEqual(SYNC_LIMITS.quotaBytes);
    expect(count).toBeLessThanOrEqual(SYNC_LIMITS.maxItems);
    expect(total).toBe(layout.bytes);

    const synced = decodeItems(Object.fromEntries(layout.items)).state.records;
    const left = localOnly(state.records, synced);
    const syncedSites = [...synced.keys()].filter((k) => k.startsWith('s:')).length;
    expect(syncedSites + (left.site ?? 0)).toBe(5000);
    expect(left.site).toBeGreaterThan(0);
    // Everything but sites fits.
    expect(Object.keys(left)).toEqual(['site']);
    console.info(
      `5,000 sites: ${count} items, largest ${largest} B, total ${total} B; ` +
        `${syncedSites} sites synced, ${left.site} kept on this device only`,
    );
  });

  test('a list that fits goes entirely, in items under the limit', () => {
    const settings = { ...defaultSettings(), sites: sites(400) };
    const state = stateOf(settings);
    const layout = planLayout(state);
    expect(sizes(layout.items).largest).toBeLessThanOrEqual(SYNC_LIMITS.perItemBytes);
    const synced = decodeItems(Object.fromEntries(layout.items)).state.records;
    expect(localOnly(state.records, synced)).toEqual({});
  });

  test('long patterns pack into more chunks, each still under the limit', () => {
    const long = sites(300).map((s, i) => ({
      ...s,
      pattern: `${'x'.repeat(200)}${i}.example.com/${'p'.repeat(1500)}`,
    }));
    const layout = planLayout(stateOf({ ...defaultSettings(), sites: long }));
    expect(sizes(layout.items).largest).toBeLessThanOrEqual(SYNC_LIMITS.perItemBytes);
  });

  test('adding or removing one site rewrites one or two chunks, not the list', () => {
    const base = { ...defaultSettings(), sites: sites(500) };
    const before = stateOf(base);
    const beforeItems = Object.fromEntries(planLayout(before).items);
    const added = absorb(
      before.records,
      { ...base, sites: [...base.sites, ...sites(1, 'new')] },
      { now: T0 + 1000, device: 'dev-a' },
    );
    const afterAdd = diffItems(
      beforeItems,
      planLayout({ records: added.ledger, horizon: 0 }).items,
      equal,
    );
    expect(Object.keys(afterAdd.set).length).toBeLessThanOrEqual(2);
    expect(afterAdd.remove.length).toBeLessThanOrEqual(1);

    const removed = absorb(
      before.records,
      { ...base, sites: base.sites.slice(1) },
      { now: T0 + 1000, device: 'dev-a' },
    );
    const afterRemove = diffItems(
      beforeItems,
      planLayout({ records: removed.ledger, horizon: 0 }).items,
      equal,
    );
    expect(Object.keys(afterRemove.set)).toHaveLength(1);
    expect(afterRemove.remove).toEqual([]);
  });

  test('what is laid out reads back as the same records', () => {
    const settings = { ...defaultSettings(), sites: sites(120) };
    const state = stateOf(settings);
    const back = decodeItems(Object.fromEntries(planLayout(state).items));
    expect(back.format).toBe(1);
    expect(back.state.records.size).toBe(state.records.size);
    for (const [key, entry] of state.records) expect(back.state.records.get(key)).toEqual(entry);
  });

  test('the settings that matter most go first when sync is full', () => {
    const notes = Array.from({ length: 400 }, (_, i) => ({
      id: `note-${String(i).padStart(3, '0')}`,
      text: 'é'.repeat(NOTE_MAX_LENGTH),
      kind: 'standing' as const,
      date: null,
      child: '',
      createdAt: T0,
      updatedAt: T0,
    }));
    const state = stateOf({ ...defaultSettings(), notes, sites: sites(50) });
    const layout = planLayout(state);
    const synced = decodeItems(Object.fromEntries(layout.items)).state.records;
    for (const key of ['g', 'h', 'p:mail', 'w:weekday-evening']) expect(synced.has(key)).toBe(true);
    const left = localOnly(state.records, synced);
    expect(left.note).toBeGreaterThan(0);
    // Sites fill what the skipped notes left, if anything.
    expect(left.site ?? 0).toBeGreaterThan(40);
    expect(sizes(layout.items).total).toBeLessThanOrEqual(SYNC_LIMITS.quotaBytes);
  });

  test('diff: only changed items are set; our stale items are removed; others are left alone', () => {
    const desired = new Map<string, Json>([
      [META_KEY, { f: 1, h: 0 }],
      ['g', { t: 1, d: 'a', v: 1 }],
    ]);
    const remote = {
      [META_KEY]: { h: 0, f: 1 },
      g: { t: 0, d: '', v: 1 },
      'n:old': { t: 1, d: 'a', gone: true },
      somethingElse: 42,
    };
    expect(diffItems(remote, desired, equal)).toEqual({
      set: { g: { t: 1, d: 'a', v: 1 } },
      remove: ['n:old'],
    });
  });

  test('decoding ignores junk and keeps the newest copy of a site seen in two chunks', () => {
    const records = decodeItems({
      's:aa': { one: { t: 5, d: 'a', v: 1 }, bad: { t: 'x' } },
      's:bb': { one: { t: 9, d: 'b', gone: true } },
      'w:x': 'not an entry',
      'n:y': { t: -1, d: 'a', v: 1 },
      random: { t: 1, d: 'a', v: 1 },
    }).state.records as RecordSet;
    expect([...records]).toEqual([['s:one', { t: 9, d: 'b', gone: true }]]);
  });
});
