import { kindOf, RECORD_KINDS, type RecordKind } from '@/utils/settings/record-kinds';
import { readEntry } from '@/utils/sync/ledger';
import { compareEntries, mergeRecords, type SyncState } from '@/utils/sync/merge';
import { type Entry, isGone, type Json, normalize, type RecordSet } from '@/utils/sync/records';
import { hash32, itemBytes, jsonBytes, stringBytes, utf8Length } from './bytes';

/**
 * How a record set is laid out in storage.sync, within its limits (pure).
 *
 * One item per record (`w:<id>`, `n:<id>`, `g`, …) holding its newest entry,
 * except sites, which are many and small: they are packed into chunk items
 * `s:<hash>` (an object of site id -> entry). Chunk boundaries are chosen by
 * the content (a site whose id hashes to 0 mod CHUNK_SPREAD starts a chunk,
 * and a chunk that would pass the item limit is cut), so adding or removing
 * one site rewrites one chunk, not all that follow it. A meta item `hearth`
 * carries the layout format and the tombstone horizon.
 *
 * The layout is a function of the record set alone: two devices with the
 * same records write the same items, so they never fight over an item.
 */

export interface SyncLimits {
  quotaBytes: number;
  perItemBytes: number;
  maxItems: number;
}

/** Chrome's and Firefox's storage.sync limits (read from the browser where it tells them). */
export const SYNC_LIMITS: SyncLimits = { quotaBytes: 102_400, perItemBytes: 8_192, maxItems: 512 };

/** The sync area's own limits where the browser states them (Chrome does), ours otherwise. */
export function limitsOf(area: object): SyncLimits {
  const read = (name: string, fallback: number) => {
    const value = Reflect.get(area, name);
    return typeof value === 'number' && value > 0 ? value : fallback;
  };
  return {
    quotaBytes: read('QUOTA_BYTES', SYNC_LIMITS.quotaBytes),
    perItemBytes: read('QUOTA_BYTES_PER_ITEM', SYNC_LIMITS.perItemBytes),
    maxItems: read('MAX_ITEMS', SYNC_LIMITS.maxItems),
  };
}

/** What Hearth lets itself use: a tenth of the bytes and a few items kept spare. */
export function budgetOf(limits: SyncLimits): SyncLimits {
  return {
    quotaBytes: Math.floor(limits.quotaBytes * 0.9),
    perItemBytes: limits.perItemBytes - 192,
    maxItems: limits.maxItems - 12,
  };
}

export const META_KEY = 'hearth';
export const LAYOUT_FORMAT = 1;
/** About one site in this many starts a chunk: chunks of ~24 sites, ~2.5 KB. */
const CHUNK_SPREAD = 24;

const rank = (kind: RecordKind) => RECORD_KINDS.indexOf(kind);

/**
 * A site inside a chunk, compactly: `[t, d]` for a tombstone, `[t, d, pattern,
 * "b" | "a", updatedAt]` for a site (the id is the member's name). A value with
 * anything else in it (a newer version's field) keeps the full entry form.
 */
export function encodeSiteMember(id: string, entry: Entry): Json {
  if (isGone(entry)) return [entry.t, entry.d];
  const site = entry.v as Record<string, Json> | null;
  if (
    site !== null &&
    typeof site === 'object' &&
    !Array.isArray(site) &&
    site.id === id &&
    typeof site.pattern === 'string' &&
    (site.list === 'block' || site.list === 'allow') &&
    typeof site.updatedAt === 'number' &&
    Object.keys(site).length === 4
  ) {
    return [entry.t, entry.d, site.pattern, site.list === 'block' ? 'b' : 'a', site.updatedAt];
  }
  return entry as unknown as Json;
}

export function decodeSiteMember(id: string, raw: unknown): Entry | null {
  if (!Array.isArray(raw)) return readEntry(raw);
  const [t, d, pattern, list, updatedAt] = raw as unknown[];
  if (
    typeof t !== 'number' ||
    !Number.isFinite(t) ||
    t < 0 ||
    typeof d !== 'string' ||
    d.length > 64
  )
    return null;
  if (raw.length === 2) return { t, d, gone: true };
  if (raw.length !== 5 || typeof pattern !== 'string' || (list !== 'b' && list !== 'a'))
    return null;
  if (typeof updatedAt !== 'number') return null;
  return { t, d, v: { id, pattern, list: list === 'b' ? 'block' : 'allow', updatedAt } };
}

export interface Layout {
  /** Physical items, the meta item included. */
  items: Map<string, Json>;
  bytes: number;
  /** Logical keys whose entry made it into an item. */
  synced: Set<string>;
}

/**
 * Lays the records out within the budget. Records go in by priority
 * (gentleness, heads-up, presets, windows, exceptions, notes, then sites in
 * id order); what does not fit stays on this device only, and is counted.
 */
export function planLayout(state: SyncState, limits: SyncLimits = SYNC_LIMITS): Layout {
  const budget = budgetOf(limits);
  const items = new Map<string, Json>();
  const synced = new Set<string>();
  let bytes = 0;
  let count = 0;
  const meta: Json = { f: LAYOUT_FORMAT, h: state.horizon };
  items.set(META_KEY, meta);
  bytes += itemBytes(META_KEY, meta);
  count += 1;

  const keys = [...state.records.keys()]
    .map((key) => ({ key, kind: kindOf(key) }))
    .filter((k): k is { key: string; kind: RecordKind } => k.kind !== null)
    .sort((a, b) => rank(a.kind) - rank(b.kind) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  for (const { key, kind } of keys) {
    if (kind === 'site') continue;
    const entry = state.records.get(key) as Entry;
    const size = itemBytes(key, entry);
    if (
      size > budget.perItemBytes ||
      bytes + size > budget.quotaBytes ||
      count + 1 > budget.maxItems
    )
      continue;
    items.set(key, entry as unknown as Json);
    synced.add(key);
    bytes += size;
    count += 1;
  }

  // Sites: an id-ordered prefix of them, packed into content-defined chunks.
  interface Chunk {
    key: string;
    members: [string, Entry][];
    bytes: number;
  }
  let chunk: Chunk | null = null as Chunk | null;
  const close = () => {
    if (chunk) {
      const members = chunk.members.map(([id, entry]) => [id, encodeSiteMember(id, entry)]);
      items.set(chunk.key, Object.fromEntries(members) as Json);
    }
  };
  for (const { key, kind } of keys) {
    if (kind !== 'site') continue;
    const id = key.slice(2);
    const entry = state.records.get(key) as Entry;
    const memberBytes = stringBytes(id) + 1 + jsonBytes(encodeSiteMember(id, entry));
    const startsChunk =
      chunk === null ||
      hash32(id) % CHUNK_SPREAD === 0 ||
      chunk.bytes + 1 + memberBytes > budget.perItemBytes;
    if (startsChunk) {
      const openKey = chunk?.key;
      let chunkKey = `s:${hash32(id).toString(36)}`;
      for (let n = 1; items.has(chunkKey) || openKey === chunkKey; n++) {
        chunkKey = `s:${hash32(id).toString(36)}.${n}`;
      }
      const size: number = utf8Length(chunkKey) + 2 + memberBytes;
      if (size > budget.perItemBytes) continue;
      if (bytes + size > budget.quotaBytes || count + 1 > budget.maxItems) break;
      close();
      chunk = { key: chunkKey, members: [[id, entry]], bytes: size };
      bytes += size;
      count += 1;
    } else if (chunk) {
      if (bytes + 1 + memberBytes > budget.quotaBytes) break;
      chunk.members.push([id, entry]);
      chunk.bytes += 1 + memberBytes;
      bytes += 1 + memberBytes;
    }
    synced.add(key);
  }
  close();
  return { items, bytes, synced };
}

const OUR_ITEM = /^(?:[wensp]:.+|[gh])$/;

/** Reads storage.sync's items back into records (newest entry per key, whatever chunk it sat in). */
export function decodeItems(items: Record<string, unknown>): { state: SyncState; format: number } {
  let records: RecordSet = new Map();
  let horizon = 0;
  let format = 0;
  const put = (key: string, entry: Entry | null) => {
    if (!entry) return;
    const mine = records.get(key);
    if (!mine || compareEntries(entry, mine) > 0) records.set(key, entry);
  };
  for (const [key, raw] of Object.entries(items)) {
    if (key === META_KEY) {
      const meta = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
      if (typeof meta.f === 'number') format = meta.f;
      if (typeof meta.h === 'number' && Number.isFinite(meta.h)) horizon = meta.h;
    } else if (key.startsWith('s:')) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) continue;
      const chunk: RecordSet = new Map();
      for (const [id, value] of Object.entries(raw)) {
        const siteKey = `s:${id}`;
        const entry = decodeSiteMember(id, value);
        if (entry && kindOf(siteKey) === 'site') chunk.set(siteKey, entry);
      }
      records = mergeRecords(records, chunk);
    } else if (OUR_ITEM.test(key) && kindOf(key) !== null) {
      put(key, readEntry(raw));
    }
  }
  return { state: { records, horizon }, format };
}

/** What to write so storage.sync holds `desired`: changed items, and our items no longer wanted. */
export function diffItems(
  remote: Record<string, unknown>,
  desired: Map<string, Json>,
  equal: (a: unknown, b: unknown) => boolean,
): { set: Record<string, Json>; remove: string[] } {
  const set: [string, Json][] = [];
  for (const [key, value] of desired) {
    if (!Object.hasOwn(remote, key) || !equal(remote[key], value)) set.push([key, value]);
  }
  const remove = Object.keys(remote).filter((key) => OUR_ITEM.test(key) && !desired.has(key));
  return { set: Object.fromEntries(set), remove };
}

export type KindCounts = Partial<Record<RecordKind, number>>;

/** Live records whose newest version is not in `remote`: kept on this device only, by kind. */
export function localOnly(local: RecordSet, remote: RecordSet): KindCounts {
  const counts: KindCounts = {};
  for (const [key, entry] of local) {
    if (isGone(entry) || normalize(key, entry.v) === null) continue;
    const there = remote.get(key);
    if (there && compareEntries(there, entry) >= 0) continue;
    const kind = kindOf(key);
    if (kind) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}
