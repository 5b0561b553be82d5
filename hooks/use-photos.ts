import { useCallback, useEffect, useState } from 'preact/hooks';
import { listPhotos, type StoredPhoto } from '@/utils/browser/photos';

/** The stored photos and a way to read them again after a change. */
export function usePhotos(): [StoredPhoto[], () => Promise<void>] {
  const [photos, setPhotos] = useState<StoredPhoto[]>([]);
  const refresh = useCallback(async () => setPhotos(await listPhotos()), []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return [photos, refresh];
}
