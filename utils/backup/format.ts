import * as v from 'valibot';
import { MIGRATIONS, type Migration, migrate } from '@/utils/settings/migrations';
import { SETTINGS_VERSION, type Settings, SettingsSchema } from '@/utils/settings/schema';
import { parseSite } from '@/utils/sites/parse';
import { canonical } from '@/utils/sync/records';

/**
 * The backup file: everything in settings (and optionally the photos) as one
 * versioned JSON document that moves between browsers, Chrome to Firefox and
 * back. Field by field in docs/backup-format.md, with a JSON Schema beside it.
 * Pure: the options page reads the file and writes what the parent confirms.
 *
 * Import is strict where storage is forgiving: a file that is not exactly a
 * Hearth backup changes nothing and says why, specifically. Older files come
 * up through the same numbered migrations as stored settings.
 */

export const BACKUP_FORMAT = 'hearth-backup';
export const BACKUP_VERSION = 1;
/** Larger files are refused before they are read. Twenty photos fit many times over. */
export const MAX_BACKUP_BYTES = 40 * 1024 * 1024;
export const MAX_PHOTOS = 60;
/** Base64 characters of one photo (stored photos aim at 400 KB; this leaves room). */
export const MAX_PHOTO_CHARS = 4 * 1024 * 1024;
export const BACKUP_LIMITS = {
  windows: 200,
  exceptions: 1000,
  sites: 10_000,
  notes: 2000,
} as const;

export const PHOTO_TYPES = ['image/webp', 'image/jpeg', 'image/png'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

export interface BackupPhoto {
  id: string;
  child: string;
  order: number;
  addedAt: number;
  width: number;
  height: number;
  type: PhotoType;
  /** The image bytes, base64. */
  data: string;
}

export type BackupPhotos = { included: false } | { included: true; items: BackupPhoto[] };

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  app: string;
  settings: Settings;
  photos: BackupPhotos;
}

export function buildBackup(
  settings: Settings,
  photos: BackupPhoto[] | null,
  { now, app }: { now: Date; app: string },
): Backup {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    app,
    settings,
    photos: photos ? { included: true, items: photos } : { included: false },
  };
}

/** `hearth-backup-2025-06-02.json`, by the local date. */
export function backupFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `hearth-backup-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

// ---- validation --------------------------------------------------------------

/** Where in the file a problem is, in the parent's words. */
export type BackupPlace = 'window' | 'exception' | 'site' | 'note' | 'photo' | 'settings' | 'file';

export type BackupError =
  | { code: 'empty' }
  | { code: 'too-big'; bytes: number }
  | { code: 'not-json' }
  | { code: 'truncated' }
  | { code: 'not-backup' }
  | { code: 'newer-version' }
  | { code: 'damaged'; place: BackupPlace }
  | { code: 'too-many'; place: BackupPlace }
  | { code: 'duplicate'; place: BackupPlace }
  | { code: 'hostile'; place: BackupPlace; text: string }
  | { code: 'bad-site'; text: string }
  | { code: 'bad-photo' };

export type BackupParse = { ok: true; backup: Backup } | { ok: false; error: BackupError };

/** Checked before reading: a 100 MB file is refused without loading it. */
export function checkBackupSize(bytes: number): BackupError | null {
  if (bytes === 0) return { code: 'empty' };
  if (bytes > MAX_BACKUP_BYTES) return { code: 'too-big', bytes };
  return null;
}

/**
 * Markup and script where a name or a note should be: tags, comments,
 * script URLs, and the invisible characters that reorder or hide text.
 * "<3" and "a < b" are fine; "<b>hi</b>" and "<img onerror=…>" are not.
 */
const MARKUP =
  /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|<!--|<!doctype|<\s*(?:script|iframe|img|svg|object|embed|style|link|meta|form|body|html|base|math)\b|(?:java|vb)script\s*:|data\s*:\s*text\/html/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

export function isHostile(text: string): boolean {
  return MARKUP.test(text) || HIDDEN.test(text);
}

const PLACE_BY_KEY: Record<string, BackupPlace> = {
  windows: 'window',
  exceptions: 'exception',
  sites: 'site',
  notes: 'note',
  photos: 'photo',
  items: 'photo',
};

function placeOf(path: readonly (string | number)[]): BackupPlace {
  for (let i = path.length - 1; i >= 0; i--) {
    const place = PLACE_BY_KEY[String(path[i])];
    if (place) return place;
  }
  return path[0] === 'settings' ? 'settings' : 'file';
}

/** The first hostile string anywhere in the file (keys too), with where it sits. */
function findHostile(value: unknown, path: (string | number)[] = []): BackupError | null {
  if (typeof value === 'string') {
    return isHostile(value)
      ? { code: 'hostile', place: placeOf(path), text: value.slice(0, 80) }
      : null;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findHostile(item, [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (isHostile(key)) return { code: 'hostile', place: placeOf(path), text: key.slice(0, 80) };
      // Photo data is base64 (checked below); no need to scan megabytes of it.
      if (key === 'data' && path.includes('photos')) continue;
      const found = findHostile(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** Is the text a JSON document cut short (still inside a string, or brackets left open)? */
function looksTruncated(text: string): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let sawBracket = false;
  for (const c of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      depth++;
      sawBracket = true;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth < 0) return false;
    }
  }
  return sawBracket && (depth > 0 || inString);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const PhotoSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  child: v.pipe(v.string(), v.maxLength(80)),
  order: v.pipe(v.number(), v.integer(), v.minValue(0)),
  addedAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
  width: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)),
  height: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)),
  type: v.picklist(PHOTO_TYPES),
  data: v.pipe(v.string(), v.minLength(8), v.maxLength(MAX_PHOTO_CHARS), v.regex(BASE64)),
});

export const BackupSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  exportedAt: v.pipe(v.string(), v.isoTimestamp()),
  app: v.optional(v.pipe(v.string(), v.maxLength(80)), ''),
  settings: SettingsSchema,
  photos: v.variant('included', [
    v.object({ included: v.literal(false) }),
    v.object({ included: v.literal(true), items: v.array(PhotoSchema) }),
  ]),
});

/** The first bytes of each image type we accept: a photo must be what it claims. */
function photoBytesMatch(type: PhotoType, base64: string): boolean {
  let head: string;
  try {
    head = atob(base64.slice(0, 16));
  } catch {
    return false;
  }
  const bytes = [...head].map((c) => c.charCodeAt(0));
  const starts = (...b: number[]) => b.every((x, i) => bytes[i] === x);
  if (type === 'image/jpeg') return starts(0xff, 0xd8, 0xff);
  if (type === 'image/png') return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
  return head.slice(0, 4) === 'RIFF' && head.slice(8, 12) === 'WEBP';
}

export interface ParseOptions {
  /** For tests: the migrations and the version they lead to (default: storage's). */
  migrations?: Record<number, Migration>;
  target?: number;
}

/** Reads a backup file's text; never throws. */
export function parseBackup(text: string, options: ParseOptions = {}): BackupParse {
  const fail = (error: BackupError): BackupParse => ({ ok: false, error });
  const target = options.target ?? SETTINGS_VERSION;
  const size = checkBackupSize(text.length);
  if (size) return fail(size);
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return fail({ code: 'empty' });

  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return fail({ code: looksTruncated(body) ? 'truncated' : 'not-json' });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail({ code: 'not-backup' });
  const file = raw as Record<string, unknown>;
  if (file.format !== BACKUP_FORMAT) return fail({ code: 'not-backup' });
  if (typeof file.version !== 'number' || !Number.isInteger(file.version) || file.version < 1) {
    return fail({ code: 'damaged', place: 'file' });
  }
  if (file.version > BACKUP_VERSION) return fail({ code: 'newer-version' });

  const settings = file.settings;
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    return fail({ code: 'damaged', place: 'settings' });
  }
  const settingsVersion = (settings as Record<string, unknown>).version;
  if (
    typeof settingsVersion !== 'number' ||
    !Number.isInteger(settingsVersion) ||
    settingsVersion < 0
  ) {
    return fail({ code: 'damaged', place: 'settings' });
  }
  if (settingsVersion > target) return fail({ code: 'newer-version' });

  const hostile = findHostile(raw);
  if (hostile) return fail(hostile);

  let migrated: unknown;
  try {
    migrated = migrate(settings, target, options.migrations ?? MIGRATIONS);
  } catch {
    return fail({ code: 'damaged', place: 'settings' });
  }

  const s = migrated as Record<string, unknown>;
  for (const key of ['windows', 'exceptions', 'sites', 'notes'] as const) {
    if (Array.isArray(s[key]) && (s[key] as unknown[]).length > BACKUP_LIMITS[key]) {
      return fail({ code: 'too-many', place: placeOf([key]) });
    }
  }
  const photos = file.photos as { items?: unknown } | undefined;
  if (Array.isArray(photos?.items) && photos.items.length > MAX_PHOTOS) {
    return fail({ code: 'too-many', place: 'photo' });
  }

  const parsed = v.safeParse(BackupSchema, { ...file, settings: migrated });
  if (!parsed.success) {
    const path = (v.getDotPath(parsed.issues[0]) ?? '').split('.');
    if (path[0] === 'photos' && path.includes('data')) return fail({ code: 'bad-photo' });
    return fail({ code: 'damaged', place: placeOf(path) });
  }
  const out = parsed.output;

  for (const key of ['windows', 'exceptions', 'sites', 'notes'] as const) {
    const ids = out.settings[key].map((r) => r.id);
    if (new Set(ids).size !== ids.length) return fail({ code: 'duplicate', place: placeOf([key]) });
  }
  const sites: Settings['sites'] = [];
  for (const site of out.settings.sites) {
    const parsedSite = parseSite(site.pattern);
    if (!parsedSite.ok) return fail({ code: 'bad-site', text: site.pattern.slice(0, 80) });
    sites.push({ ...site, pattern: parsedSite.text });
  }
  if (out.photos.included) {
    const ids = out.photos.items.map((p) => p.id);
    if (new Set(ids).size !== ids.length) return fail({ code: 'duplicate', place: 'photo' });
    if (!out.photos.items.every((p) => photoBytesMatch(p.type, p.data)))
      return fail({ code: 'bad-photo' });
  }

  return {
    ok: true,
    backup: {
      format: BACKUP_FORMAT,
      version: out.version,
      exportedAt: out.exportedAt,
      app: out.app,
      settings: { ...out.settings, version: SETTINGS_VERSION, sites },
      photos: out.photos,
    },
  };
}

// ---- what an import would change ---------------------------------------------

export type ImportMode = 'merge' | 'replace';
export type RecordCounts = { windows: number; exceptions: number; sites: number; notes: number };
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

/** How many of each thing the file holds. */
export function backupCounts(backup: Backup): RecordCounts & { photos: number } {
  return {
    windows: backup.settings.windows.length,
    exceptions: backup.settings.exceptions.length,
    sites: backup.settings.sites.length,
    notes: backup.settings.notes.length,
    photos: backup.photos.included ? backup.photos.items.length : 0,
  };
}
