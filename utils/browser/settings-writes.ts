import { stricterLists } from '@/utils/decide';
import type { SaveSettingsAnswer } from '@/utils/messages';
import type { Runtime } from '@/utils/runtime/runtime';
import { reasonEnough, waitedEnough } from '@/utils/runtime/step-past';
import { type Loosening, looseningsBetween } from '@/utils/settings/loosening';
import { refusalOf } from '@/utils/settings/read';
import type { Settings } from '@/utils/settings/schema';
import { rebaseSettings } from '@/utils/sync/records';
import { systemTimeZone } from '@/utils/time/temporal';
import { convergeAhead } from './converge-first';
import { appendHistory } from './history-store';
import { decideFor, exclusive, reconcile } from './reconcile';
import {
  forgetFrictionOpened,
  frictionOpenedAt,
  loadRuntime,
  loadSettings,
  saveSettings,
} from './storage';

/**
 * The one path every settings write takes (docs/ARCHITECTURE.md, "Order of
 * writes"): a page's save, its closing flush, a backup import, a note from the
 * popup and settings arriving from another device. Inside the reconcile queue
 * (`exclusive`), against what is stored now:
 *
 * 1. a change that loosens blocking during family time meets the friction the
 *    parent chose (the same as ending early: the reason, and the calm wait
 *    counted from when the background heard the form open) and is recorded
 *    as `loosened` FIRST, so it is never applied without its record;
 * 2. when the change blocks something now (a new site during family time),
 *    the rules for the stricter of the stored and new lists go in before the
 *    settings, so a site is never recorded as blocked with no rule for it;
 * 3. the settings are written; the reconcile after converges exactly.
 */

export interface SettingsChange {
  /** The stored settings the draft grew from (its own edits are laid over what is stored now). */
  base: Settings | null;
  next: Settings;
  /** The answer to the loosen friction, when the page asked for it. */
  reason?: string;
  /** An import is the parent's explicit way back: it may replace unreadable settings. */
  via: 'edit' | 'import';
}

export async function writeSettings(
  change: SettingsChange,
  now = Date.now(),
): Promise<SaveSettingsAnswer> {
  const answer = await exclusive(async (): Promise<SaveSettingsAnswer> => {
    const [stored, runtime] = await Promise.all([loadSettings(), loadRuntime()]);
    const refused = refusalOf(stored);
    if (refused && change.via !== 'import') return { ok: false, error: refused };
    // Over unreadable settings nothing is merged: the stand-in defaults are not the parent's.
    const next =
      refused || change.base === null
        ? change.next
        : rebaseSettings(change.base, change.next, stored.settings);
    const what = looseningsOf(stored.settings, next, runtime, now);
    if (what.length > 0) {
      const { gentleness } = stored.settings;
      // The friction is the stored one: a change that lowers it is met by the old.
      if (gentleness.endEarlyNeedsFriction) {
        const { reason } = change;
        if (reason === undefined) return { ok: false, error: 'needs-friction', what };
        if (!reasonEnough(reason, gentleness)) return { ok: false, error: 'reason-short', what };
        if (!waitedEnough(await frictionOpenedAt('loosen'), now, gentleness))
          return { ok: false, error: 'too-soon', what };
        // A wait is used once; a death right after asks for it again, never less.
        await forgetFrictionOpened('loosen');
      }
    }
    await inOrder(stored.settings, next, runtime, now, what, change.reason ?? '', () =>
      saveSettings(next, change.via === 'import' ? { overUnreadable: true } : { over: stored }),
    );
    return { ok: true };
  });
  if (answer.ok) await reconcile(() => now);
  return answer;
}

function looseningsOf(before: Settings, after: Settings, runtime: Runtime, now: number) {
  return looseningsBetween(before, after, { runtime, now, timeZone: systemTimeZone() });
}

/** Record a loosening, converge a tightening, then write: the order both paths share. */
async function inOrder<T>(
  stored: Settings,
  next: Settings,
  runtime: Runtime,
  now: number,
  what: Loosening[],
  reason: string,
  write: () => Promise<T>,
): Promise<T> {
  if (what.length > 0)
    await appendHistory({ type: 'loosened', at: now, what: [...what], reason: reason.trim() });
  const stricter = decideFor(stricterLists(stored, next), runtime, now);
  if (stricter.blocking) await convergeAhead(stricter);
  return write();
}

/**
 * Settings arriving from another device (the sync engine's `commitSettings`
 * hook): that device asked its own friction; here a loosening is recorded
 * before it is written, and a tightening converged before it is written.
 */
export function commitArrivedSettings<T>(
  stored: Settings,
  next: Settings,
  write: () => Promise<T>,
  now = Date.now(),
): Promise<T> {
  return exclusive(async () => {
    const runtime = await loadRuntime();
    const what = looseningsOf(stored, next, runtime, now);
    return inOrder(stored, next, runtime, now, what, '', write);
  });
}
