import { browser } from 'wxt/browser';
import {
  choosePrivatePhotos,
  madeFrom,
  madeMark,
  type PhotoSummary,
  type PrivatePhoto,
  type PrivatePhotos,
  readPrivatePhotos,
} from '@/utils/photos/private-copy';
import { dataUrl, listPhotos, type StoredPhoto } from './photo-store';
import { isPrivateCopy, splitBuild } from './private-copy';
import { KEYS } from './storage-keys';

const KEY = KEYS.privatePhotos;
const MADE_KEY = KEYS.privatePhotosMade;

async function incognitoAllowed(): Promise<boolean> {
  try {
    return await browser.extension.isAllowedIncognitoAccess();
  } catch {
    return false;
  }
}

/**
 * The regular copy keeps the private windows' photos (utils/photos/private-copy.ts)
 * in step with IndexedDB: made again only when the photos changed, removed when
 * there are none or Hearth is not allowed in private windows (Chrome restarts
 * the extension when that switch changes, and the background calls this at start).
 * `known` is the photos as a change just left them, so they are not read twice.
 */
export async function refreshPrivatePhotos(known?: readonly StoredPhoto[]): Promise<void> {
  if (!splitBuild() || isPrivateCopy()) return;
  if (!(await incognitoAllowed())) {
    await browser.storage.local.remove([KEY, MADE_KEY]);
    return;
  }
  const photos = known ?? (await listPhotos());
  const summaries: PhotoSummary[] = photos.map((p) => ({
    id: p.id,
    child: p.child,
    displayBytes: p.display ? p.display.size : null,
  }));
  const made = madeFrom(summaries);
  // Every start asks this: the mark is read, not the copies (up to 3 MB).
  const { [MADE_KEY]: mark } = await browser.storage.local.get(MADE_KEY);
  if (madeMark(mark) === made) return;
  const chosen = new Set(choosePrivatePhotos(summaries));
  const copies: PrivatePhoto[] = [];
  for (const photo of photos) {
    if (!chosen.has(photo.id) || !photo.display) continue;
    copies.push({
      id: photo.id,
      child: photo.child,
      width: photo.width,
      height: photo.height,
      src: await dataUrl(photo.display),
    });
  }
  if (copies.length === 0) {
    await browser.storage.local.remove(KEY);
    await browser.storage.local.set({ [MADE_KEY]: { made } });
    return;
  }
  const value: PrivatePhotos = { made, photos: copies };
  // The copies first, the mark after: a start cut off in between makes them again.
  await browser.storage.local.set({ [KEY]: value });
  await browser.storage.local.set({ [MADE_KEY]: { made } });
}

/** What pages other than the photo editor need of a photo: which one, and the child's name. */
export type PhotoName = Pick<PrivatePhoto, 'id' | 'child'>;

/**
 * The photos wherever this copy of Hearth keeps them: in Chrome's private
 * windows the IndexedDB is the private copy's, empty, so there they are the
 * copies the regular one keeps for the reminder.
 */
export function photosHere(): Promise<(StoredPhoto | PrivatePhoto)[]> {
  return isPrivateCopy() ? loadPrivatePhotos() : listPhotos();
}

/** The photos by name (`photosHere`); none when they cannot be read. */
export async function photoNames(): Promise<PhotoName[]> {
  const found = await photosHere().catch((): PhotoName[] => []);
  return found.map(({ id, child }) => ({ id, child }));
}

/** The photos a reminder in a private window can show, in the parent's order. */
export async function loadPrivatePhotos(): Promise<PrivatePhoto[]> {
  const { [KEY]: raw } = await browser.storage.local.get(KEY);
  return readPrivatePhotos(raw);
}
