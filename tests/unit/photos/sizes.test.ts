import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  decodeError,
  fitWithin,
  PHOTO_MAX_FILE_BYTES,
  PHOTO_MAX_SIDE,
  type PhotoError,
  precheckPhoto,
} from '@/utils/photos/sizes';

const MB = 1024 * 1024;

describe('fitting a photo', () => {
  test('the stored photo is at most 1600 px on its longest side', () => {
    expect(PHOTO_MAX_SIDE).toBe(1600);
  });

  test.each([
    // A phone photo, landscape and portrait.
    [4032, 3024, 1600, 1200],
    [3024, 4032, 1200, 1600],
    [4000, 3000, 1600, 1200],
    [6000, 4000, 1600, 1067],
    // Square.
    [2000, 2000, 1600, 1600],
    // Already small enough: unchanged, never made bigger.
    [800, 600, 800, 600],
    [1600, 900, 1600, 900],
    [1, 1, 1, 1],
    // A sliver keeps at least one pixel.
    [10000, 1, 1600, 1],
    [1, 10000, 1, 1600],
    [16000, 4, 1600, 1],
  ])('%i x %i -> %i x %i', (w, h, fw, fh) => {
    expect(fitWithin(w, h)).toEqual({ width: fw, height: fh });
  });

  test('a smaller limit can be asked for', () => {
    expect(fitWithin(4032, 3024, 400)).toEqual({ width: 400, height: 300 });
    expect(fitWithin(300, 200, 400)).toEqual({ width: 300, height: 200 });
  });

  const side = fc.integer({ min: 1, max: 20_000 });
  const limit = fc.integer({ min: 1, max: 4000 });

  test('never upscales', () => {
    fc.assert(
      fc.property(side, side, limit, (w, h, max) => {
        const out = fitWithin(w, h, max);
        return out.width <= w && out.height <= h;
      }),
    );
  });

  test('the longest side is the limit when the photo is larger, else unchanged', () => {
    fc.assert(
      fc.property(side, side, limit, (w, h, max) => {
        const out = fitWithin(w, h, max);
        return Math.max(out.width, out.height) === Math.min(max, Math.max(w, h));
      }),
    );
  });

  test('keeps the aspect ratio within a pixel, and at least one pixel each way', () => {
    fc.assert(
      fc.property(side, side, limit, (w, h, max) => {
        const out = fitWithin(w, h, max);
        // Exact scaling would give out.width / out.height === w / h; rounding each side
        // to whole pixels moves each by at most half a pixel.
        const skew = Math.abs(out.width * h - out.height * w);
        const allowed = (h + w) / 2;
        const atLeastOne = out.width >= 1 && out.height >= 1;
        const whole = Number.isInteger(out.width) && Number.isInteger(out.height);
        // A side clamped up to 1 px may skew more; only where exact scaling would go below 1.
        const clamped = (Math.min(w, h) * max) / Math.max(w, h) < 1;
        return atLeastOne && whole && (clamped || skew <= allowed + 1e-6);
      }),
    );
  });

  test('fitting twice changes nothing more', () => {
    fc.assert(
      fc.property(side, side, limit, (w, h, max) => {
        const once = fitWithin(w, h, max);
        expect(fitWithin(once.width, once.height, max)).toEqual(once);
      }),
    );
  });
});

describe('checking a file before decoding it', () => {
  test.each<[string, { name: string; type: string; size: number }, PhotoError | null]>([
    ['a PDF', { name: 'report.pdf', type: 'application/pdf', size: 200_000 }, 'not-image'],
    ['a text file', { name: 'notes.txt', type: 'text/plain', size: 300 }, 'not-image'],
    ['a 50 MB JPEG', { name: 'beach.jpg', type: 'image/jpeg', size: 50 * MB }, 'too-big'],
    ['an empty PNG', { name: 'empty.png', type: 'image/png', size: 0 }, 'unreadable'],
    // Windows and some browsers give HEIC no type: worth a try, the decode tells.
    ['a .heic with no type', { name: 'IMG_0042.HEIC', type: '', size: 3 * MB }, null],
    ['a .heif typed as such', { name: 'kid.heif', type: 'image/heif', size: 2 * MB }, null],
    ['a big HEIC', { name: 'IMG_0042.heic', type: '', size: 60 * MB }, 'too-big'],
    ['a PNG', { name: 'kid.png', type: 'image/png', size: 1_200_000 }, null],
    ['a WebP', { name: 'kid.webp', type: 'image/webp', size: 400_000 }, null],
    [
      'a JPEG exactly at the limit',
      { name: 'big.jpg', type: 'image/jpeg', size: PHOTO_MAX_FILE_BYTES },
      null,
    ],
    [
      'a JPEG a byte over',
      { name: 'big.jpg', type: 'image/jpeg', size: PHOTO_MAX_FILE_BYTES + 1 },
      'too-big',
    ],
  ])('%s: %s', (_label, file, expected) => {
    expect(precheckPhoto(file)).toBe(expected);
  });

  test('the limit lets a large phone photo through and stops a 50 MB one', () => {
    expect(PHOTO_MAX_FILE_BYTES).toBeGreaterThan(20 * MB);
    expect(PHOTO_MAX_FILE_BYTES).toBeLessThan(50 * MB);
  });
});

describe('when decoding fails', () => {
  test.each<[{ name: string; type: string }, PhotoError]>([
    [{ name: 'IMG_0042.HEIC', type: '' }, 'heic'],
    [{ name: 'IMG_0042.heif', type: '' }, 'heic'],
    [{ name: 'photo', type: 'image/heic' }, 'heic'],
    [{ name: 'photo', type: 'image/heif-sequence' }, 'heic'],
    [{ name: 'broken.jpg', type: 'image/jpeg' }, 'unreadable'],
    [{ name: 'heic.jpg', type: 'image/jpeg' }, 'unreadable'],
  ])('%j: %s', (file, expected) => {
    expect(decodeError(file)).toBe(expected);
  });
});
