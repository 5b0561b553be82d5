import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  listPhotos,
  putPhotos,
  removePhoto,
  removePhotos,
  type StoredPhoto,
  updatePhoto,
} from '@/utils/browser/photos';
import { loadPrivatePhotos } from '@/utils/browser/private-photos';
import { installPageApis } from '../support/page-apis';

// Chrome's split incognito mode: the regular copy keeps the private windows'
// photos in storage.local, because the private copy has an IndexedDB of its own.
installPageApis();

const photo = (id: string, order: number): StoredPhoto => ({
  id,
  blob: new Blob([new Uint8Array([9, 9, 9])], { type: 'image/webp' }),
  display: new Blob([new Uint8Array([0xff, 0xd8, order, 0xff, 0xd9])], { type: 'image/jpeg' }),
  width: 1600,
  height: 1200,
  child: `Child ${id}`,
  order,
  addedAt: order,
});

beforeEach(async () => {
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Hearth',
    version: '1',
    incognito: 'split',
  } as never);
  fakeBrowser.extension.isAllowedIncognitoAccess = () => Promise.resolve(true);
  await removePhotos((await listPhotos()).map((p) => p.id));
});
afterEach(() => vi.restoreAllMocks());

const privateChildren = async () => (await loadPrivatePhotos()).map((p) => p.child);

describe('the private windows’ photos', () => {
  // The options page shows a change once these resolve, and the parent may
  // close it at once: a removed photo must already be gone from the copy.
  test('a removed photo is gone from the copy by the time the removal is done', async () => {
    await putPhotos([photo('leo', 0), photo('mia', 1)]);
    expect(await privateChildren()).toEqual(['Child leo', 'Child mia']);
    await removePhoto('leo');
    expect(await privateChildren()).toEqual(['Child mia']);
    await removePhotos(['mia']);
    expect(await privateChildren()).toEqual([]);
  });

  test('a renamed child is renamed in the copy by the time the change is done', async () => {
    await putPhotos([photo('leo', 0)]);
    await updatePhoto('leo', { child: 'Leonardo' });
    expect(await privateChildren()).toEqual(['Leonardo']);
  });

  test('nothing is kept for private windows Hearth is not allowed in', async () => {
    fakeBrowser.extension.isAllowedIncognitoAccess = () => Promise.resolve(false);
    await putPhotos([photo('leo', 0)]);
    expect(await privateChildren()).toEqual([]);
  });
});
