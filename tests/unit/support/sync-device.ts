import { KEYS } from '@/utils/browser/storage-keys';
import { onStorageChangedForSync } from '@/utils/browser/sync';
import { readSettings } from '@/utils/settings/read';
import type { Settings } from '@/utils/settings/schema';
import { createSyncEngine, type SyncEngine } from '@/utils/sync/engine';
import type { SyncLimits } from '@/utils/sync/layout';
import { readStatus, type SyncStatus } from '@/utils/sync/status';
import { FakeArea } from './fake-storage';

/**
 * One simulated device: its storage.local, its storage.sync (a plain fake or a
 * replica on a fake channel), and a background's sync wiring over them, the
 * same listener the extension's background registers.
 */
export interface Device<A extends FakeArea = FakeArea> {
  name: string;
  local: FakeArea;
  sync: A;
  engine: SyncEngine;
  /** Times the background would have reconciled (settings changed in storage.local). */
  reconciles: number;
  retries: number[];
  settings(): Settings;
  status(): SyncStatus;
  /** An edit as the options page makes one: read settings, change, write the whole blob. */
  edit(change: (s: Settings) => Settings): Promise<void>;
}

export function makeDevice<A extends FakeArea>(
  name: string,
  sync: A,
  {
    skewMs = 0,
    settings,
    limits,
  }: { skewMs?: number; settings?: Settings; limits?: SyncLimits } = {},
): Device<A> {
  const local = new FakeArea();
  if (settings) local.data.set(KEYS.settings, JSON.parse(JSON.stringify(settings)));
  const retries: number[] = [];
  const engine = createSyncEngine({
    local,
    sync,
    now: () => Date.now() + skewMs,
    newDeviceId: () => name,
    scheduleRetry: (at) => retries.push(at),
    ...(limits ? { limits } : {}),
  });
  const device: Device<A> = {
    name,
    local,
    sync,
    engine,
    reconciles: 0,
    retries,
    settings: () => readSettings(local.data.get(KEYS.settings)).settings,
    status: () => readStatus(local.data.get(KEYS.syncStatus)),
    async edit(change) {
      await local.set({ [KEYS.settings]: change(device.settings()) });
    },
  };
  local.onChanged((changes) => {
    if (KEYS.settings in changes) device.reconciles += 1;
    onStorageChangedForSync(engine, changes, 'local');
  });
  sync.onChanged((changes) => onStorageChangedForSync(engine, changes, 'sync'));
  return device;
}
