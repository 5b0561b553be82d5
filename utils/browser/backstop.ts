import { browser } from 'wxt/browser';
import { hasUnreservedEscape } from '@/utils/sites/parse';
import { classifyUrl } from '@/utils/sites/rules';
import { urlEscapes } from './dnr';
import { currentDesired, reminderUrlFor } from './reconcile';
import { KEYS } from './storage-keys';

/**
 * Sites that answer navigations from their own service worker (Gmail, Slack,
 * Docs) never reach the network, so the DNR rules cannot see them. Catching
 * every navigation early would restart the ones DNR is already redirecting
 * (measured: every blocked navigation ran twice). So a navigation that
 * *commits* on a blocked site is the signal: DNR missed it, the tab goes to
 * the reminder, and its origin is remembered so that next time it is caught
 * before it commits.
 */
const SELF_SERVED_KEY = KEYS.selfServedOrigins;
const MAX_ORIGINS = 200;

async function selfServedOrigins(): Promise<string[]> {
  const { [SELF_SERVED_KEY]: raw } = await browser.storage.local.get(SELF_SERVED_KEY);
  return Array.isArray(raw) ? raw.filter((o): o is string => typeof o === 'string') : [];
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

async function sendToReminderIfBlocked(tabId: number, url: string): Promise<boolean> {
  const desired = await currentDesired();
  if (!desired.schedule.active || classifyUrl(desired.lists, url) !== 'block') return false;
  await browser.tabs.update(tabId, { url: reminderUrlFor(url) });
  return true;
}

/**
 * A path with a needlessly escaped character ("/%64ocument") walks past an
 * exact regex rule (Chromium cannot hold escape-tolerant ones), so DNR will
 * not redirect it: caught here, before it starts, without restarting any
 * navigation DNR redirects.
 */
function dodgesExactRules(url: string): boolean {
  if (urlEscapes() !== 'exact') return false;
  try {
    return hasUnreservedEscape(new URL(url).pathname);
  } catch {
    return false;
  }
}

/** Before a navigation starts: origins already known to serve themselves, and escaped paths. */
export async function catchEarly(tabId: number, url: string): Promise<void> {
  const origin = originOf(url);
  if (!origin) return;
  if (dodgesExactRules(url) || (await selfServedOrigins()).includes(origin))
    await sendToReminderIfBlocked(tabId, url);
}

/** A blocked site committed anyway: DNR could not see it. */
export async function catchCommitted(tabId: number, url: string): Promise<void> {
  if (!(await sendToReminderIfBlocked(tabId, url))) return;
  const origin = originOf(url);
  const known = await selfServedOrigins();
  if (origin && !known.includes(origin)) {
    await browser.storage.local.set({
      [SELF_SERVED_KEY]: [origin, ...known].slice(0, MAX_ORIGINS),
    });
  }
}
