import { browser } from 'wxt/browser';
import type { Message, Status } from '../messages';

/** Pages talk to the background only through this, with the typed protocol. */
export function send(message: Message): Promise<Status> {
  return browser.runtime.sendMessage(message) as Promise<Status>;
}

/** Calls back whenever settings or runtime change, from any page or the background. */
export function onStoredChange(callback: () => void): () => void {
  const listener = (_changes: unknown, area: string) => {
    if (area === 'local') callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
