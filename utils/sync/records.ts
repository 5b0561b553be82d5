import * as v from 'valibot';
import { PRESET_IDS } from '@/utils/settings/presets';
import {
  GENTLENESS_KEY,
  HEADS_UP_KEY,
  kindOf,
  RECORD_PREFIX as PREFIX,
} from '@/utils/settings/record-kinds';
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
import { canonical } from './canonical';
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

export function isGone(entry: Entry): entry is Tombstone {
  return 'gone' in entry;
}

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

/** Does the set hold a live record someone actually wrote (not only untouched built-in defaults)? */
export function holdsEdits(records: RecordSet): boolean {
  for (const entry of records.values()) if (!isGone(entry) && entry.t > 0) return true;
  return false;
}
