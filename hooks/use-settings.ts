import { useEffect, useState } from 'preact/hooks';
import { onStoredChange } from '@/utils/browser/messaging';
import { loadSettings } from '@/utils/browser/storage';
import type { LoadedSettings } from '@/utils/settings/read';

let first: LoadedSettings | null = null;
let reading: Promise<void> | null = null;

/** Reads the settings once before the first render (the page's main.tsx awaits it). */
export function preloadSettings(): Promise<void> {
  reading ??= loadSettings().then((loaded) => {
    first = loaded;
  });
  return reading;
}

/** Stored settings, read again whenever any page or the background changes them. */
export function useSettings(): LoadedSettings | null {
  const [loaded, setLoaded] = useState<LoadedSettings | null>(first);
  useEffect(() => {
    const read = () => void loadSettings().then(setLoaded);
    if (!first) read();
    return onStoredChange(read);
  }, []);
  return loaded;
}
