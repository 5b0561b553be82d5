/**
 * Numbered migrations of the stored settings: MIGRATIONS[n] turns a version n
 * blob into version n + 1. Each one gets a test with old data in, new data out
 * (tests/unit/migrations.test.ts). Version 1 is the first released layout, so
 * the list starts empty; the machinery is exercised by the tests all the same.
 */
type Blob = Record<string, unknown>;
export type Migration = (old: Blob) => Blob;

export const MIGRATIONS: Record<number, Migration> = {};

/** Brings an older blob up to `target`; a newer or unversioned blob is left as it is. */
export function migrate(raw: unknown, target: number, migrations = MIGRATIONS): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  let blob = raw as Blob;
  let version = typeof blob.version === 'number' ? blob.version : target;
  while (version < target) {
    const step = migrations[version];
    if (!step) throw new Error(`No migration from settings version ${version}`);
    blob = { ...step(blob), version: version + 1 };
    version += 1;
  }
  return blob;
}
