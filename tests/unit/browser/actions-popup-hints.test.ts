import { beforeEach, describe, expect, test } from 'vitest';
import { handleMessage } from '@/utils/browser/actions';
import { clearHistory } from '@/utils/browser/history-store';
import { listPhotos, putPhotos, removePhotos } from '@/utils/browser/photos';
import { reconcile } from '@/utils/browser/reconcile';
import { systemTimeZone } from '@/utils/time/temporal';
import { installFakeDnr } from '../support/fake-dnr';
import { installExtensionStubs } from '../support/fake-extension';
import { installPageApis } from '../support/page-apis';
import { MINUTE, wall } from '../support/time';

installFakeDnr();
installExtensionStubs();
installPageApis();

// Default settings: weekdays 18:00-20:30 in the process zone (TZ). 2025-06-02 is a Monday.
const zone = systemTimeZone();
const MONDAY_1900 = wall(zone, '2025-06-02T19:00');
const MONDAY_2030 = wall(zone, '2025-06-02T20:30');

beforeEach(async () => {
  await clearHistory();
  await removePhotos((await listPhotos()).map((p) => p.id));
});

const hints = (now: number) => handleMessage({ type: 'getPopupHints' }, now);

describe('the popup’s hints', () => {
  test('a new parent: no photo yet, and no week to show', async () => {
    expect(await hints(MONDAY_1900)).toEqual({ hasPhoto: false, hasAWeek: false });
  });

  test('a photo added: the popup stops asking for one', async () => {
    await putPhotos([
      {
        id: 'leo',
        blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/webp' }),
        width: 800,
        height: 600,
        child: 'Leo',
        order: 0,
        addedAt: 0,
      },
    ]);
    expect((await hints(MONDAY_1900)).hasPhoto).toBe(true);
  });

  test('"Your week" once an evening was lived, not while the first one is still going', async () => {
    await reconcile(() => MONDAY_1900);
    expect((await hints(MONDAY_1900)).hasAWeek).toBe(false);
    await reconcile(() => MONDAY_2030 + MINUTE);
    expect((await hints(MONDAY_2030 + MINUTE)).hasAWeek).toBe(true);
    // Twelve weeks on, that evening is past what "Your week" pages through.
    const later = MONDAY_2030 + 13 * 7 * 24 * 60 * MINUTE;
    expect((await hints(later)).hasAWeek).toBe(false);
  });
});
