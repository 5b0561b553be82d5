import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { onStoredChange } from '@/utils/browser/messaging';
import { readStatus, SYNC_KEYS, type SyncStatus } from '@/utils/browser/sync';

/** What sync last did, as the background recorded it in storage.local. */
export function useSyncStatus(): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    const read = () =>
      void browser.storage.local
        .get(SYNC_KEYS.status)
        .then((got) => setStatus(readStatus(got[SYNC_KEYS.status])));
    read();
    return onStoredChange(read);
  }, []);
  return status;
}
