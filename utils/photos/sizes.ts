/** Longest side a stored photo keeps: sharp on a large screen, small on disk. */
export const PHOTO_MAX_SIDE = 1600;
/** The reminder's copy: about as wide as the photo is drawn there, on a sharp screen. */
export const PHOTO_DISPLAY_SIDE = 960;
/** What a stored photo aims to stay under. */
export const PHOTO_TARGET_BYTES = 400 * 1024;
/** Larger files are refused before decoding: a 50 MB file is not a family photo worth the wait. */
export const PHOTO_MAX_FILE_BYTES = 40 * 1024 * 1024;

export type PhotoError = 'not-image' | 'too-big' | 'heic' | 'unreadable' | 'storage';

/** Scales down to fit the longest side, never up; whole pixels, at least 1. */
export function fitWithin(
  width: number,
  height: number,
  maxSide = PHOTO_MAX_SIDE,
): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

const HEIC = /\.(heic|heif)$/i;

/** What can be told before decoding; `null` means "worth trying to decode". */
export function precheckPhoto(file: {
  name: string;
  type: string;
  size: number;
}): PhotoError | null {
  const heic = HEIC.test(file.name) || /hei[cf]/i.test(file.type);
  if (!heic && !file.type.startsWith('image/')) return 'not-image';
  if (file.size > PHOTO_MAX_FILE_BYTES) return 'too-big';
  if (file.size === 0) return 'unreadable';
  return null;
}

/** After a failed decode: HEIC gets its own, more helpful, message. */
export function decodeError(file: { name: string; type: string }): PhotoError {
  return HEIC.test(file.name) || /hei[cf]/i.test(file.type) ? 'heic' : 'unreadable';
}

/** JPEG/WebP qualities to try in turn until the photo fits the target size. */
export const QUALITY_STEPS = [0.86, 0.78, 0.7, 0.6, 0.5] as const;
