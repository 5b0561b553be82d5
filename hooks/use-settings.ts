import { useEffect, useState } from 'preact/hooks';
import { onStoredChange } from '@/utils/browser/messaging';
import { loadSettings } from '@/utils/browser/storage';
import type { LoadedSettings } from '@/utils/settings/read';

/** Stored settings, read again whenever any page or the background changes them. */
export function useSettings(): LoadedSettings | null {
  const [loaded, setLoaded] = useState<LoadedSettings | null>(null);
  useEffect(() => {
    const read = () => void loadSettings().then(setLoaded);
    read();
    return onStoredChange(read);
  }, []);
  return loaded;
}
