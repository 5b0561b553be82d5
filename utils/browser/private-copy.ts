import { browser } from 'wxt/browser';

/**
 * Chrome/Edge run a second copy of Hearth in private windows ("incognito":
 * "split", wxt.config.ts). The copies share storage.local but not IndexedDB,
 * and cannot message each other (docs/ARCHITECTURE.md "Private windows").
 * Firefox's build does not declare split: its private windows share the one
 * background, and everything here is a no-op there.
 */
export function splitBuild(): boolean {
  try {
    return (browser.runtime.getManifest() as { incognito?: string }).incognito === 'split';
  } catch {
    return false;
  }
}

/** This code runs in the private copy: its IndexedDB is wiped when the last private window closes. */
export function isPrivateCopy(): boolean {
  return browser.extension?.inIncognitoContext === true && splitBuild();
}

/** Every key storage.local holds, without reading their values (the photo copy is large). */
export async function storedKeys(): Promise<string[]> {
  try {
    return await browser.storage.local.getKeys();
  } catch {
    return Object.keys(await browser.storage.local.get(null));
  }
}
