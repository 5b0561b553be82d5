import {
  fitWithin,
  PHOTO_DISPLAY_SIDE,
  PHOTO_MAX_SIDE,
  PHOTO_TARGET_BYTES,
  QUALITY_STEPS,
} from '@/utils/photos/sizes';

export interface EncodedPhoto {
  blob: Blob;
  /** A smaller copy the reminder can decode and paint at a glance. */
  display: Blob;
  width: number;
  height: number;
}

type Encoding = 'image/webp' | 'image/jpeg';

/** Draws the bitmap scaled to fit `maxSide` and encodes it (JPEG where no WebP encoder exists). */
async function encodeScaled(
  bitmap: ImageBitmap,
  maxSide: number,
  qualities: readonly number[],
  targetBytes: number,
  type: Encoding,
): Promise<{ blob: Blob; width: number; height: number }> {
  const { width, height } = fitWithin(bitmap.width, bitmap.height, maxSide);
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  let blob: Blob | null = null;
  for (const quality of qualities) {
    blob = await canvas.convertToBlob({ type, quality });
    // A browser without a WebP encoder hands back PNG: use JPEG there.
    if (blob.type !== type) blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
    if (blob.size <= targetBytes) break;
  }
  if (!blob) throw new Error('Nothing encoded');
  return { blob, width, height };
}

/**
 * Decodes (EXIF orientation applied), scales to fit 1600 px and re-encodes,
 * lowering quality until the photo fits the target; also keeps a smaller
 * display copy. Runs in a worker where the browser allows (OffscreenCanvas),
 * on the page otherwise. Throws when the browser cannot decode the file.
 */
export async function encodePhoto(file: Blob): Promise<EncodedPhoto> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const full = await encodeScaled(
      bitmap,
      PHOTO_MAX_SIDE,
      QUALITY_STEPS,
      PHOTO_TARGET_BYTES,
      'image/webp',
    );
    // JPEG for the reminder's copy: browsers decode it faster than WebP, and at
    // a reduced scale straight from the file when it is drawn smaller.
    const display = await encodeScaled(
      bitmap,
      PHOTO_DISPLAY_SIDE,
      [0.82],
      Number.POSITIVE_INFINITY,
      'image/jpeg',
    );
    return { ...full, display: display.blob };
  } finally {
    bitmap.close();
  }
}
