import { del, delMany, get, set, setMany } from 'idb-keyval';
import { decodeError, type PhotoError, precheckPhoto } from '@/utils/photos/sizes';
import { type EncodedPhoto, encodePhoto } from './photo-encode';
import { listPhotos, type StoredPhoto, store } from './photo-store';
import { forgetPreparedPhoto, prepareUpcomingVisit } from './prepared-photo';
import { refreshPrivatePhotos } from './private-photos';

export { listPhotos, type StoredPhoto } from './photo-store';

/**
 * Every change to the photos goes through here: the reminder's prepared one
 * may be stale now (it is forgotten at once, then made again from the photos
 * as they now are), and so may the private windows' copy. Both are awaited,
 * so the page shows a change only once a removed photo is gone everywhere; a
 * page closed in between leaves the copy to the background's next start.
 */
async function changed<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } finally {
    forgetPreparedPhoto();
    const photos = await listPhotos().catch((): StoredPhoto[] => []);
    await Promise.all([
      prepareUpcomingVisit(photos),
      refreshPrivatePhotos(photos).catch((error) =>
        console.error('Hearth: could not refresh the private windows’ photos', error),
      ),
    ]);
  }
}

type WorkerAnswer = { ok: true; photo: EncodedPhoto } | { ok: false; message: string };

function encodeInWorker(file: Blob): Promise<EncodedPhoto> {
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined')
    return encodePhoto(file);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./photo-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<WorkerAnswer>) => {
      worker.terminate();
      if (event.data.ok) resolve(event.data.photo);
      else reject(new Error(event.data.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      // The worker itself failed to start: do the work here instead.
      event.preventDefault();
      encodePhoto(file).then(resolve, reject);
    };
    worker.postMessage(file);
  });
}

/**
 * The one way a picture becomes a stored photo, from the picker or a backup
 * file alike: checked, decoded, resized and re-encoded, so a file that is not
 * what it claims, or decodes to something enormous, is refused the same way.
 */
export async function preparePhoto(
  file: File,
): Promise<{ ok: true; encoded: EncodedPhoto } | { ok: false; error: PhotoError }> {
  const early = precheckPhoto(file);
  if (early) return { ok: false, error: early };
  try {
    return { ok: true, encoded: await encodeInWorker(file) };
  } catch {
    return { ok: false, error: decodeError(file) };
  }
}

/** Checks, decodes, resizes, re-encodes and stores one photo; a bad file stores nothing. */
export async function importPhoto(
  file: File,
  child: string,
): Promise<{ ok: true; photo: StoredPhoto } | { ok: false; error: PhotoError }> {
  const prepared = await preparePhoto(file);
  if (!prepared.ok) return prepared;
  const { encoded } = prepared;
  const existing = await listPhotos();
  const photo: StoredPhoto = {
    id: crypto.randomUUID(),
    ...encoded,
    child: child.trim().slice(0, 80),
    order: existing.reduce((max, p) => Math.max(max, p.order), -1) + 1,
    addedAt: Date.now(),
  };
  try {
    await changed(set(photo.id, photo, store()));
  } catch {
    return { ok: false, error: 'storage' };
  }
  return { ok: true, photo };
}

export async function removePhoto(id: string): Promise<void> {
  await changed(del(id, store()));
}

export async function updatePhoto(
  id: string,
  change: Partial<Pick<StoredPhoto, 'child' | 'order'>>,
): Promise<void> {
  const photo = await get<StoredPhoto>(id, store());
  if (photo) await changed(set(id, { ...photo, ...change }, store()));
}

/** Moves a photo one place earlier or later: the order the reminder rotates through. */
export async function movePhoto(id: string, direction: -1 | 1): Promise<void> {
  const photos = await listPhotos();
  const from = photos.findIndex((p) => p.id === id);
  const to = from + direction;
  if (from === -1 || to < 0 || to >= photos.length) return;
  const [moved] = photos.splice(from, 1);
  if (moved) photos.splice(to, 0, moved);
  await Promise.all(
    photos.map((p, order) => (p.order === order ? null : updatePhoto(p.id, { order }))),
  );
}

/** Stores photos as they are (already through `preparePhoto`), e.g. from a backup file; ids are kept. */
export async function putPhotos(photos: StoredPhoto[]): Promise<void> {
  await changed(
    setMany(
      photos.map((p) => [p.id, p]),
      store(),
    ),
  );
}

export async function removePhotos(ids: string[]): Promise<void> {
  await changed(delMany(ids, store()));
}
