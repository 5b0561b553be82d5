import { useEffect, useState } from 'preact/hooks';
import { listPhotos, type StoredPhoto } from '../utils/browser/photos';

const VISITS_KEY = 'hearth.reminderVisits';
let early: Promise<StoredPhoto | null> | null = null;

/** A different photo on each visit, in the parent's order. */
function pickPhoto(): Promise<StoredPhoto | null> {
  const visit = Number(localStorage.getItem(VISITS_KEY) ?? '0') || 0;
  localStorage.setItem(VISITS_KEY, String(visit + 1));
  return listPhotos()
    .then((photos) => (photos.length > 0 ? (photos[visit % photos.length] ?? null) : null))
    .catch(() => null);
}

/** Starts reading IndexedDB before the first render; the photo is what the page is for. */
export function preloadRotatingPhoto(): void {
  early ??= pickPhoto();
}

/** This visit's photo; `undefined` while loading, `null` when there is none. */
export function useRotatingPhoto(): StoredPhoto | null | undefined {
  const [photo, setPhoto] = useState<StoredPhoto | null | undefined>(undefined);
  useEffect(() => {
    void (early ?? pickPhoto()).then(setPhoto);
    early = null;
  }, []);
  return photo;
}
