import { useCallback, useEffect, useState } from 'preact/hooks';
import { listPhotos, type StoredPhoto } from '@/utils/browser/photos';
import { type PhotoName, photoNames } from '@/utils/browser/private-photos';

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

/** The photos by name (utils/browser/private-photos.ts `photoNames`). */
export function usePhotoNames(): PhotoName[] {
  const [photos, setPhotos] = useState<PhotoName[]>([]);
  useEffect(() => void photoNames().then(setPhotos), []);
  return photos;
}
