import { beforeEach, describe, expect, test } from 'vitest';
import {
  listPhotos,
  movePhoto,
  putPhotos,
  removePhoto,
  removePhotos,
  type StoredPhoto,
  updatePhoto,
} from '@/utils/browser/photos';
import {
  photoForVisit,
  preparePhoto,
  readPreparedPhoto,
  takeVisit,
} from '@/utils/browser/prepared-photo';
import { installPageApis } from '../support/page-apis';

const storage = installPageApis();

const JPEG_BYTES = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
const photo = (id: string, order: number, display?: Blob): StoredPhoto => ({
  id,
  blob: new Blob([new Uint8Array([9, 9, 9])], { type: 'image/webp' }),
  display,
  width: 1600,
  height: 1200,
  child: `Child ${id}`,
  order,
  addedAt: order,
});
const jpeg = () => new Blob([JPEG_BYTES], { type: 'image/jpeg' });

beforeEach(async () => {
  storage.items.clear();
  await removePhotos((await listPhotos()).map((p) => p.id));
  storage.items.clear();
});

describe("the reminder's prepared photo", () => {
  test('is read back for the visit it was made for, as the same picture', async () => {
    await preparePhoto(photo('leo', 0, jpeg()), 7);
    const prepared = readPreparedPhoto(7);
    expect(prepared).toMatchObject({ id: 'leo', child: 'Child leo', width: 1600, height: 1200 });
    const [header, base64] = (prepared?.src ?? '').split(',');
    expect(header).toBe('data:image/jpeg;base64');
    expect([...Buffer.from(base64 ?? '', 'base64')]).toEqual([...JPEG_BYTES]);
  });

  test('is not used on another visit (the rotation moved on)', async () => {
    await preparePhoto(photo('leo', 0, jpeg()), 7);
    expect(readPreparedPhoto(8)).toBeNull();
    expect(readPreparedPhoto(6)).toBeNull();
  });

  test('is not made from a photo without its small display copy', async () => {
    await preparePhoto(photo('old', 0), 1);
    expect(readPreparedPhoto(1)).toBeNull();
  });

  test.each([
    ['not JSON', '{oops'],
    [
      'a script URL',
      JSON.stringify({
        id: 'x',
        visit: 1,
        child: '',
        width: 1,
        height: 1,
        src: 'javascript:alert(1)',
      }),
    ],
    [
      'a web address',
      JSON.stringify({
        id: 'x',
        visit: 1,
        child: '',
        width: 1,
        height: 1,
        src: 'https://example.com/a.jpg',
      }),
    ],
    ['missing fields', JSON.stringify({ id: 'x', visit: 1 })],
  ])('is ignored when what is stored is %s', (_what, stored) => {
    storage.setItem('hearth.preparedPhoto', stored);
    expect(readPreparedPhoto(1)).toBeNull();
  });

  test.each([
    ['a photo is removed', () => removePhoto('leo')],
    ['a child is renamed', () => updatePhoto('leo', { child: 'Leonardo' })],
    ['photos are reordered', () => movePhoto('mia', -1)],
    ['photos are restored from a backup', () => putPhotos([photo('ada', 2, jpeg())])],
    ['photos are removed together', () => removePhotos(['mia'])],
  ])(
    'is made again for the next visit when %s, from the photos as they now are',
    async (_what, change) => {
      await putPhotos([photo('leo', 0, jpeg()), photo('mia', 1, jpeg())]);
      // Three reminders were seen: the next visit is the fourth (number 3).
      storage.setItem('hearth.reminderVisits', '3');
      await preparePhoto(photo('leo', 0, jpeg()), 3);
      await change();
      const now = await listPhotos();
      const shown = now[3 % now.length];
      expect(readPreparedPhoto(3)).toMatchObject({ id: shown?.id, child: shown?.child });
      // The visit after it is the reminder's own to prepare.
      expect(readPreparedPhoto(4)).toBeNull();
    },
  );

  test('is forgotten, not made again, when the last photo is removed', async () => {
    await putPhotos([photo('leo', 0, jpeg())]);
    await preparePhoto(photo('leo', 0, jpeg()), 0);
    await removePhoto('leo');
    expect(storage.items.has('hearth.preparedPhoto')).toBe(false);
  });

  test('a reminder visit takes the number a changed photo was prepared for', async () => {
    await putPhotos([photo('leo', 0, jpeg()), photo('mia', 1, jpeg())]);
    storage.setItem('hearth.reminderVisits', '5');
    await updatePhoto('mia', { child: 'Mia Rose' });
    const visit = takeVisit();
    expect(visit).toBe(5);
    expect(readPreparedPhoto(visit)?.child).toBe(photoForVisit(await listPhotos(), visit)?.child);
    expect(takeVisit()).toBe(6);
  });
});
