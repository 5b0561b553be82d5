import { browser } from 'wxt/browser';
import { appendHistory, readRecordSince } from '@/utils/browser/history-store';
import { photoNames } from '@/utils/browser/private-photos';
import { listsOf } from '@/utils/decide';
import { hasAnEvening, recordNeededFrom, WEEKS_SHOWN } from '@/utils/history/week';
import type { Answers, Message, Sender, WorkTab } from '@/utils/messages';
import { endFamilyTime, startFamilyTime } from '@/utils/runtime/manual';
import {
  claimPreview,
  isFromPage,
  newPreview,
  PREVIEW_FRAGMENT,
  previewSiteUrl,
} from '@/utils/runtime/preview';
import { pruneGrants } from '@/utils/runtime/runtime';
import { addSaved, isSavable, type SavedPage } from '@/utils/runtime/saved';
import {
  grantedWholeSite,
  grantPattern,
  grantStepPast,
  reasonEnough,
  waitedEnough,
} from '@/utils/runtime/step-past';
import { scheduleAt } from '@/utils/schedule/schedule';
import { makeNote } from '@/utils/settings/notes';
import { refusalOf } from '@/utils/settings/read';
import { parseSite, patternRegex } from '@/utils/sites/parse';
import { returnUrlFrom } from '@/utils/sites/reminder-url';
import { classifyUrl, type RuleLists } from '@/utils/sites/rules';
import { MINUTE_MS, systemTimeZone } from '@/utils/time/temporal';
import { convergeThenRecord } from './converge-first';
import { regexSupported, urlEscapes } from './dnr';
import { currentDesired, currentStatus, reconcile, settled } from './reconcile';
import { writeSettings } from './settings-writes';
import {
  forgetFrictionOpened,
  frictionOpenedAt,
  loadPreview,
  loadRuntime,
  loadSettings,
  markFrictionOpened,
  savePreview,
  updateRuntime,
  updateSaved,
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

  async getPopupHints(_m, now) {
    const [photos, record] = await Promise.all([
      photoNames(),
      readRecordSince(recordNeededFrom(now, systemTimeZone(), WEEKS_SHOWN)),
    ]);
    return { hasPhoto: photos.length > 0, hasAWeek: hasAnEvening(record) };
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

  async openFriction({ purpose }, now) {
    await markFrictionOpened(purpose, now);
    return { openedAt: now };
  },

  // The one settings write (settings-writes.ts): friction, record and rules in their order.
  async saveSettings({ base, next, reason, via }, now) {
    return writeSettings({ base, next, reason, via }, now);
  },

  // Loosens: the record first (history, then runtime), then reconcile converges.
  async endFamilyTime({ reason }, now) {
    const [{ settings }, openedAt] = await Promise.all([
      loadSettings(),
      frictionOpenedAt('end-early'),
    ]);
    const { gentleness } = settings;
    // The friction the parent chose is checked here, not only on the page.
    if (
      gentleness.endEarlyNeedsFriction &&
      !(reasonEnough(reason, gentleness) && waitedEnough(openedAt, now, gentleness))
    ) {
      return currentStatus(now);
    }
    let ended = false;
    await updateRuntime(async (runtime) => {
      const state = scheduleAt(settings, runtime, now, systemTimeZone());
      if (!state.active || state.until === null) return runtime;
      // History first: if the worker dies between the two, the record is honest and the evening goes on.
      await appendHistory({
        type: 'ended-early',
        at: now,
        start: state.since,
        plannedEnd: state.until,
        reason,
      });
      ended = true;
      return endFamilyTime(settings, runtime, now, systemTimeZone());
    });
    if (ended) {
      if (gentleness.endEarlyNeedsFriction) await forgetFrictionOpened('end-early');
      await reconcile(() => now);
    }
    return currentStatus(now);
  },

  // Loosens: the grant is recorded first, then reconcile adds its allow rule.
  async stepPast({ url, reason, minutes }, now) {
    const [{ settings }, desired, openedAt] = await Promise.all([
      loadSettings(),
      currentDesired(now),
      frictionOpenedAt('step-past'),
    ]);
    const target = returnUrlFrom(url, settings);
    if (!target) return { ok: false, error: 'not-blocked' };
    const pageFits = await pageRuleFits(target, settings.gentleness.grantScope);
    const outcome: { granted: ReturnType<typeof grantStepPast> } = {
      granted: { ok: false, error: 'not-active' },
    };
    // Checked and granted inside the queue: two quick clicks cannot both spend the last one.
    await updateRuntime((runtime) => {
      outcome.granted = grantStepPast(
        {
          url: target,
          verdict: classifyUrl(desired.lists, target.href),
          reason,
          minutes,
          now,
          id: crypto.randomUUID(),
          openedAt,
          pageFits,
        },
        settings.gentleness,
        runtime.grants,
        desired.schedule,
      );
      const { granted } = outcome;
      if (!granted.ok) return runtime;
      return { ...runtime, grants: [...pruneGrants(runtime.grants, now), granted.grant] };
    });
    const { granted } = outcome;
    if (!granted.ok) {
      if (granted.error === 'budget-spent')
        await appendHistory({ type: 'budget-spent', at: now, host: target.host });
      return granted;
    }
    const { grant } = granted;
    await forgetFrictionOpened('step-past');
    await appendHistory({
      type: 'step-past',
      at: now,
      grantId: grant.id,
      host: target.host,
      pattern: grant.pattern,
      reason: reason.trim(),
      // The wait the background counted, not what the page says.
      waitedSeconds: openedAt === null ? 0 : Math.max(0, Math.floor((now - openedAt) / 1000)),
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
    if (target && isSavable(target.href)) {
      await updateSaved((saved) =>
        addSaved(saved, { id: crypto.randomUUID(), url: target.href, savedAt: now }),
      );
      await appendHistory({ type: 'saved', at: now, url: target.href });
    }
    return currentStatus(now);
  },

  async reopenSaved({ id }, now) {
    let chosen: SavedPage[] = [];
    // Drop them from the list first, so a second click cannot open them twice.
    await updateSaved((saved) => {
      chosen = saved.filter((p) => id === undefined || p.id === id);
      return saved.filter((p) => !chosen.includes(p));
    });
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
    const [loaded, runtime] = await Promise.all([loadSettings(), loadRuntime()]);
    const { settings } = loaded;
    // Unreadable settings are a stand-in: a note saved over them would erase the real ones everywhere.
    const refused = refusalOf(loaded);
    if (refused) return { ok: false, error: refused };
    const schedule = scheduleAt(settings, runtime, now, systemTimeZone());
    const made = makeNote(
      { id: crypto.randomUUID(), text, kind, child },
      schedule,
      now,
      systemTimeZone(),
    );
    if (!made.ok) return made;
    const saved = await writeSettings(
      { base: settings, next: { ...settings, notes: [...settings.notes, made.note] }, via: 'edit' },
      now,
    );
    if (saved.ok) return { ok: true };
    return {
      ok: false,
      error: saved.error === 'settings-newer' ? saved.error : 'settings-unreadable',
    };
  },

  async listWorkTabs() {
    const { settings } = await loadSettings();
    return workTabs(listsOf(settings));
  },

  async parkTabs({ tabIds }, now) {
    const { settings } = await loadSettings();
    // A tab whose address a saved page cannot hold stays open: closing it would lose the page.
    const tabs = (await workTabs(listsOf(settings))).filter(
      (tab) => tabIds.includes(tab.id) && isSavable(tab.url),
    );
    await updateSaved((saved) =>
      tabs.reduce(
        (list, tab) => addSaved(list, { id: crypto.randomUUID(), url: tab.url, savedAt: now }),
        saved,
      ),
    );
    for (const tab of tabs) await appendHistory({ type: 'saved', at: now, url: tab.url });
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
    const next = { ...settings, notes: settings.notes.filter((n) => n.id !== id) };
    await writeSettings({ base: settings, next, via: 'edit' }, now);
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
