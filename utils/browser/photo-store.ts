import { createStore, entries } from 'idb-keyval';

/** A photo as kept on this device only (IndexedDB); it never goes to sync or any server. */
export interface StoredPhoto {
  id: string;
  blob: Blob;
  /** A smaller copy for the reminder; photos from backups or older versions may lack it. */
  display?: Blob;
  width: number;
  height: number;
  child: string;
  order: number;
  addedAt: number;
}

/** The photos' IndexedDB store (reading only needs this, not photos.ts's encoder). */
export const store = () => createStore('hearth-photos', 'photos');

/** Every photo, in the order the reminder rotates through. */
export async function listPhotos(): Promise<StoredPhoto[]> {
  const rows = await entries<string, StoredPhoto>(store());
  return rows.map(([, photo]) => photo).sort((a, b) => a.order - b.order || a.addedAt - b.addedAt);
}

/** A photo's bytes as a data: URL (the copies kept in storage for the reminder). */
export function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}
