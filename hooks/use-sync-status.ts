import { useEffect, useState } from 'preact/hooks';
import { onStoredChange } from '@/utils/browser/messaging';
import { loadSyncStatus } from '@/utils/browser/sync';
import type { SyncStatus } from '@/utils/sync/status';

/** What sync last did, as the background recorded it in storage.local. */
export function useSyncStatus(): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    const read = () => void loadSyncStatus().then(setStatus);
    read();
    return onStoredChange(read);
  }, []);
  return status;
}
