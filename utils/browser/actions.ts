import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { appendHistory } from '@/utils/browser/history-store';
import { listsOf, stricterLists } from '@/utils/decide';
import type { Answers, Message, Sender, WorkTab } from '@/utils/messages';
import { endFamilyTime, startFamilyTime } from '@/utils/runtime/manual';
import {
  claimPreview,
  isFromPage,
  newPreview,
  PREVIEW_FRAGMENT,
  previewSiteUrl,
} from '@/utils/runtime/preview';
import { pruneGrants, type Runtime } from '@/utils/runtime/runtime';
import { addSaved, SavedPageSchema } from '@/utils/runtime/saved';
import { grantedWholeSite, grantPattern, grantStepPast } from '@/utils/runtime/step-past';
import { scheduleAt } from '@/utils/schedule/schedule';
import { makeNote } from '@/utils/settings/notes';
import type { Settings } from '@/utils/settings/schema';
import { parseAll, parseSite, patternMatches, patternRegex } from '@/utils/sites/parse';
import { returnUrlFrom } from '@/utils/sites/reminder-url';
import { classifyUrl, type RuleLists } from '@/utils/sites/rules';
import { MINUTE_MS, systemTimeZone } from '@/utils/time/temporal';
import { convergeRules, regexSupported, urlEscapes } from './dnr';
import {
  currentDesired,
  currentStatus,
  decideFor,
  exclusive,
  reconcile,
  settled,
} from './reconcile';
import {
  loadPreview,
  loadRuntime,
  loadSaved,
  loadSettings,
  savePreview,
  saveRuntime,
  saveSaved,
  saveSettings,
} from './storage';
import { webTabs } from './tabs';

type Handlers = {
  [T in Message['type']]: (
    message: Extract<Message, { type: T }>,
    now: number,
    sender: Sender,
  ) => Promise<Answers[T]>;
};

/** A page's message changes storage, then reconcile runs, so every answer is the new truth. */
const handlers: Handlers = {
  // After any queued reconcile, so the answer matches the rules the browser holds.
  async getStatus(_m, now) {
    await settled();
    return currentStatus(now);
  },

  async checkReturnUrl({ fragment }) {
    const { settings } = await loadSettings();
    return returnUrlFrom(fragment, settings)?.href ?? null;
  },

  // Tightens: the rules first, then the record (a death between leaves rules a reconcile removes).
  async startFamilyTime(_m, now) {
    await convergeThenRecord(now, (settings, runtime) =>
      startFamilyTime(settings, runtime, now, systemTimeZone()),
    );
    return currentStatus(now);
  },

  // Loosens: the record first (history, then runtime), then reconcile converges.
  async endFamilyTime({ reason }, now) {
    const [{ settings }, runtime] = await Promise.all([loadSettings(), loadRuntime()]);
    const state = scheduleAt(settings, runtime, now, systemTimeZone());
    if (state.active && state.until !== null) {
      await appendHistory({
        type: 'ended-early',
        at: now,
        start: state.since,
        plannedEnd: state.until,
        reason,
      });
      await saveRuntime(endFamilyTime(settings, runtime, now, systemTimeZone()));
      await reconcile(() => now);
    }
    return currentStatus(now);
  },

  // Loosens: the grant is recorded first, then reconcile adds its allow rule.
  async stepPast({ url, reason, minutes, waitedSeconds }, now) {
    const [{ settings }, runtime, desired] = await Promise.all([
      loadSettings(),
      loadRuntime(),
      currentDesired(now),
    ]);
    const target = returnUrlFrom(url, settings);
    if (!target) return { ok: false, error: 'not-blocked' };
    const granted = grantStepPast(
      {
        url: target,
        verdict: classifyUrl(desired.lists, target.href),
        reason,
        minutes,
        now,
        id: crypto.randomUUID(),
        pageFits: await pageRuleFits(target, settings.gentleness.grantScope),
      },
      settings.gentleness,
      runtime.grants,
      desired.schedule,
    );
    if (!granted.ok) {
      if (granted.error === 'budget-spent')
        await appendHistory({ type: 'budget-spent', at: now, host: target.host });
      return granted;
    }
    const { grant } = granted;
    await saveRuntime({ ...runtime, grants: [...pruneGrants(runtime.grants, now), grant] });
    await appendHistory({
      type: 'step-past',
      at: now,
      grantId: grant.id,
      host: target.host,
      pattern: grant.pattern,
      reason: reason.trim(),
      waitedSeconds,
      minutesGranted: Math.ceil((grant.end - grant.start) / MINUTE_MS),
    });
    await reconcile(() => now);
    return {
      ok: true,
      until: grant.end,
      wholeSite: grantedWholeSite(target, settings.gentleness.grantScope, grant),
    };
  },

  async saveForAfter({ url }, now) {
    const { settings } = await loadSettings();
    const target = returnUrlFrom(url, settings);
    if (target) {
      await saveSaved(
        addSaved(await loadSaved(), { id: crypto.randomUUID(), url: target.href, savedAt: now }),
      );
      await appendHistory({ type: 'saved', at: now, url: target.href });
    }
    return currentStatus(now);
  },

  async reopenSaved({ id }, now) {
    const saved = await loadSaved();
    const chosen = saved.filter((p) => id === undefined || p.id === id);
    // Drop them from the list first, so a second click cannot open them twice.
    await saveSaved(saved.filter((p) => !chosen.includes(p)));
    for (const page of chosen) {
      await browser.tabs.create({ url: page.url, active: false });
      await appendHistory({ type: 'reopened', at: now, url: page.url });
    }
    return currentStatus(now);
  },

  async recordBlocked({ url }, now) {
    const { settings } = await loadSettings();
    const target = returnUrlFrom(url, settings);
    if (target) await appendHistory({ type: 'blocked', at: now, host: target.host });
    return null;
  },

  async addNote({ text, kind, child }, now) {
    const [{ settings }, runtime] = await Promise.all([loadSettings(), loadRuntime()]);
    const schedule = scheduleAt(settings, runtime, now, systemTimeZone());
    const made = makeNote(
      { id: crypto.randomUUID(), text, kind, child },
      schedule,
      now,
      systemTimeZone(),
    );
    if (!made.ok) return made;
    await saveSettings({ ...settings, notes: [...settings.notes, made.note] });
    return { ok: true };
  },

  async listWorkTabs() {
    const { settings } = await loadSettings();
    return workTabs(listsOf(settings));
  },

  async parkTabs({ tabIds }, now) {
    const { settings } = await loadSettings();
    // A tab whose address a saved page cannot hold stays open: closing it would lose the page.
    const tabs = (await workTabs(listsOf(settings))).filter(
      (tab) => tabIds.includes(tab.id) && v.is(SavedPageSchema.entries.url, tab.url),
    );
    let saved = await loadSaved();
    for (const tab of tabs) {
      saved = addSaved(saved, { id: crypto.randomUUID(), url: tab.url, savedAt: now });
      await appendHistory({ type: 'saved', at: now, url: tab.url });
    }
    await saveSaved(saved);
    await browser.tabs.remove(tabs.map((tab) => tab.id));
    return currentStatus(now);
  },

  async startPreview(_m, now, sender) {
    // Only Hearth's own welcome page (not web-accessible) may ask for a preview.
    if (!isFromPage(sender.url, browser.runtime.getURL('/welcome.html')))
      return { ok: false, error: 'not-allowed' };
    const { settings } = await loadSettings();
    const url = previewSiteUrl(settings);
    if (!url) return { ok: false, error: 'no-site' };
    const nonce = crypto.randomUUID();
    // Stored first: a background that dies before the tab opens leaves an unused nonce, nothing more.
    await savePreview(newPreview(nonce, url, now));
    await browser.tabs.create({
      url: `${browser.runtime.getURL('/blocked.html')}${PREVIEW_FRAGMENT}${nonce}`,
    });
    return { ok: true, host: new URL(url).host };
  },

  async openPreview({ nonce }, now, sender) {
    if (!isFromPage(sender.url, browser.runtime.getURL('/blocked.html'))) return null;
    const claimed = claimPreview(await loadPreview(), nonce, sender.tabId, now);
    if (!claimed) return null;
    await savePreview(claimed.stored);
    return claimed.url;
  },

  async removeNote({ id }, now) {
    const { settings } = await loadSettings();
    await saveSettings({ ...settings, notes: settings.notes.filter((n) => n.id !== id) });
    return currentStatus(now);
  },
};

/** Whether the browser can match a page-only grant's own rule (Chrome refuses very long ones). */
async function pageRuleFits(url: URL, scope: 'page' | 'host'): Promise<boolean> {
  if (scope !== 'page') return true;
  const parsed = parseSite(grantPattern(url, 'page'));
  return parsed.ok && (await regexSupported(patternRegex(parsed.pattern, urlEscapes())));
}

/** Open tabs on sites the lists keep away (whatever the time). */
async function workTabs(lists: RuleLists): Promise<WorkTab[]> {
  return (await webTabs()).filter((tab) => classifyUrl(lists, tab.url) === 'block');
}

/** `sender` is what the browser says about who sent it; internal calls (commands) have none. */
export function handleMessage<T extends Message['type']>(
  message: Extract<Message, { type: T }>,
  now = Date.now(),
  sender: Sender = {},
): Promise<Answers[T]> {
  const handler = handlers[message.type] as (
    m: typeof message,
    at: number,
    from: Sender,
  ) => Promise<Answers[T]>;
  return handler(message, now, sender);
}

/**
 * An action that tightens blocking: inside the reconcile queue, the rules are
 * converged to what `change` will record, then it is recorded; the full
 * reconcile follows. A death after the rules leaves rules without a record,
 * which the next reconcile removes (and the popup shows nothing started);
 * never a record without its rules. `change` answers null for "nothing to do".
 */
async function convergeThenRecord(
  now: number,
  change: (settings: Settings, runtime: Runtime) => Runtime | null | Promise<Runtime | null>,
): Promise<void> {
  const recorded = await exclusive(async () => {
    const [{ settings }, runtime] = await Promise.all([loadSettings(), loadRuntime()]);
    const next = await change(settings, runtime);
    if (next === null) return false;
    await convergeRules(decideFor(settings, next, now).rules);
    await saveRuntime(next);
    return true;
  });
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
export async function saveSettingsInOrder(next: Settings, now = Date.now()): Promise<void> {
  const [{ settings: stored }, runtime] = await Promise.all([loadSettings(), loadRuntime()]);
  const stricter = decideFor(stricterLists(stored, next), runtime, now);
  if (stricter.blocking) await convergeRules(stricter.rules);
  await saveSettings(next);
}

/**
 * A grant lasts while the parent is on the site: once a tab has shown it and
 * no tab shows it any more, the grant closes and the site is blocked again.
 * Closing tightens, so it converges first (marking a grant seen changes no rule).
 */
export async function closeLeftGrants(now = Date.now()): Promise<void> {
  const live = (await loadRuntime()).grants.filter((g) => g.start <= now && now < g.end);
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
  const live = runtime.grants.filter((g) => g.start <= now && now < g.end);
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
