import { useEffect, useState } from 'preact/hooks';
import { listPhotos, type StoredPhoto } from '../utils/browser/photos';

const VISITS_KEY = 'hearth.reminderVisits';

/** A different photo on each visit, in the parent's order; `undefined` while loading. */
export function useRotatingPhoto(): StoredPhoto | null | undefined {
  const [photo, setPhoto] = useState<StoredPhoto | null | undefined>(undefined);
  useEffect(() => {
    const visit = Number(localStorage.getItem(VISITS_KEY) ?? '0') || 0;
    localStorage.setItem(VISITS_KEY, String(visit + 1));
    void listPhotos()
      .then((photos) =>
        setPhoto(photos.length > 0 ? (photos[visit % photos.length] ?? null) : null),
      )
      .catch(() => setPhoto(null));
  }, []);
  return photo;
}
