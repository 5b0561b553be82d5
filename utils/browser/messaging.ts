import { browser } from 'wxt/browser';
import type { Answers, MessageInput, MessageType } from '@/utils/messages';

/**
 * Firefox turns a message away while its event page is shutting down (seen
 * about once in 60 sends made near the idle timeout). Such a message never
 * reached the background, so sending it again is always safe.
 */
const NOT_DELIVERED = /Could not establish connection|Receiving end does not exist/;
// About 4 s in all: a stopped worker can take over a second to start again on a busy machine.
const RETRY_DELAYS_MS = [50, 200, 600, 1200, 2000];

/**
 * The background was stopped while it handled the message (issue 15: a
 * worker stopped right after "Start family time" was pressed). It may have
 * done part of it or all of it; a message whose repeat changes nothing more
 * than its first time did is sent again, and the restarted background
 * reconciles before it answers.
 */
const CUT_OFF =
  /message (channel|port) closed before a response was received|Message manager disconnected|went out of scope/i;
const SAFE_TO_REPEAT: ReadonlySet<MessageType> = new Set<MessageType>([
  'getStatus',
  'checkReturnUrl',
  'startFamilyTime',
  'endFamilyTime',
  'listWorkTabs',
]);

/**
 * The background answers through webextension-polyfill; in Chromium, a
 * handler that threw reaches a page without the polyfill (the pages use the
 * browser's own API: scripts/native-browser-in-pages.ts) as this object,
 * which the polyfill would have turned back into a rejection.
 */
function rejectedAnswer(answer: unknown): Error | null {
  if (typeof answer !== 'object' || answer === null) return null;
  const reply = answer as { __mozWebExtensionPolyfillReject__?: unknown; message?: unknown };
  if (reply.__mozWebExtensionPolyfillReject__ !== true) return null;
  return new Error(typeof reply.message === 'string' ? reply.message : 'The background failed');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pages talk to the background only through this, with the typed protocol. */
export async function send<T extends MessageType>(
  message: Extract<MessageInput, { type: T }>,
): Promise<Answers[T]> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const answer: unknown = await browser.runtime.sendMessage(message);
      const rejected = rejectedAnswer(answer);
      if (rejected) throw rejected;
      return answer as Answers[T];
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt];
      const text = error instanceof Error ? error.message : '';
      const again =
        NOT_DELIVERED.test(text) || (CUT_OFF.test(text) && SAFE_TO_REPEAT.has(message.type));
      if (!again || delay === undefined) throw error;
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
