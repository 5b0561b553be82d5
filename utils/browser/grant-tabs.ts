import { browser } from 'wxt/browser';
import { liveGrants } from '@/utils/runtime/runtime';
import { closeLeftGrants } from './converge-first';
import { loadRuntime } from './storage';

/**
 * A step-past lasts while the parent stays on the site; leaving it closes the
 * door again (`closeLeftGrants`). Only while a grant is live do tab changes
 * matter, so the background listens to them only then: an `addListener`
 * (even one made after the start) is what makes the browser wake a stopped
 * worker or suspended event page for that event, and `removeListener` stops
 * it. Without a live grant, opening, loading and closing tabs wakes nothing.
 *
 * A background woken by a tab event it had listened to before it slept gets
 * that event before it has read storage, so the event is lost: `follow()`,
 * run once every start has converged and whenever the runtime may have
 * changed, puts the listeners back for a live grant and looks at the tabs at
 * once, which finds what the lost event would have (docs/ARCHITECTURE.md).
 */
export interface GrantTabs {
  /** Listens to tabs exactly while a grant is live; checks the tabs when it starts listening. */
  follow: (now?: number) => Promise<void>;
  listening: () => boolean;
}

type Run = (work: () => Promise<void>) => void;

export function grantTabs(run: Run): GrantTabs {
  let listening = false;
  const check = async (shown: string[] = []) => {
    await closeLeftGrants(Date.now(), shown);
    await follow();
  };
  const onUpdated = (
    _tabId: number,
    change: { url?: string; status?: string },
    tab: { url?: string },
  ) => {
    if (change.url || change.status === 'complete') run(() => check(tab.url ? [tab.url] : []));
  };
  const onRemoved = () => run(() => check());
  const follow = async (now = Date.now()): Promise<void> => {
    const live = liveGrants((await loadRuntime()).grants, now).length > 0;
    if (live === listening) return;
    listening = live;
    if (live) {
      browser.tabs.onUpdated.addListener(onUpdated);
      browser.tabs.onRemoved.addListener(onRemoved);
      await closeLeftGrants(now);
    } else {
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.tabs.onRemoved.removeListener(onRemoved);
    }
  };
  return { follow, listening: () => listening };
}
