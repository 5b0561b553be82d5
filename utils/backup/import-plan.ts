import { SETTINGS_VERSION, type Settings } from '@/utils/settings/schema';
import { canonical } from '@/utils/sync/canonical';

import type { Backup, BackupPhoto, RecordCounts } from './format';

export type ImportMode = 'merge' | 'replace';
export type Singleton = 'gentleness' | 'headsUp' | 'presets';

export interface ImportPlan {
  mode: ImportMode;
  /** The settings to write if the parent confirms. */
  settings: Settings;
  adds: RecordCounts;
  updates: RecordCounts;
  removes: RecordCounts;
  replaces: Singleton[];
  photosAdded: number;
  photosRemoved: number;
  /** Photos to store (merge: only new ones). */
  photos: BackupPhoto[];
  /** Photo ids to delete first (replace with photos included). */
  removePhotoIds: string[];
}

const KINDS = ['windows', 'exceptions', 'sites', 'notes'] as const;
type Kind = (typeof KINDS)[number];
type AnyRecord = Settings[Kind][number];

/** A record's content, without when it was last touched. */
const contentOf = (r: AnyRecord) => canonical({ ...r, updatedAt: 0 });

/** Content that makes two records "the same thing" for a merge, whatever their ids. */
function sameThing(kind: Kind, r: AnyRecord): string | null {
  if (kind === 'sites') {
    const s = r as Settings['sites'][number];
    return `${s.list} ${s.pattern}`;
  }
  if (kind === 'notes') {
    const n = r as Settings['notes'][number];
    return canonical([n.text, n.kind, n.date, n.child]);
  }
  return null;
}

/**
 * What importing `backup` into `current` would do, and the settings that
 * would result. Merge adds what is missing, takes the file's copy of a record
 * only where it is newer, and takes the file's gentleness, heads-up and site
 * groups; replace makes settings exactly the file's. Every record an import
 * adds or changes is stamped `now`: an import is an edit the parent made now,
 * so sync carries it to their other browsers.
 */
export function planImport(
  current: Settings,
  currentPhotoIds: readonly string[],
  backup: Backup,
  mode: ImportMode,
  now: number,
): ImportPlan {
  const zero = (): RecordCounts => ({ windows: 0, exceptions: 0, sites: 0, notes: 0 });
  const adds = zero();
  const updates = zero();
  const removes = zero();
  const next: Settings = { ...current, version: SETTINGS_VERSION };

  for (const kind of KINDS) {
    const mine = current[kind] as AnyRecord[];
    const theirs = backup.settings[kind] as AnyRecord[];
    const byId = new Map(mine.map((r) => [r.id, r]));
    const stamp = <R extends AnyRecord>(r: R): R => ({
      ...r,
      updatedAt: Math.max(now, r.updatedAt),
    });
    if (mode === 'replace') {
      const theirIds = new Set(theirs.map((r) => r.id));
      removes[kind] = mine.filter((r) => !theirIds.has(r.id)).length;
      const result = theirs.map((r) => {
        const here = byId.get(r.id);
        if (!here) {
          adds[kind]++;
          return stamp(r);
        }
        if (contentOf(here) === contentOf(r)) return here;
        updates[kind]++;
        return stamp(r);
      });
      (next as Record<Kind, AnyRecord[]>)[kind] = result;
    } else {
      const things = new Set(mine.map((r) => sameThing(kind, r)).filter((x) => x !== null));
      const result = [...mine];
      for (const r of theirs) {
        const here = byId.get(r.id);
        if (!here) {
          const thing = sameThing(kind, r);
          if (thing !== null && things.has(thing)) continue;
          if (thing !== null) things.add(thing);
          adds[kind]++;
          result.push(stamp(r));
        } else if (contentOf(here) !== contentOf(r) && r.updatedAt > here.updatedAt) {
          updates[kind]++;
          result[result.indexOf(here)] = stamp(r);
        }
      }
      (next as Record<Kind, AnyRecord[]>)[kind] = result;
    }
  }

  const replaces: Singleton[] = [];
  for (const key of ['gentleness', 'headsUp', 'presets'] as const) {
    if (canonical(current[key]) !== canonical(backup.settings[key])) {
      replaces.push(key);
      (next as Record<Singleton, unknown>)[key] = backup.settings[key];
    }
  }

  let photos: BackupPhoto[] = [];
  let removePhotoIds: string[] = [];
  if (backup.photos.included) {
    const items = backup.photos.items;
    if (mode === 'replace') {
      const keep = new Set(items.map((p) => p.id));
      removePhotoIds = currentPhotoIds.filter((id) => !keep.has(id));
      photos = items.filter((p) => !currentPhotoIds.includes(p.id));
    } else {
      photos = items.filter((p) => !currentPhotoIds.includes(p.id));
    }
  }
  return {
    mode,
    settings: next,
    adds,
    updates,
    removes,
    replaces,
    photosAdded: photos.length,
    photosRemoved: removePhotoIds.length,
    photos,
    removePhotoIds,
  };
}

/** Nothing would change: the parent already has all of it. */
export function planIsEmpty(plan: ImportPlan): boolean {
  const none = (c: RecordCounts) => KINDS.every((k) => c[k] === 0);
  return (
    none(plan.adds) &&
    none(plan.updates) &&
    none(plan.removes) &&
    plan.replaces.length === 0 &&
    plan.photosAdded === 0 &&
    plan.photosRemoved === 0
  );
}
