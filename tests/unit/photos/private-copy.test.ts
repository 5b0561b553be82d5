import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  choosePrivatePhotos,
  dataUrlLength,
  madeFrom,
  madeMark,
  type PhotoSummary,
  PRIVATE_PHOTO_MAX,
  PRIVATE_PHOTOS_BUDGET,
  readPrivatePhotos,
} from '@/utils/photos/private-copy';

const photo = (id: string, displayBytes: number | null): PhotoSummary => ({
  id,
  child: 'Mia',
  displayBytes,
});

describe('the private windows’ copy of the photos', () => {
  test('takes the photos in the parent’s order while they fit the budget', () => {
    const size = 400 * 1024;
    const photos = Array.from({ length: 10 }, (_, i) => photo(`p${i}`, size));
    const chosen = choosePrivatePhotos(photos);
    const fits = Math.floor(PRIVATE_PHOTOS_BUDGET / dataUrlLength(size));
    expect(chosen).toEqual(photos.slice(0, fits).map((p) => p.id));
  });

  test('leaves out a photo without a display copy, or one too large, and goes on', () => {
    const tooLarge = Math.ceil((PRIVATE_PHOTO_MAX * 3) / 4);
    expect(
      choosePrivatePhotos([photo('a', null), photo('b', tooLarge), photo('c', 120_000)]),
    ).toEqual(['c']);
  });

  test('never passes the budget, and keeps the order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 1, max: 700_000 }), { nil: null }), { maxLength: 40 }),
        (sizes) => {
          const photos = sizes.map((s, i) => photo(`p${i}`, s));
          const chosen = choosePrivatePhotos(photos);
          const bytes = chosen.reduce(
            (sum, id) => sum + dataUrlLength(photos.find((p) => p.id === id)?.displayBytes ?? 0),
            0,
          );
          expect(bytes).toBeLessThanOrEqual(PRIVATE_PHOTOS_BUDGET);
          const order = chosen.map((id) => Number(id.slice(1)));
          expect(order).toEqual([...order].sort((a, b) => a - b));
        },
      ),
    );
  });

  test('a data: URL is a third longer than its bytes', () => {
    expect(dataUrlLength(300)).toBe(400 + 32);
  });

  test('the mark changes when what the reminder shows changes, not otherwise', () => {
    const base = [photo('a', 100), photo('b', 200)];
    expect(madeFrom(base)).toBe(madeFrom(structuredClone(base)));
    expect(madeFrom([...base].reverse())).not.toBe(madeFrom(base));
    expect(madeFrom([{ ...photo('a', 100), child: 'Leo' }, photo('b', 200)])).not.toBe(
      madeFrom(base),
    );
    expect(madeFrom([photo('a', 100)])).not.toBe(madeFrom(base));
    expect(madeMark({ made: madeFrom(base), photos: [] })).toBe(madeFrom(base));
    expect(madeMark('nonsense')).toBeNull();
  });

  test('reads what was stored photo by photo; anything else is left out', () => {
    const good = {
      id: 'a',
      child: 'Mia',
      width: 960,
      height: 720,
      src: 'data:image/jpeg;base64,AAAA',
    };
    expect(
      readPrivatePhotos({
        made: 'x',
        photos: [
          good,
          { ...good, id: 'b', src: 'https://example.com/tracker.png' },
          { ...good, id: 'c', width: 0 },
          { ...good, id: 'd', src: `data:image/jpeg;base64,${'A'.repeat(PRIVATE_PHOTO_MAX)}` },
          null,
        ],
      }),
    ).toEqual([good]);
    expect(readPrivatePhotos(undefined)).toEqual([]);
    expect(readPrivatePhotos({ photos: 'no' })).toEqual([]);
  });
});
