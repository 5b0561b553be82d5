// The native API object, not the polyfill wxt/browser stands for: this is the
// first file a page runs, and Chromium's and Firefox's own storage and
// permissions calls both return promises.
import { browser } from '@wxt-dev/browser';
import type { StoredStatusInputs } from '@/utils/status';
import { STATUS_INPUT_KEYS } from './storage-keys';

/** The page's status inputs and host access, as read before its modules had loaded. */
export type EarlyRead = Promise<[StoredStatusInputs, boolean]>;

const SLOT = '__hearthEarlyRead';
const WEB = ['http://*/*', 'https://*/*'];

export function statusInputsFrom(got: Record<string, unknown>): StoredStatusInputs {
  const inputs: StoredStatusInputs = { settings: undefined, runtime: undefined, saved: undefined };
  for (const [key, input] of Object.entries(STATUS_INPUT_KEYS)) inputs[input] = got[key];
  return inputs;
}

/**
 * Runs from a small classic script in the page's <head> (entrypoints/early-read.ts):
 * starts the one storage read while the page's modules are still being
 * fetched, so the answer is there when they run and the first render shows it.
 */
export function startEarlyRead(): void {
  const read: EarlyRead = Promise.all([
    browser.storage.local.get(Object.keys(STATUS_INPUT_KEYS)).then(statusInputsFrom),
    browser.permissions.contains({ origins: WEB }).catch(() => false),
  ]);
  read.catch(() => undefined);
  (globalThis as Record<string, unknown>)[SLOT] = read;
}

/** The read started early, once (later reads go to storage again); undefined if none was. */
export function takeEarlyRead(): EarlyRead | undefined {
  const slot = globalThis as Record<string, unknown>;
  const read = slot[SLOT] as EarlyRead | undefined;
  delete slot[SLOT];
  return read;
}
