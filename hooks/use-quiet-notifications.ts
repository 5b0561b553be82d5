import { useEffect, useState } from 'preact/hooks';
import { quietNotificationsAvailable } from '@/utils/browser/content-settings';
import { onStoredChange } from '@/utils/browser/messaging';
import { loadQuietSetting, saveQuietSetting } from '@/utils/browser/storage';

export interface QuietNotifications {
  /** The parent's setting; null until read. */
  on: boolean | null;
  /** This browser can quiet a site's notifications (Chrome, Edge; not Firefox). */
  available: boolean;
  setOn(on: boolean): Promise<void>;
}

/**
 * The "keep work notifications quiet" setting of this browser, kept fresh.
 * Saving it is enough: the background reconciles on the change.
 */
export function useQuietNotifications(): QuietNotifications {
  const [on, setOnState] = useState<boolean | null>(null);
  useEffect(() => {
    let alive = true;
    const refresh = () =>
      void loadQuietSetting().then((value) => {
        if (alive) setOnState(value);
      });
    refresh();
    const stop = onStoredChange(refresh);
    return () => {
      alive = false;
      stop();
    };
  }, []);
  return {
    on,
    available: quietNotificationsAvailable(),
    setOn: async (value) => {
      setOnState(value);
      await saveQuietSetting(value);
    },
  };
}
