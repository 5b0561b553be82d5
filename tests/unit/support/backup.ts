import type { Backup, BackupPhoto } from '@/utils/backup/format';
import { buildBackup } from '@/utils/backup/format';
import { type BackupError, parseBackup } from '@/utils/backup/parse';
import { defaultSettings, type Note, type Settings } from '@/utils/settings/schema';
import { weekly } from './settings';

/** A parent's settings and photos as a backup, and ways to break one: shared by the backup tests. */
export const T0 = Date.UTC(2025, 5, 2, 17, 0);

// 1×1 images, as the browsers encode them.
export const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
export const WEBP = 'UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA';

export function note(id: string, text: string, extra: Partial<Note> = {}): Note {
  return {
    id,
    text,
    kind: 'standing',
    date: null,
    child: 'Mia',
    createdAt: T0,
    updatedAt: T0,
    ...extra,
  };
}

export function parentSettings(): Settings {
  return {
    ...defaultSettings(),
    windows: [
      weekly([1, 2, 3, 4, 5], '18:00', 150, {
        id: 'evenings',
        label: 'Dinner & bath',
        updatedAt: T0,
      }),
    ],
    exceptions: [
      { id: 'holiday', kind: 'skip', from: '2025-08-01', to: '2025-08-14', updatedAt: T0 },
    ],
    sites: [
      { id: 's1', pattern: 'mail.example.com', list: 'block', updatedAt: T0 },
      { id: 's2', pattern: 'wiki.example.com/family', list: 'allow', updatedAt: T0 },
    ],
    notes: [note('n1', 'Recital on Friday <3 — and "a < b" is fine')],
    gentleness: { ...defaultSettings().gentleness, waitSeconds: 45 },
  };
}

export const photo = (
  id: string,
  data = WEBP,
  type: BackupPhoto['type'] = 'image/webp',
): BackupPhoto => ({
  id,
  child: 'Mia',
  order: 0,
  addedAt: T0,
  width: 1,
  height: 1,
  type,
  data,
});

export function good(photos: BackupPhoto[] | null = null): Backup {
  return buildBackup(parentSettings(), photos, { now: new Date(T0), app: 'Hearth 0.1.0' });
}

/** A good backup as text, changed by `edit` (which may break it). */
export function fileWith(
  edit: (file: Record<string, unknown> & { settings: Record<string, unknown> }) => void,
): string {
  const file = JSON.parse(JSON.stringify(good([photo('p1')])));
  edit(file);
  return JSON.stringify(file);
}

export const fails = (text: string): BackupError => {
  const parsed = parseBackup(text);
  if (parsed.ok) throw new Error('expected the file to be refused');
  return parsed.error;
};
