import { fitWithin, PHOTO_TARGET_BYTES, QUALITY_STEPS } from '../photo-size';

export interface EncodedPhoto {
  blob: Blob;
  width: number;
  height: number;
}

/**
 * Decodes (EXIF orientation applied), scales to fit 1600 px and re-encodes,
 * lowering quality until the photo fits the target. Runs in a worker where
 * the browser allows (OffscreenCanvas), on the page otherwise. Throws when
 * the browser cannot decode the file.
 */
export async function encodePhoto(file: Blob): Promise<EncodedPhoto> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    let blob: Blob | null = null;
    for (const quality of QUALITY_STEPS) {
      blob = await canvas.convertToBlob({ type: 'image/webp', quality });
      // A browser without a WebP encoder hands back PNG: use JPEG there.
      if (blob.type !== 'image/webp')
        blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
      if (blob.size <= PHOTO_TARGET_BYTES) break;
    }
    if (!blob) throw new Error('Nothing encoded');
    return { blob, width, height };
  } finally {
    bitmap.close();
  }
}
