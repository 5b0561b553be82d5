import { browser } from 'wxt/browser';
import { createSyncEngine, type SyncEngine } from '@/utils/sync/engine';
import { limitsOf } from '@/utils/sync/layout';
import { readStatus, type SyncStatus } from '@/utils/sync/status';
import { commitArrivedSettings } from './settings-writes';
import { KEYS } from './storage-keys';

/** The alarm that wakes the engine for a retry after a refused write. */
export const SYNC_ALARM = 'hearth-sync-retry';

/** The engine over the browser's own storage areas, retrying by alarm. */
export function createBrowserSync(): SyncEngine {
  return createSyncEngine({
    local: browser.storage.local,
    sync: browser.storage.sync,
    limits: limitsOf(browser.storage.sync),
    scheduleRetry: (when) => browser.alarms.create(SYNC_ALARM, { when }),
    // Another device's edit: a loosening recorded, a tightening converged, before it is written.
    commitSettings: ({ stored, next }, write) => commitArrivedSettings(stored, next, write),
  });
}

/** The storage.onChanged listener sync needs: local settings out, sync items in. */
export function onStorageChangedForSync(engine: SyncEngine, changes: object, area: string): void {
  if (area === 'local' && KEYS.settings in changes) void engine.localChanged();
  if (area === 'sync') void engine.remoteChanged();
}

/** What sync last did, as the background recorded it. */
export async function loadSyncStatus(): Promise<SyncStatus> {
  const { [KEYS.syncStatus]: raw } = await browser.storage.local.get(KEYS.syncStatus);
  return readStatus(raw);
}
