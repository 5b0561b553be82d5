import { browser } from 'wxt/browser';
import type { Desired } from '@/utils/decide';
import { hasUnreservedEscape } from '@/utils/sites/parse';
import { classifyUrl } from '@/utils/sites/rules';
import { installedRules, urlEscapes } from './dnr';
import { currentDesired, reconcile, reminderUrlFor } from './reconcile';
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

async function sendToReminderIfBlocked(
  tabId: number,
  url: string,
  known?: Desired,
): Promise<boolean> {
  const desired = known ?? (await currentDesired());
  if (!desired.blocking || classifyUrl(desired.lists, url) !== 'block') return false;
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

/**
 * Storage and the rules disagree on whether anything is blocked: family time
 * recorded but no redirect rule installed (a worker died before it converged),
 * or the reverse. Only a whole side missing counts, so a rule the browser
 * refused to install does not reconcile on every navigation.
 */
async function rulesBehind(desired: Desired): Promise<boolean> {
  const installed = await installedRules();
  const redirects = installed.filter((r) => r.action.type === 'redirect').length;
  return desired.blocking ? redirects === 0 : installed.length > 0;
}

/**
 * Before a navigation starts. Storage and rules apart: reconcile at once
 * rather than at the heartbeat (DNR did not see this navigation, so the tab
 * goes to the reminder by the lists). Otherwise only origins known to serve
 * themselves, and escaped paths, are caught here.
 */
export async function catchEarly(tabId: number, url: string): Promise<void> {
  const desired = await currentDesired();
  if (await rulesBehind(desired)) {
    await reconcile();
    await sendToReminderIfBlocked(tabId, url, desired);
    return;
  }
  const origin = originOf(url);
  if (!origin) return;
  if (dodgesExactRules(url) || (await selfServedOrigins()).includes(origin))
    await sendToReminderIfBlocked(tabId, url, desired);
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
