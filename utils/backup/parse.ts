import * as v from 'valibot';
import { MIGRATIONS, type Migration, migrate } from '@/utils/settings/migrations';
import { SETTINGS_VERSION, type Settings, SettingsSchema } from '@/utils/settings/schema';
import { parseSite } from '@/utils/sites/parse';

import {
  BACKUP_FORMAT,
  BACKUP_LIMITS,
  BACKUP_VERSION,
  type Backup,
  MAX_BACKUP_BYTES,
  MAX_PHOTO_CHARS,
  MAX_PHOTOS,
  PHOTO_TYPES,
  type PhotoType,
} from './format';

/**
 * Reading a backup file: strict where storage is forgiving. A file that is not
 * exactly a Hearth backup changes nothing and says why, specifically.
 */

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
  | { code: 'bad-photo' }
  /** Nested deeper than any Hearth backup is (a hostile or broken file). */
  | { code: 'too-deep' };

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

/** A Hearth backup is a few levels deep; anything far deeper is refused before it is walked. */
export const MAX_BACKUP_DEPTH = 32;

/**
 * The first hostile string anywhere in the file (keys too), with where it
 * sits. An explicit stack, never recursion: a file nested 200,000 levels deep
 * cannot overflow the page's stack (it is refused as too deep instead).
 */
function findHostile(root: unknown): BackupError | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (isHostile(value))
        return { code: 'hostile', place: placeOf(path), text: value.slice(0, 80) };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= MAX_BACKUP_DEPTH) return { code: 'too-deep' };
    if (Array.isArray(value)) {
      // Pushed in reverse so the first item is looked at first.
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], path: [...path, i] });
      continue;
    }
    const items = Object.entries(value);
    for (const [key] of items) {
      if (isHostile(key)) return { code: 'hostile', place: placeOf(path), text: key.slice(0, 80) };
    }
    for (let i = items.length - 1; i >= 0; i--) {
      const [key, item] = items[i] as [string, unknown];
      // Photo data is base64 (checked below); no need to scan megabytes of it.
      if (key === 'data' && path.includes('photos')) continue;
      stack.push({ value: item, path: [...path, key] });
    }
  }
  return null;
}

/** How deep the value nests (stopping once past `limit`), without recursion. */
export function depthOf(root: unknown, limit = MAX_BACKUP_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[root, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [value, depth] = next;
    if (typeof value !== 'object' || value === null) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const item of Object.values(value)) stack.push([item, depth + 1]);
  }
  return deepest;
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
  // Before anything walks it (migrations, the schema, the hostile scan).
  if (depthOf(raw) > MAX_BACKUP_DEPTH) return fail({ code: 'too-deep' });
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
