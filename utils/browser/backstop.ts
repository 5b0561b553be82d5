import { browser } from 'wxt/browser';
import type { Desired } from '@/utils/decide';
import { hasUnreservedEscape } from '@/utils/sites/parse';
import { classifyUrl } from '@/utils/sites/rules';
import { installedRules, urlEscapes } from './dnr';
import { currentDesired, reconcile, reminderUrlFor } from './reconcile';
import { RETIRED_KEYS } from './storage-keys';

/**
 * The navigation backstop: what the DNR rules and the page catch
 * (utils/browser/page-catch.ts) cannot see, caught before a navigation
 * starts. A site its own service worker answers is no longer its work: the
 * page catch stops that document before it paints, first visit included.
 */

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
 * goes to the reminder by the lists). Otherwise only escaped paths are caught
 * here; everything else DNR redirects, and the backstop never restarts it.
 */
export async function catchEarly(tabId: number, url: string): Promise<void> {
  const desired = await currentDesired();
  if (await rulesBehind(desired)) {
    await reconcile();
    await sendToReminderIfBlocked(tabId, url, desired);
    return;
  }
  if (dodgesExactRules(url)) await sendToReminderIfBlocked(tabId, url, desired);
}

/** What an older Hearth learned about sites serving themselves: the page catch covers them now. */
export async function forgetSelfServedOrigins(): Promise<void> {
  await browser.storage.local.remove(RETIRED_KEYS.selfServedOrigins);
}
