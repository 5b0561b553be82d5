import { browser } from 'wxt/browser';
import {
  type BackupPhoto,
  backupFileName,
  buildBackup,
  PHOTO_TYPES,
  type PhotoType,
} from '@/utils/backup/format';
import type { ImportPlan } from '@/utils/backup/import-plan';
import { type BackupParse, checkBackupSize, parseBackup } from '@/utils/backup/parse';
import type { SaveSettingsAnswer } from '@/utils/messages';
import type { PhotoError } from '@/utils/photos/sizes';
import type { Settings } from '@/utils/settings/schema';
import { send } from './messaging';
import type { EncodedPhoto } from './photo-encode';
import { listPhotos, preparePhoto, putPhotos, removePhotos, type StoredPhoto } from './photos';
import { loadSettings } from './storage';

/** The backup file on the page side: reads storage and IndexedDB, writes only what the parent confirmed. */

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(data: string, type: string): Blob {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

const photoType = (blob: Blob): PhotoType =>
  (PHOTO_TYPES as readonly string[]).includes(blob.type) ? (blob.type as PhotoType) : 'image/jpeg';

async function backupPhotos(): Promise<BackupPhoto[]> {
  const photos = await listPhotos();
  return Promise.all(
    photos.map(async (p) => ({
      id: p.id,
      child: p.child,
      order: p.order,
      addedAt: p.addedAt,
      width: p.width,
      height: p.height,
      type: photoType(p.blob),
      data: await toBase64(p.blob),
    })),
  );
}

/** The backup as a file to download: settings as stored, photos only when asked for. */
export async function exportBackup({
  includePhotos,
  now = new Date(),
}: {
  includePhotos: boolean;
  now?: Date;
}): Promise<{ blob: Blob; name: string }> {
  const [{ settings }, photos] = await Promise.all([
    loadSettings(),
    includePhotos ? backupPhotos() : Promise.resolve(null),
  ]);
  const app = `Hearth ${browser.runtime.getManifest().version}`;
  const backup = buildBackup(settings, photos, { now, app });
  const blob = new Blob([`${JSON.stringify(backup, null, 2)}\n`], { type: 'application/json' });
  return { blob, name: backupFileName(now) };
}

/** Reads a chosen file; a file too big is refused before a byte of it is read. */
export async function readBackupFile(file: Blob): Promise<BackupParse> {
  const size = checkBackupSize(file.size);
  if (size) return { ok: false, error: size };
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, error: { code: 'not-json' } };
  }
  return parseBackup(text);
}

/** The ids of the photos on this device (for the preview). */
export async function photoIds(): Promise<string[]> {
  return (await listPhotos()).map((p) => p.id);
}

export type ImportOutcome =
  | { ok: true }
  /** A photo in the file was refused (`index` in the file's order): nothing was written. */
  | { ok: false; error: PhotoError; index: number }
  /** The background did not take the settings (a loosening that needs its friction, unreadable-and-newer): nothing was written. */
  | { ok: false; settings: Exclude<SaveSettingsAnswer, { ok: true }> };

/**
 * Writes what the parent confirmed: every photo first goes through the same
 * decode/resize/re-encode as one from the picker (a refused one writes
 * nothing at all), then settings (sync carries them on), then photos.
 * Settings go through the background like every settings write
 * (settings-writes.ts): `base` is what the plan was made from, so an edit
 * that arrived meanwhile is kept; a loosening during family time asks for
 * its friction (`reason`) and is recorded.
 */
export async function applyImport(
  plan: ImportPlan,
  { base, reason }: { base: Settings; reason?: string },
): Promise<ImportOutcome> {
  const sorted = [...plan.photos].sort((a, b) => a.order - b.order);
  const prepared: EncodedPhoto[] = [];
  for (const [index, p] of sorted.entries()) {
    const file = new File([fromBase64(p.data, p.type)], `${p.id}`, { type: p.type });
    const result = await preparePhoto(file);
    if (!result.ok) return { ok: false, error: result.error, index };
    prepared.push(result.encoded);
  }
  // The parent's explicit way back: an import may replace settings that could not be read.
  const saved = await send({
    type: 'saveSettings',
    base,
    next: plan.settings,
    reason,
    via: 'import',
  });
  if (!saved.ok) return { ok: false, settings: saved };
  if (plan.removePhotoIds.length > 0) await removePhotos(plan.removePhotoIds);
  if (sorted.length === 0) return { ok: true };
  const existing = await listPhotos();
  let order =
    plan.mode === 'merge' ? existing.reduce((max, p) => Math.max(max, p.order), -1) + 1 : 0;
  const stored: StoredPhoto[] = sorted.map((p, i) => ({
    id: p.id,
    ...(prepared[i] as EncodedPhoto),
    child: p.child,
    order: plan.mode === 'merge' ? order++ : p.order,
    addedAt: p.addedAt,
  }));
  await putPhotos(stored);
  return { ok: true };
}
