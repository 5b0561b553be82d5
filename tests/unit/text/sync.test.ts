import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { syncNotice } from '@/components/text/sync';
import { defaultSettings } from '@/utils/settings/schema';
import { INITIAL_STATUS, type SyncStatus } from '@/utils/sync/status';
import { installExtensionStubs } from '../support/fake-extension';
import { FakeArea } from '../support/fake-storage';
import { makeDevice } from '../support/sync-device';

// The words the parent reads in the options page, from the real English messages.

beforeAll(() => {
  installExtensionStubs();
});

const T0 = Date.UTC(2025, 5, 2, 17, 0);
const status = (change: Partial<SyncStatus>): SyncStatus => ({ ...INITIAL_STATUS, ...change });

describe('the sync notice', () => {
  beforeEach(() => {
    installExtensionStubs();
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('when sync refuses a write: what stays here, that it is safe, and when Hearth tries again', async () => {
    const sync = new FakeArea();
    const device = makeDevice('laptop', sync, { settings: defaultSettings() });
    await device.engine.flush();
    sync.failWith = new Error('QUOTA_BYTES quota exceeded');
    await device.edit((s) => ({
      ...s,
      sites: ['a', 'b', 'c', 'd'].map((x) => ({
        id: x,
        pattern: `${x}.example.com`,
        list: 'block' as const,
        updatedAt: T0,
      })),
    }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(device.settings().sites).toHaveLength(4);
    expect(syncNotice(device.status(), 'UTC')).toBe(
      'Sync is full: 4 sites are kept on this device only. They still work here. ' +
        'Everything is safe on this device, and Hearth will try again at 17:00.',
    );
  });

  test('when the lists are bigger than sync holds', () => {
    expect(syncNotice(status({ localOnly: { site: 4 } }), 'UTC')).toBe(
      'Sync is full: 4 sites are kept on this device only. They still work here.',
    );
    expect(syncNotice(status({ localOnly: { site: 1 } }), 'UTC')).toBe(
      'Sync is full: 1 site is kept on this device only. It still works here.',
    );
    expect(syncNotice(status({ localOnly: { note: 2, site: 40 } }), 'UTC')).toBe(
      'Sync is full: 40 sites, 2 notes are kept on this device only. They still work here.',
    );
  });

  test('a rate limit, sync off, a newer Hearth elsewhere; and nothing at all when all is well', () => {
    const retryAt = T0 + 60_000;
    expect(syncNotice(status({ state: 'refused', reason: 'rate', retryAt }), 'UTC')).toBe(
      'Sync is taking a short break after many changes at once. Everything is safe on this device, and Hearth will try again at 17:01.',
    );
    expect(syncNotice(status({ state: 'refused', reason: 'unavailable', retryAt }), 'UTC')).toMatch(
      /^Sync isn’t available right now: it may be turned off, or you may be signed out\. Everything is safe/,
    );
    expect(syncNotice(status({ state: 'waiting' }), 'UTC')).toMatch(
      /^Another browser uses a newer Hearth/,
    );
    expect(syncNotice(status({}), 'UTC')).toBeNull();
  });
});
