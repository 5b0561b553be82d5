import { stricterLists } from '@/utils/decide';
import { liveGrants, type Runtime } from '@/utils/runtime/runtime';
import type { LoadedSettings } from '@/utils/settings/read';
import { refusalOf } from '@/utils/settings/read';
import type { Settings } from '@/utils/settings/schema';
import { parseAll, patternMatches } from '@/utils/sites/parse';
import { convergeRules } from './dnr';
import { convergePageCatch } from './page-catch';
import { decideFor, exclusive, reconcile } from './reconcile';
import {
  loadRuntime,
  loadSettings,
  type SaveOutcome,
  saveSettings,
  updateRuntime,
} from './storage';
import { webTabs } from './tabs';

/**
 * Tightening converges first (docs/ARCHITECTURE.md, "Order of writes"): the
 * rules go in before the record that asks for them, so a background that dies
 * in between leaves blocking on, never a record without its rules.
 */

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
      const desired = decideFor(settings, next, now);
      await convergeRules(desired.rules);
      // The rules are what keep the evening; a script the browser would not take is
      // reported by the reconcile that follows (and retried every minute), not a failed start.
      await convergePageCatch(desired.lists).catch((error) =>
        console.error('Hearth: could not register the page catch', error),
      );
      recorded = true;
      return next;
    }),
  );
  if (recorded) await reconcile(() => now);
}

/**
 * Stores settings a page edited, tightening first (issue 15): when the
 * change blocks something now (a new site during family time), the rules for
 * the stricter of the stored and the new lists go in before the settings are
 * stored; the reconcile that the stored change wakes then converges to the
 * new settings exactly. A page closed in between leaves stored settings and
 * rules that block a little more, which the next reconcile trims.
 */
export async function saveSettingsInOrder(
  next: Settings,
  { over, now = Date.now() }: { over?: LoadedSettings; now?: number } = {},
): Promise<SaveOutcome> {
  const [stored, runtime] = await Promise.all([over ?? loadSettings(), loadRuntime()]);
  // Unreadable settings are never written over (saveSettings refuses): nothing to converge for.
  if (refusalOf(stored)) return 'refused';
  const stricter = decideFor(stricterLists(stored.settings, next), runtime, now);
  if (stricter.blocking) await convergeRules(stricter.rules);
  return saveSettings(next, { over: stored });
}

/**
 * A grant lasts while the parent is on the site: once a tab has shown it and
 * no tab shows it any more, the grant closes and the site is blocked again.
 * Closing tightens, so it converges first (marking a grant seen changes no rule).
 */
export async function closeLeftGrants(now = Date.now()): Promise<void> {
  const live = liveGrants((await loadRuntime()).grants, now);
  if (live.length === 0) return;
  const urls = (await webTabs()).flatMap((tab) => {
    try {
      return [new URL(tab.url)];
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
