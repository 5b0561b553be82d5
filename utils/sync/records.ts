import * as v from 'valibot';
import { PRESET_IDS } from '@/utils/settings/presets';
import {
  defaultSettings,
  ExceptionSchema,
  GentlenessSchema,
  HeadsUpSchema,
  NoteSchema,
  presetsFrom,
  SETTINGS_VERSION,
  type Settings,
  SiteRecordSchema,
  WeeklyWindowSchema,
} from '@/utils/settings/schema';

/**
 * Settings as a set of records, the unit sync works in (docs/sync.md has the
 * rules in prose). Pure: no browser here.
 *
 * Every window, dated exception, site, note, preset toggle and the two
 * singletons (gentleness, heads-up) is one record under a logical key:
 *
 *     w:<id>  e:<id>  s:<id>  n:<id>  p:<presetId>  g  h
 *
 * A record's versions are `Entry`s: the value (or a tombstone, once deleted),
 * a timestamp `t` and the device `d` that wrote it. `mergeRecords` keeps the
 * greatest entry of each key under one total order, so it is commutative,
 * associative and idempotent. `absorb` stamps local edits like a hybrid
 * logical clock: an edit is always later than the version it replaced, so
 * clock skew can only reorder edits that did not see each other.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface LiveEntry {
  /** When it was written (ms), stamped by absorb: never earlier than the version it replaced. */
  t: number;
  /** The device that wrote it; '' for a built-in default no one has edited. */
  d: string;
  v: Json;
}
export interface Tombstone {
  t: number;
  d: string;
  gone: true;
}
export type Entry = LiveEntry | Tombstone;
export type RecordSet = Map<string, Entry>;

export type RecordKind =
  | 'window'
  | 'exception'
  | 'site'
  | 'note'
  | 'preset'
  | 'gentleness'
  | 'headsUp';
export const RECORD_KINDS: readonly RecordKind[] = [
  'gentleness',
  'headsUp',
  'preset',
  'window',
  'exception',
  'note',
  'site',
];

const PREFIX: Record<'window' | 'exception' | 'site' | 'note' | 'preset', string> = {
  window: 'w:',
  exception: 'e:',
  site: 's:',
  note: 'n:',
  preset: 'p:',
};
export const GENTLENESS_KEY = 'g';
export const HEADS_UP_KEY = 'h';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Tombstones older than the horizon are dropped; the horizon trails the newest clock by this much. */
export const TOMBSTONE_TTL_MS = 60 * DAY_MS;

export function isGone(entry: Entry): entry is Tombstone {
  return 'gone' in entry;
}

export function kindOf(key: string): RecordKind | null {
  if (key === GENTLENESS_KEY) return 'gentleness';
  if (key === HEADS_UP_KEY) return 'headsUp';
  const id = key.slice(2);
  if (id.length === 0 || id.length > 64) return null;
  switch (key.slice(0, 2)) {
    case PREFIX.window:
      return 'window';
    case PREFIX.exception:
      return 'exception';
    case PREFIX.site:
      return 'site';
    case PREFIX.note:
      return 'note';
    case PREFIX.preset:
      return 'preset';
    default:
      return null;
  }
}

// ---- canonical JSON: equality and the tie-break of the total order ----------

/** JSON with object keys sorted, so equal values print equally. */
export function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value))
    return `[${value.map((x) => canonical(x === undefined ? null : x)).join(',')}]`;
  const keys = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

// ---- settings <-> records ---------------------------------------------------

const asJson = (value: object): Json => value as unknown as Json;

/** The record values in a settings blob, by logical key (first of duplicate ids wins). */
export function toRecords(settings: Settings): Map<string, Json> {
  const out = new Map<string, Json>();
  const put = (key: string, value: Json) => {
    if (!out.has(key)) out.set(key, value);
  };
  for (const w of settings.windows) put(PREFIX.window + w.id, asJson(w));
  for (const e of settings.exceptions) put(PREFIX.exception + e.id, asJson(e));
  for (const s of settings.sites) put(PREFIX.site + s.id, asJson(s));
  for (const n of settings.notes) put(PREFIX.note + n.id, asJson(n));
  for (const p of PRESET_IDS) put(PREFIX.preset + p, settings.presets[p]);
  put(GENTLENESS_KEY, asJson(settings.gentleness));
  put(HEADS_UP_KEY, asJson(settings.headsUp));
  return out;
}

const SCHEMAS = {
  window: WeeklyWindowSchema,
  exception: ExceptionSchema,
  site: SiteRecordSchema,
  note: NoteSchema,
  gentleness: GentlenessSchema,
  headsUp: HeadsUpSchema,
} as const;

/**
 * A record value as this version of Hearth can hold it in settings, or null
 * when it cannot (invalid, or a newer version's record): such a value stays in
 * the sync ledger untouched and is never mistaken for a local delete.
 */
export function normalize(key: string, value: Json): Json | null {
  const kind = kindOf(key);
  if (kind === null) return null;
  if (kind === 'preset') {
    return typeof value === 'boolean' && (PRESET_IDS as readonly string[]).includes(key.slice(2))
      ? value
      : null;
  }
  const parsed = v.safeParse(SCHEMAS[kind], value);
  if (!parsed.success) return null;
  const output = parsed.output as { id?: string };
  if (kind !== 'gentleness' && kind !== 'headsUp' && output.id !== key.slice(2)) return null;
  return asJson(output);
}

type Sortable = { id: string; createdAt?: number; updatedAt?: number };

function ordered<T extends Sortable>(items: T[], hints: readonly (readonly Sortable[])[]): T[] {
  const byId = new Map(items.map((x) => [x.id, x]));
  const out: T[] = [];
  for (const hint of hints) {
    for (const h of hint) {
      const item = byId.get(h.id);
      if (item) {
        out.push(item);
        byId.delete(h.id);
      }
    }
  }
  const rest = [...byId.values()].sort(
    (a, b) =>
      (a.createdAt ?? a.updatedAt ?? 0) - (b.createdAt ?? b.updatedAt ?? 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return [...out, ...rest];
}

/**
 * Settings from record values (already normalised). Arrays keep the order of
 * `hints` (the settings being replaced), newcomers follow oldest first. Two
 * site records with the same pattern and list collapse into the one with the
 * smaller id, so two devices that added the same site converge on one.
 */
export function settingsFromValues(
  values: Map<string, Json>,
  hints: readonly Settings[] = [],
): Settings {
  const defaults = defaultSettings();
  const of = <T>(prefix: string) =>
    [...values].filter(([k]) => k.startsWith(prefix)).map(([, value]) => value as unknown as T);
  const sites = of<Settings['sites'][number]>(PREFIX.site).sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  const seen = new Set<string>();
  const uniqueSites = sites.filter((s) => {
    const k = `${s.list} ${s.pattern}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const presets = presetsFrom(
    Object.fromEntries(PRESET_IDS.map((p) => [p, values.get(PREFIX.preset + p)])),
  );
  const g = values.get(GENTLENESS_KEY);
  const h = values.get(HEADS_UP_KEY);
  return {
    version: SETTINGS_VERSION,
    windows: ordered(
      of<Settings['windows'][number]>(PREFIX.window),
      hints.map((s) => s.windows),
    ),
    exceptions: ordered(
      of<Settings['exceptions'][number]>(PREFIX.exception),
      hints.map((s) => s.exceptions),
    ),
    sites: ordered(
      uniqueSites,
      hints.map((s) => s.sites),
    ),
    notes: ordered(
      of<Settings['notes'][number]>(PREFIX.note),
      hints.map((s) => s.notes),
    ),
    presets,
    gentleness: g === undefined ? defaults.gentleness : (g as unknown as Settings['gentleness']),
    headsUp: h === undefined ? defaults.headsUp : (h as unknown as Settings['headsUp']),
  };
}

/** The settings a record set holds: its live records this version understands. */
export function settingsFromRecords(records: RecordSet, hint?: Settings): Settings {
  const values = new Map<string, Json>();
  for (const [key, entry] of records) {
    if (isGone(entry)) continue;
    const value = normalize(key, entry.v);
    if (value !== null) values.set(key, value);
  }
  return settingsFromValues(values, hint ? [hint] : []);
}

/**
 * Three-way merge for an editor that saves a whole draft: the records it
 * changed since `base` are laid over `theirs` (what storage holds now), so a
 * change that arrived meanwhile (sync, the popup) is not written back over.
 */
export function rebaseSettings(base: Settings, ours: Settings, theirs: Settings): Settings {
  const b = toRecords(base);
  const o = toRecords(ours);
  const result = toRecords(theirs);
  for (const key of new Set([...b.keys(), ...o.keys()])) {
    const mine = o.get(key);
    if (canonical(mine) === canonical(b.get(key))) continue;
    if (mine === undefined) result.delete(key);
    else result.set(key, mine);
  }
  return settingsFromValues(result, [ours, theirs]);
}

// ---- the total order and the merge ------------------------------------------

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
  /** Tombstones older than this are purged. A grow-only register: merged by max. */
  horizon: number;
}

export function mergeStates(a: SyncState, b: SyncState): SyncState {
  const horizon = Math.max(a.horizon, b.horizon);
  return { records: purge(mergeRecords(a.records, b.records), horizon), horizon };
}

/**
 * Moves the horizon to 60 days before `now` (never back), in whole days, so
 * the meta item that carries it changes once a day, not on every push.
 */
export function advanceHorizon(state: SyncState, now: number): SyncState {
  const horizon = Math.max(state.horizon, Math.floor((now - TOMBSTONE_TTL_MS) / DAY_MS) * DAY_MS);
  return horizon === state.horizon ? state : { records: purge(state.records, horizon), horizon };
}

// ---- entries from untrusted places (sync, the stored ledger) -----------------

export function readEntry(raw: unknown): Entry | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.t !== 'number' || !Number.isFinite(r.t) || r.t < 0) return null;
  if (typeof r.d !== 'string' || r.d.length > 64) return null;
  if (r.gone === true) return { t: r.t, d: r.d, gone: true };
  if (!('v' in r) || r.v === undefined) return null;
  return { t: r.t, d: r.d, v: r.v as Json };
}

/** The ledger as stored in storage.local. */
export interface StoredLedger {
  horizon: number;
  records: Record<string, Entry>;
}

export function encodeLedger(state: SyncState): StoredLedger {
  return { horizon: state.horizon, records: Object.fromEntries(state.records) };
}

export function decodeLedger(raw: unknown): SyncState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const records: RecordSet = new Map();
  if (typeof r.records === 'object' && r.records !== null) {
    for (const [key, value] of Object.entries(r.records)) {
      const entry = readEntry(value);
      if (entry && kindOf(key) !== null) records.set(key, entry);
    }
  }
  const horizon = typeof r.horizon === 'number' && Number.isFinite(r.horizon) ? r.horizon : 0;
  return { records, horizon };
}
