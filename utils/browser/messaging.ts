import { browser } from 'wxt/browser';
import type { Answers, MessageInput, MessageType } from '@/utils/messages';

/**
 * Firefox turns a message away while its event page is shutting down (seen
 * about once in 60 sends made near the idle timeout). Such a message never
 * reached the background, so sending it again is always safe.
 */
const NOT_DELIVERED = /Could not establish connection|Receiving end does not exist/;
const RETRY_DELAYS_MS = [50, 200, 600];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pages talk to the background only through this, with the typed protocol. */
export async function send<T extends MessageType>(
  message: Extract<MessageInput, { type: T }>,
): Promise<Answers[T]> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return (await browser.runtime.sendMessage(message)) as Answers[T];
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      const undelivered = error instanceof Error && NOT_DELIVERED.test(error.message);
      if (!undelivered || delay === undefined) throw error;
      await sleep(delay);
    }
  }
}

/** Calls back whenever anything stored locally changes, from any page or the background. */
export function onStoredChange(callback: () => void): () => void {
  const listener = (_changes: unknown, area: string) => {
    if (area === 'local') callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
