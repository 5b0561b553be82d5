import { browser } from 'wxt/browser';
import type { Answers, MessageInput, MessageType } from '../messages';

/** Pages talk to the background only through this, with the typed protocol. */
export function send<T extends MessageType>(
  message: Extract<MessageInput, { type: T }>,
): Promise<Answers[T]> {
  return browser.runtime.sendMessage(message) as Promise<Answers[T]>;
}

/** Calls back whenever anything stored locally changes, from any page or the background. */
export function onStoredChange(callback: () => void): () => void {
  const listener = (_changes: unknown, area: string) => {
    if (area === 'local') callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
