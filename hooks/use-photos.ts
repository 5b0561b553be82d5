import { useCallback, useEffect, useState } from 'preact/hooks';
import { listPhotos, type StoredPhoto } from '@/utils/browser/photos';
import { isPrivateCopy } from '@/utils/browser/private-copy';
import { loadPrivatePhotos } from '@/utils/browser/private-photos';

/** The stored photos, a way to read them again after a change, and whether they were read yet. */
export function usePhotos(): [StoredPhoto[], () => Promise<void>, boolean] {
  const [photos, setPhotos] = useState<StoredPhoto[]>([]);
  const [read, setRead] = useState(false);
  const refresh = useCallback(async () => {
    setPhotos(await listPhotos());
    setRead(true);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return [photos, refresh, read];
}

/** What pages other than the photo editor need of the photos: how many, and the children's names. */
export type PhotoName = Pick<StoredPhoto, 'id' | 'child'>;

/**
 * The photos by name. In Chrome's private windows the IndexedDB is the
 * private copy's, empty: there the names come from the copies the regular
 * one keeps for the reminder (utils/browser/private-photos.ts).
 */
export function usePhotoNames(): [PhotoName[], boolean] {
  const [photos, setPhotos] = useState<PhotoName[]>([]);
  const [read, setRead] = useState(false);
  useEffect(() => {
    void (isPrivateCopy() ? loadPrivatePhotos() : listPhotos())
      .catch((): PhotoName[] => [])
      .then((found) => {
        setPhotos(found.map(({ id, child }) => ({ id, child })));
        setRead(true);
      });
  }, []);
  return [photos, read];
}
