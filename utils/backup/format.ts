import type { Settings } from '@/utils/settings/schema';

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

/** How many of each kind of record. */
export type RecordCounts = { windows: number; exceptions: number; sites: number; notes: number };

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
