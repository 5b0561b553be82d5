import { RECORD_PREFIX as PREFIX } from '@/utils/settings/record-kinds';
import { defaultSettings, type Settings } from '@/utils/settings/schema';
import { DAY_MS } from '@/utils/time/temporal';
import { canonical } from './canonical';
import {
  type Entry,
  isGone,
  type Json,
  type LiveEntry,
  normalize,
  type RecordSet,
  toRecords,
} from './records';

/**
 * Sync's merge: one total order on the versions of a record, the union of
 * record sets under it, local edits stamped like a hybrid logical clock, and
 * tombstones purged behind a horizon.
 */

/** Tombstones older than the horizon are dropped; the horizon trails the newest clock by this much. */
export const TOMBSTONE_TTL_MS = 60 * DAY_MS;

/**
 * The total order on versions of one record: later `t` wins; at equal `t` a
 * delete beats an edit; then the device id; then the value's canonical JSON.
 */
export function compareEntries(a: Entry, b: Entry): number {
  if (a.t !== b.t) return a.t < b.t ? -1 : 1;
  const ag = isGone(a);
  const bg = isGone(b);
  if (ag !== bg) return ag ? 1 : -1;
  if (a.d !== b.d) return a.d < b.d ? -1 : 1;
  if (isGone(a) || isGone(b)) return 0;
  const ac = canonical(a.v);
  const bc = canonical(b.v);
  return ac === bc ? 0 : ac < bc ? -1 : 1;
}

/** The union of two record sets with the newest version of each record. Commutative, associative, idempotent. */
export function mergeRecords(a: RecordSet, b: RecordSet): RecordSet {
  const out = new Map(a);
  for (const [key, entry] of b) {
    const mine = out.get(key);
    if (!mine || compareEntries(entry, mine) > 0) out.set(key, entry);
  }
  return out;
}

export function sameRecords(a: RecordSet, b: RecordSet): boolean {
  if (a.size !== b.size) return false;
  for (const [key, entry] of a) {
    const other = b.get(key);
    if (!other || compareEntries(entry, other) !== 0) return false;
  }
  return true;
}

// ---- stamping local edits ---------------------------------------------------

let defaultValues: Map<string, Json> | null = null;
function builtInDefaults(): Map<string, Json> {
  defaultValues ??= toRecords(defaultSettings());
  return defaultValues;
}

/** Built-in records (the default windows): their tombstones are never purged. */
export function isBuiltInKey(key: string): boolean {
  return key.startsWith(PREFIX.window) && builtInDefaults().has(key);
}

export interface Stamp {
  now: number;
  device: string;
}

/**
 * Folds the local settings into the ledger: every record that differs from
 * the ledger's newest version becomes a new version from this device, every
 * record gone from settings a tombstone. Hybrid-logical stamping: a new
 * version is `max(now, previous.t + 1)`, so it beats what it replaced even
 * when this device's clock is behind. A record the ledger never saw keeps its
 * own `updatedAt` as time (an untouched built-in default gets 0, so it loses
 * to any real edit from another device). With `deletions: false` no record
 * the ledger holds is tombstoned (used when settings were partly unreadable).
 */
export function absorb(
  ledger: RecordSet,
  settings: Settings,
  { now, device }: Stamp,
  { deletions = true }: { deletions?: boolean } = {},
): { ledger: RecordSet; changed: string[] } {
  const current = toRecords(settings);
  const out = new Map(ledger);
  const changed: string[] = [];
  for (const [key, value] of current) {
    const prev = ledger.get(key);
    if (prev && !isGone(prev)) {
      const known = normalize(key, prev.v);
      if (known !== null && canonical(known) === canonical(value)) continue;
    }
    let entry: LiveEntry;
    if (prev) {
      entry = { t: Math.max(now, prev.t + 1), d: device, v: value };
    } else if (canonical(builtInDefaults().get(key)) === canonical(value)) {
      entry = { t: 0, d: '', v: value };
    } else {
      const updatedAt = (value as { updatedAt?: unknown } | null)?.updatedAt;
      const t = typeof updatedAt === 'number' && updatedAt > 0 ? updatedAt : now;
      entry = { t, d: device, v: value };
    }
    out.set(key, entry);
    changed.push(key);
  }
  // A built-in default missing from settings was deleted before the ledger
  // knew it (e.g. before sync existed): a time-0 tombstone beats another
  // device's untouched default, and loses to any real edit of it.
  for (const key of builtInDefaults().keys()) {
    if (!isBuiltInKey(key) || current.has(key) || ledger.has(key)) continue;
    out.set(key, { t: 0, d: '', gone: true });
    changed.push(key);
  }
  if (deletions) {
    for (const [key, prev] of ledger) {
      if (isGone(prev) || current.has(key)) continue;
      // A record this version cannot show was never in settings: not a delete.
      if (normalize(key, prev.v) === null) continue;
      out.set(key, { t: Math.max(now, prev.t + 1), d: device, gone: true });
      changed.push(key);
    }
  }
  return { ledger: out, changed };
}

/** Drops tombstones older than the horizon (built-in records keep theirs, so a new device's defaults cannot return). */
export function purge(records: RecordSet, horizon: number): RecordSet {
  const out = new Map<string, Entry>();
  for (const [key, entry] of records) {
    if (isGone(entry) && entry.t < horizon && !isBuiltInKey(key)) continue;
    out.set(key, entry);
  }
  return out;
}

/** The record set and its purge horizon: what the ledger holds and what sync replicates. */
export interface SyncState {
  records: RecordSet;
  /**
   * Tombstones older than this may be purged. A grow-only register merged by
   * max (so devices never fight over the item carrying it), but never trusted
   * past this device's own clock: see `purgeCutoff`.
   */
  horizon: number;
}

/** Where this device's own clock puts the horizon: 60 days back, in whole days. */
export function localCutoff(now: number): number {
  return Math.floor((now - TOMBSTONE_TTL_MS) / DAY_MS) * DAY_MS;
}

/**
 * The cut-off a purge uses: the shared horizon, except that a horizon ahead of
 * this device's clock (a device whose clock runs fast set it) is ignored. So
 * a tombstone is purged only once it is old by the local clock as well, and a
 * fast device cannot make a fresh deletion vanish everywhere (and its record
 * come back from a device that still holds it).
 */
export function purgeCutoff(horizon: number, now: number): number {
  return Math.min(horizon, localCutoff(now));
}

/** Merges two states as the device whose clock reads `now` sees them. */
export function mergeStates(a: SyncState, b: SyncState, now: number): SyncState {
  const horizon = Math.max(a.horizon, b.horizon);
  return {
    records: purge(mergeRecords(a.records, b.records), purgeCutoff(horizon, now)),
    horizon,
  };
}

/**
 * Moves the horizon to 60 days before `now` (never back), in whole days, so
 * the meta item that carries it changes once a day, not on every push.
 */
export function advanceHorizon(state: SyncState, now: number): SyncState {
  const horizon = Math.max(state.horizon, localCutoff(now));
  // The local cut-off moves even when a fast device's horizon holds still.
  const records = purge(state.records, purgeCutoff(horizon, now));
  return horizon === state.horizon && records.size === state.records.size
    ? state
    : { records, horizon };
}
