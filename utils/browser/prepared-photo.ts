import * as v from 'valibot';
import { dataUrl } from './photo-store';
import type { StoredPhoto } from './photos';
import { LOCAL_STORAGE_KEYS } from './storage-keys';

/**
 * The reminder's next photo, made ready in localStorage by the visit before,
 * so the page paints it in its first render instead of waiting for IndexedDB.
 * It stays on this device like every photo; any change to the photos forgets it.
 */
const KEY = LOCAL_STORAGE_KEYS.preparedPhoto;
const VISITS_KEY = LOCAL_STORAGE_KEYS.reminderVisits;
/** Only the small display copy is worth keeping this way (a data: URL is a third larger). */
const MAX_PREPARED_BYTES = 400 * 1024;

const PreparedPhotoSchema = v.object({
  id: v.string(),
  visit: v.number(),
  child: v.string(),
  width: v.number(),
  height: v.number(),
  src: v.pipe(v.string(), v.startsWith('data:image/')),
});

export type PreparedPhoto = v.InferOutput<typeof PreparedPhotoSchema>;

/** The photo prepared for this visit, or `null` (none, another visit's, or unreadable). */
export function readPreparedPhoto(visit: number): PreparedPhoto | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = v.safeParse(PreparedPhotoSchema, JSON.parse(raw));
    return parsed.success && parsed.output.visit === visit ? parsed.output : null;
  } catch {
    return null;
  }
}

/** Readies `photo` for the given visit; quietly does nothing where it cannot. */
export async function preparePhoto(photo: StoredPhoto, visit: number): Promise<void> {
  const blob = photo.display;
  if (!blob || blob.size > MAX_PREPARED_BYTES) return forgetPreparedPhoto();
  try {
    const prepared: PreparedPhoto = {
      id: photo.id,
      visit,
      child: photo.child,
      width: photo.width,
      height: photo.height,
      src: await dataUrl(blob),
    };
    localStorage.setItem(KEY, JSON.stringify(prepared));
  } catch {
    // A full localStorage only costs the next visit a few milliseconds.
    forgetPreparedPhoto();
  }
}

/** Which photo a visit shows: the next one in the parent's order, round and round. */
export const photoForVisit = <P>(photos: readonly P[], visit: number): P | null =>
  photos.length > 0 ? (photos[visit % photos.length] ?? null) : null;

/** The number the next reminder visit will have. */
export function upcomingVisit(): number {
  return Number(localStorage.getItem(VISITS_KEY) ?? '0') || 0;
}

/** Counts a reminder visit (each shows the next photo) and returns its number. */
export function takeVisit(): number {
  const visit = upcomingVisit();
  localStorage.setItem(VISITS_KEY, String(visit + 1));
  return visit;
}

/**
 * After the photos changed, the page that changed them readies the photo the
 * next visit shows, so that visit too paints it at once instead of waiting
 * for IndexedDB. Quietly nothing where it cannot (no localStorage, no photo).
 */
export async function prepareUpcomingVisit(photos: readonly StoredPhoto[]): Promise<void> {
  try {
    const visit = upcomingVisit();
    const photo = photoForVisit(photos, visit);
    if (photo) await preparePhoto(photo, visit);
  } catch {
    // Only costs the next visit the IndexedDB read.
  }
}

export function forgetPreparedPhoto(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // No localStorage here (a worker): nothing was prepared in it either.
  }
}
