import type { Desired } from '@/utils/decide';
import { liveGrants, type Runtime } from '@/utils/runtime/runtime';
import type { Settings } from '@/utils/settings/schema';
import { parseAll, patternMatches } from '@/utils/sites/parse';
import { convergeRules } from './dnr';
import { convergePageCatch } from './page-catch';
import { decideFor, exclusive, reconcile } from './reconcile';
import { loadRuntime, loadSettings, updateRuntime } from './storage';
import { webTabs } from './tabs';

/**
 * Tightening converges first (docs/ARCHITECTURE.md, "Order of writes"): the
 * rules go in before the record that asks for them, so a background that dies
 * in between leaves blocking on, never a record without its rules.
 */

/**
 * What a tightening puts in place before it is recorded: the rules, and the
 * page catch for sites their own service worker serves. The rules are what keep
 * the evening; a script the browser would not take is reported by the reconcile
 * that follows (and retried every minute), not a failed action.
 */
export async function convergeAhead(desired: Desired): Promise<void> {
  await convergeRules(desired.rules);
  await convergePageCatch(desired.lists).catch((error) =>
    console.error('Hearth: could not register the page catch', error),
  );
}

/**
 * An action that tightens blocking: inside the reconcile queue, the rules are
 * converged to what `change` will record, then it is recorded; the full
 * reconcile follows. A death after the rules leaves rules without a record,
 * which the next reconcile removes (and the popup shows nothing started);
 * never a record without its rules. `change` answers null for "nothing to do".
 */
export async function convergeThenRecord(
  now: number,
  change: (settings: Settings, runtime: Runtime) => Runtime | null | Promise<Runtime | null>,
): Promise<void> {
  let recorded = false;
  // Inside the runtime queue too, so a tab event's write cannot land in between.
  await exclusive(() =>
    updateRuntime(async (runtime) => {
      const { settings } = await loadSettings();
      const next = await change(settings, runtime);
      if (next === null) return runtime;
      await convergeAhead(decideFor(settings, next, now));
      recorded = true;
      return next;
    }),
  );
  if (recorded) await reconcile(() => now);
}

/**
 * A grant lasts while the parent is on the site: once a tab has shown it and
 * no tab shows it any more, the grant closes and the site is blocked again.
 * Closing tightens, so it converges first (marking a grant seen changes no rule).
 */
export async function closeLeftGrants(
  now = Date.now(),
  shown: readonly string[] = [],
): Promise<void> {
  const live = liveGrants((await loadRuntime()).grants, now);
  if (live.length === 0) return;
  // `shown`: what a tab event reported. A tab closed right after it reached the site
  // is gone by the time the tabs are read; the event still proves it got there.
  const urls = [...(await webTabs()).map((tab) => tab.url), ...shown].flatMap((url) => {
    try {
      return [new URL(url)];
    } catch {
      return [];
    }
  });
  await convergeThenRecord(now, (_settings, runtime) => closedIfLeft(runtime, urls, now));
}

function closedIfLeft(runtime: Runtime, urls: URL[], now: number): Runtime | null {
  const live = liveGrants(runtime.grants, now);
  let changed = false;
  const grants = runtime.grants.map((g) => {
    if (!live.includes(g)) return g;
    const [pattern] = parseAll([g.pattern]).patterns;
    const open = pattern !== undefined && urls.some((u) => patternMatches(pattern, u, 'exact'));
    if (open && !g.seen) {
      changed = true;
      return { ...g, seen: true };
    }
    if (!open && g.seen) {
      changed = true;
      return { ...g, end: now, closed: 'left' as const };
    }
    return g;
  });
  return changed ? { ...runtime, grants } : null;
}
