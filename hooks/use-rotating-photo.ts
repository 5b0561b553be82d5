import { useLayoutEffect, useState } from 'preact/hooks';
import type { FramedPhoto } from '@/components/PhotoFrame';
import type { StoredPhoto } from '@/utils/browser/photos';
import {
  photoForVisit,
  preparePhoto,
  readPreparedPhoto,
  takeVisit,
} from '@/utils/browser/prepared-photo';
import { photosHere } from '@/utils/browser/private-photos';

let early: Promise<FramedPhoto | null> | null = null;
/** What the first render can show at once: the prepared photo, or the preloaded answer. */
let settled: FramedPhoto | null | undefined;

/** A stored photo, or (in Chrome's private windows) the regular copy's display copy of one. */
type ReminderPhoto = FramedPhoto & { id: string };

/** In Chrome's private windows, the copies the regular one keeps (`photosHere`). */
const reminderPhotos = (): Promise<ReminderPhoto[]> => photosHere();

const isStored = (photo: ReminderPhoto): photo is StoredPhoto => 'blob' in photo;

/** Once the page is idle: make the next visit's photo ready to paint at once. */
function prepareNext(photos: ReminderPhoto[], visit: number): void {
  const next = photoForVisit(photos, visit + 1);
  // A private window's copy is already a ready URL in storage.local: nothing to prepare.
  if (!next || !isStored(next)) return;
  const later = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
  later(() => void preparePhoto(next, visit + 1), { timeout: 1000 });
}

/**
 * Starts before the first render: the photo prepared by the last visit shows
 * straight away, and IndexedDB, read meanwhile, has the last word.
 */
export function preloadRotatingPhoto(): void {
  if (early) return;
  const visit = takeVisit();
  const prepared = readPreparedPhoto(visit);
  settled = prepared ?? undefined;
  early = reminderPhotos()
    .catch((): ReminderPhoto[] => [])
    .then((photos) => {
      const photo = photoForVisit(photos, visit);
      prepareNext(photos, visit);
      // The same object when nothing changed, so the page does not render it twice.
      settled = prepared && photo?.id === prepared.id ? prepared : photo;
      return settled;
    });
}

/** This visit's photo; `undefined` while loading, `null` when there is none. */
export function useRotatingPhoto(): FramedPhoto | null | undefined {
  const [photo, setPhoto] = useState<FramedPhoto | null | undefined>(settled);
  // A layout effect, not a plain one: Preact runs those before the next frame, not after it.
  useLayoutEffect(() => {
    preloadRotatingPhoto();
    void early?.then(setPhoto);
  }, []);
  return photo;
}
