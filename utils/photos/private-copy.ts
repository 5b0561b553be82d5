import * as v from 'valibot';

/**
 * Chrome's private copy of Hearth ("incognito": "split") has an IndexedDB of
 * its own, empty, so the regular copy keeps the reminder's display copies of
 * the photos in storage.local for it: local to this device like every photo,
 * never storage.sync. storage.local holds 10 MB in Chrome (Hearth does not
 * ask for unlimitedStorage), shared with settings, the sync ledger and the
 * rest, so the photos get a fixed part of it.
 */

/** What the photos may take in storage.local, as stored (data: URLs, so about 4/3 of the bytes). */
export const PRIVATE_PHOTOS_BUDGET = 3 * 1024 * 1024;
/** A display copy larger than this is left out (the reminder's copies are far smaller, see sizes.ts). */
export const PRIVATE_PHOTO_MAX = 600 * 1024;

const PrivatePhotoSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  child: v.pipe(v.string(), v.maxLength(80)),
  width: v.pipe(v.number(), v.integer(), v.minValue(1)),
  height: v.pipe(v.number(), v.integer(), v.minValue(1)),
  src: v.pipe(v.string(), v.startsWith('data:image/'), v.maxLength(PRIVATE_PHOTO_MAX)),
});
export type PrivatePhoto = v.InferOutput<typeof PrivatePhotoSchema>;

/** What is stored: the photos in the reminder's order, and what they were made from. */
export const PrivatePhotosSchema = v.object({
  /** The photos' ids, order and names when this copy was made: no need to make it again while they match. */
  made: v.string(),
  photos: v.array(PrivatePhotoSchema),
});
export type PrivatePhotos = v.InferOutput<typeof PrivatePhotosSchema>;

/** What the stored copy is made from, enough to tell when it is stale. */
export interface PhotoSummary {
  id: string;
  child: string;
  /** The display copy's size in bytes, or `null` when the photo has none (the full photo is not copied). */
  displayBytes: number | null;
}

/** Names what the copy is made from; equal when nothing the reminder shows has changed. */
export const madeFrom = (photos: readonly PhotoSummary[]): string =>
  JSON.stringify(photos.map((p) => [p.id, p.child, p.displayBytes]));

/** A data: URL's length for a blob of `bytes` (base64, plus a short header). */
export const dataUrlLength = (bytes: number): number => Math.ceil(bytes / 3) * 4 + 32;

/**
 * Pure: which photos, in the reminder's order, go into the copy. Each one
 * that fits is taken; one that would pass the budget is left out, so the
 * first photos (the ones the parent put first) are always there.
 */
export function choosePrivatePhotos(photos: readonly PhotoSummary[]): string[] {
  const chosen: string[] = [];
  let used = 0;
  for (const photo of photos) {
    if (photo.displayBytes === null) continue;
    const size = dataUrlLength(photo.displayBytes);
    if (size > PRIVATE_PHOTO_MAX || used + size > PRIVATE_PHOTOS_BUDGET) continue;
    chosen.push(photo.id);
    used += size;
  }
  return chosen;
}

/** The stored copy, read at the boundary: photos that are not what was written are left out, one by one. */
export function readPrivatePhotos(raw: unknown): PrivatePhoto[] {
  if (
    typeof raw !== 'object' ||
    raw === null ||
    !Array.isArray((raw as { photos?: unknown }).photos)
  )
    return [];
  const out: PrivatePhoto[] = [];
  for (const item of (raw as { photos: unknown[] }).photos) {
    const parsed = v.safeParse(PrivatePhotoSchema, item);
    if (parsed.success) out.push(parsed.output);
  }
  return out;
}

/** The `made` mark of a stored copy, or `null` when there is none readable. */
export function madeMark(raw: unknown): string | null {
  const parsed = v.safeParse(v.object({ made: v.string() }), raw);
  return parsed.success ? parsed.output.made : null;
}
