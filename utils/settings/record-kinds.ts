/**
 * Every kind of settings record, in one table: its key in sync (a prefix and
 * the record's id, or one fixed key for a singleton) and the Settings field it
 * comes from. The order is the sync layout's priority when space runs out.
 */
export const RECORD_KIND_TABLE = [
  { kind: 'gentleness', key: 'g', field: 'gentleness' },
  { kind: 'headsUp', key: 'h', field: 'headsUp' },
  { kind: 'preset', prefix: 'p:', field: 'presets' },
  { kind: 'window', prefix: 'w:', field: 'windows' },
  { kind: 'exception', prefix: 'e:', field: 'exceptions' },
  { kind: 'note', prefix: 'n:', field: 'notes' },
  { kind: 'site', prefix: 's:', field: 'sites' },
] as const;

type KindRow = (typeof RECORD_KIND_TABLE)[number];
export type RecordKind = KindRow['kind'];
type PrefixedKind = Extract<KindRow, { prefix: string }>['kind'];

export const RECORD_KINDS: readonly RecordKind[] = RECORD_KIND_TABLE.map((row) => row.kind);

/** The sync key prefix of each kind that has many records. */
export const RECORD_PREFIX = Object.fromEntries(
  RECORD_KIND_TABLE.flatMap((row) => ('prefix' in row ? [[row.kind, row.prefix]] : [])),
) as Record<PrefixedKind, string>;

export const GENTLENESS_KEY = 'g';
export const HEADS_UP_KEY = 'h';

/** The kind of record a sync key holds, or null when it is not one of ours. */
export function kindOf(key: string): RecordKind | null {
  for (const row of RECORD_KIND_TABLE) if ('key' in row && key === row.key) return row.kind;
  const id = key.slice(2);
  if (id.length === 0 || id.length > 64) return null;
  const prefix = key.slice(0, 2);
  for (const row of RECORD_KIND_TABLE)
    if ('prefix' in row && prefix === row.prefix) return row.kind;
  return null;
}
