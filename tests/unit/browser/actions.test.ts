import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { handleMessage } from '@/utils/browser/actions';
import { closeLeftGrants } from '@/utils/browser/converge-first';
import { clearHistory, readHistory } from '@/utils/browser/history-store';
import { reconcile } from '@/utils/browser/reconcile';
import { loadRuntime, loadSaved, loadSettings, saveSettings } from '@/utils/browser/storage';
import type { HistoryEntry } from '@/utils/history/entries';
import type { Grant } from '@/utils/runtime/runtime';
import { defaultSettings, type Settings } from '@/utils/settings/schema';
import { systemTimeZone } from '@/utils/time/temporal';
import { installFakeDnr, outcome } from '../support/fake-dnr';
import { getMessage, installExtensionStubs } from '../support/fake-extension';
import { installBrowserRecords } from '../support/recording-browser';
import { MINUTE, wall } from '../support/time';

const dnr = installFakeDnr();
installExtensionStubs();
const records = installBrowserRecords();

// Default settings (nothing stored): weekdays 18:00-20:30 in the process zone (TZ).
// 2025-06-02 is a Monday.
const zone = systemTimeZone();
const at = (t: string) => wall(zone, t);
const MONDAY_1800 = at('2025-06-02T18:00');
const MONDAY_1900 = at('2025-06-02T19:00');
const MONDAY_2030 = at('2025-06-02T20:30');

const REMINDER = browser.runtime.getURL('/blocked.html');
const MAIL = 'https://mail.google.com/mail/u/0/#inbox';
const MAIL_OTHER = 'https://mail.google.com/mail/u/0/#sent';
const SLACK = 'https://acme.slack.com/client/T1/C2';
const DOC = 'https://docs.google.com/document/d/abc/edit';
const WIKI = 'https://en.wikipedia.org/wiki/Hearth';

type StepPastFields = {
  url?: string;
  reason?: string;
  minutes?: number;
  /** When the form opened, seconds before the step past (null: it never did). */
  openedSecondsAgo?: number | null;
};

/** The reminder page's form opening, then its "step past" button, as they send them. */
async function stepPast(now: number, { openedSecondsAgo = 20, ...fields }: StepPastFields = {}) {
  if (openedSecondsAgo !== null)
    await handleMessage(
      { type: 'openFriction', purpose: 'step-past' },
      now - openedSecondsAgo * 1000,
    );
  return handleMessage(
    {
      type: 'stepPast',
      url: MAIL,
      reason: 'the school wrote about tomorrow',
      minutes: 10,
      ...fields,
    },
    now,
  );
}

async function openTab(url: string): Promise<number> {
  const tab = await browser.tabs.create({ url });
  if (tab.id === undefined) throw new Error('no tab id');
  return tab.id;
}

const tabUrl = async (id: number) => (await browser.tabs.get(id))?.url;
const grants = async (): Promise<Grant[]> => (await loadRuntime()).grants;
const grantRules = () =>
  dnr.installed().filter((r) => r.action.type === 'allow' && r.priority === 3);
const ofType = <T extends HistoryEntry['type']>(history: HistoryEntry[], type: T) =>
  history.filter((h): h is Extract<HistoryEntry, { type: T }> => h.type === type);

beforeEach(async () => {
  vi.restoreAllMocks();
  await clearHistory();
  // Family time is on: the reminder is only ever shown then.
  await reconcile(() => MONDAY_1900);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('stepping past the reminder', () => {
  test('a reason too short: refused, and nothing changes', async () => {
    const rules = dnr.installed();
    const updates = dnr.updates.length;
    expect(await stepPast(MONDAY_1900, { reason: ' ok ' })).toEqual({
      ok: false,
      error: 'reason-short',
    });
    expect(await grants()).toEqual([]);
    expect(dnr.installed()).toEqual(rules);
    expect(dnr.updates.length).toBe(updates);
    expect(outcome(dnr.installed(), MAIL).action).toBe('redirect');
    expect(await readHistory()).toEqual([]);
  });

  test('a good reason: the site opens for the minutes asked, and it is written down', async () => {
    const answer = await stepPast(MONDAY_1900, { reason: '  the school wrote  ', minutes: 15 });
    expect(answer).toEqual({ ok: true, until: MONDAY_1900 + 15 * MINUTE, wholeSite: false });

    const stored = await grants();
    expect(stored).toHaveLength(1);
    const [grant] = stored as [Grant];
    expect(grant).toMatchObject({
      pattern: 'mail.google.com',
      start: MONDAY_1900,
      end: MONDAY_1900 + 15 * MINUTE,
    });

    expect(grantRules()).toHaveLength(1);
    expect(grantRules()[0]?.condition.requestDomains).toEqual(['mail.google.com']);
    expect(outcome(dnr.installed(), MAIL).action).toBe('allow');
    expect(outcome(dnr.installed(), 'https://mail.google.com/mail/u/1/').action).toBe('allow');
    // Only that site: the rest stays behind the reminder.
    expect(outcome(dnr.installed(), SLACK).action).toBe('redirect');

    expect(await readHistory()).toEqual<HistoryEntry[]>([
      {
        type: 'step-past',
        at: MONDAY_1900,
        grantId: grant.id,
        host: 'mail.google.com',
        pattern: 'mail.google.com',
        reason: 'the school wrote',
        waitedSeconds: 20,
        minutesGranted: 15,
      },
    ]);
    const status = await handleMessage({ type: 'getStatus' }, MONDAY_1900 + MINUTE);
    expect(status.stepPastsLeft).toBe(1);
  });

  test('a grant asked for at 20:25 lasts until family time ends, and says so', async () => {
    const t = at('2025-06-02T20:25');
    expect(await stepPast(t, { minutes: 30 })).toEqual({
      ok: true,
      until: MONDAY_2030,
      wholeSite: false,
    });
    expect(ofType(await readHistory(), 'step-past')[0]?.minutesGranted).toBe(5);
  });

  test('the third step-past of the evening (budget 2): refused, and written down', async () => {
    expect(await stepPast(MONDAY_1900)).toMatchObject({ ok: true });
    await reconcile(() => MONDAY_1900 + 10 * MINUTE); // the first one runs out
    expect(await stepPast(MONDAY_1900 + 20 * MINUTE, { url: SLACK })).toMatchObject({ ok: true });
    const third = MONDAY_1900 + 40 * MINUTE;
    expect(await stepPast(third)).toEqual({ ok: false, error: 'budget-spent' });

    expect(await grants()).toHaveLength(2);
    expect(outcome(dnr.installed(), MAIL).action).toBe('redirect');
    const history = await readHistory();
    expect(history.map((h) => h.type)).toEqual([
      'step-past',
      'step-past-ended',
      'step-past',
      'budget-spent',
    ]);
    expect(history.at(-1)).toEqual({ type: 'budget-spent', at: third, host: 'mail.google.com' });
    expect((await handleMessage({ type: 'getStatus' }, third)).stepPastsLeft).toBe(0);
  });

  test('tomorrow evening the budget is whole again', async () => {
    await stepPast(MONDAY_1900);
    await stepPast(MONDAY_1900 + 20 * MINUTE, { url: SLACK });
    const tuesday = at('2025-06-03T19:00');
    await reconcile(() => tuesday);
    expect(await stepPast(tuesday)).toMatchObject({ ok: true });
  });

  test('outside family time, or for a site not blocked: refused, nothing written', async () => {
    expect(await stepPast(at('2025-06-02T17:00'))).toEqual({ ok: false, error: 'not-active' });
    expect(await stepPast(MONDAY_1900, { url: WIKI })).toEqual({ ok: false, error: 'not-blocked' });
    expect(await stepPast(MONDAY_1900, { url: 'javascript:alert(1)' })).toEqual({
      ok: false,
      error: 'not-blocked',
    });
    expect(await grants()).toEqual([]);
    expect(await readHistory()).toEqual([]);
  });

  test('when the grant runs out: the site is closed again, its tab goes back to the reminder', async () => {
    await stepPast(MONDAY_1900);
    const [grant] = (await grants()) as [Grant];
    const tab = await openTab(MAIL);
    const wiki = await openTab(WIKI);
    await reconcile(() => MONDAY_1900 + 5 * MINUTE);
    expect(await tabUrl(tab)).toBe(MAIL);

    const end = MONDAY_1900 + 10 * MINUTE;
    await reconcile(() => end);
    expect(grantRules()).toEqual([]);
    expect(outcome(dnr.installed(), MAIL)).toEqual({
      action: 'redirect',
      redirectUrl: `${REMINDER}#${MAIL}`,
    });
    expect(await tabUrl(tab)).toBe(`${REMINDER}#${MAIL}`);
    expect(await tabUrl(wiki)).toBe(WIKI);
    expect(ofType(await readHistory(), 'step-past-ended')).toEqual([
      { type: 'step-past-ended', at: end, grantId: grant.id, minutesUsed: 10, how: 'expired' },
    ]);
  });
});

describe('leaving the granted site', () => {
  test('a grant does not close before the parent has got there', async () => {
    await stepPast(MONDAY_1900);
    await closeLeftGrants(MONDAY_1900 + MINUTE);
    expect(await grants()).toMatchObject([{ end: MONDAY_1900 + 10 * MINUTE, seen: false }]);
    expect(grantRules()).toHaveLength(1);
  });

  test('a tab that reached the site and closed before the tabs were read still counts as there', async () => {
    await stepPast(MONDAY_1900);
    // The tab event reported the site; by the time the tabs are read, that tab is gone.
    await closeLeftGrants(MONDAY_1900 + MINUTE, [MAIL]);
    expect(await grants()).toMatchObject([{ seen: true, end: MONDAY_1900 + 10 * MINUTE }]);
    const closedAt = MONDAY_1900 + 2 * MINUTE;
    await closeLeftGrants(closedAt);
    expect(await grants()).toMatchObject([{ end: closedAt, closed: 'left' }]);
  });

  test('once a tab showed the site and then none does, the grant closes ("left")', async () => {
    await stepPast(MONDAY_1900);
    const [grant] = (await grants()) as [Grant];
    const tab = await openTab(MAIL);
    await closeLeftGrants(MONDAY_1900 + MINUTE);
    expect(await grants()).toMatchObject([{ seen: true, end: MONDAY_1900 + 10 * MINUTE }]);

    // Moving about within the site keeps it open.
    await browser.tabs.update(tab, { url: MAIL_OTHER });
    await closeLeftGrants(MONDAY_1900 + 2 * MINUTE);
    expect(await grants()).toMatchObject([{ end: MONDAY_1900 + 10 * MINUTE }]);

    const left = MONDAY_1900 + 3 * MINUTE;
    await browser.tabs.update(tab, { url: WIKI });
    await closeLeftGrants(left);
    expect(await grants()).toMatchObject([{ end: left, closed: 'left' }]);

    await reconcile(() => left);
    expect(grantRules()).toEqual([]);
    expect(outcome(dnr.installed(), MAIL).action).toBe('redirect');
    expect(ofType(await readHistory(), 'step-past-ended')).toEqual([
      { type: 'step-past-ended', at: left, grantId: grant.id, minutesUsed: 3, how: 'left' },
    ]);
    // Back to the site: it is blocked again, and there is one step-past left tonight.
    expect((await handleMessage({ type: 'getStatus' }, left)).stepPastsLeft).toBe(1);
  });
});

describe('saving pages for after', () => {
  test('a blocked page is saved once, however often it is saved', async () => {
    const first = await handleMessage({ type: 'saveForAfter', url: MAIL }, MONDAY_1900);
    await handleMessage({ type: 'saveForAfter', url: MAIL }, MONDAY_1900 + MINUTE);
    const saved = await loadSaved();
    expect(saved).toMatchObject([{ url: MAIL, savedAt: MONDAY_1900 }]);
    expect(first.saved).toMatchObject([{ url: MAIL }]);
    expect(ofType(await readHistory(), 'saved')[0]).toEqual({
      type: 'saved',
      at: MONDAY_1900,
      url: MAIL,
    });
  });

  test.each([
    WIKI,
    'javascript:alert(document.cookie)',
    'https://user:secret@mail.google.com/mail/',
    'chrome://settings',
    'not a url',
  ])('%s is not saved, and nothing is written', async (url) => {
    await handleMessage({ type: 'saveForAfter', url }, MONDAY_1900);
    expect(await loadSaved()).toEqual([]);
    expect(await readHistory()).toEqual([]);
  });

  test('when family time ends, a notification offers the saved page back', async () => {
    await handleMessage({ type: 'saveForAfter', url: MAIL }, MONDAY_1900);
    expect(records.notifications).toEqual([]);
    await reconcile(() => MONDAY_2030);
    expect(records.notifications).toEqual([
      {
        id: 'hearth-saved',
        title: getMessage('savedNotificationTitle'),
        message: getMessage('savedNotificationOne'),
      },
    ]);
    // The evening is written down as kept as well.
    expect(ofType(await readHistory(), 'kept')).toEqual([
      { type: 'kept', at: MONDAY_2030, start: MONDAY_1800, end: MONDAY_2030 },
    ]);
  });

  test('several saved pages: the notification says how many', async () => {
    await handleMessage({ type: 'saveForAfter', url: MAIL }, MONDAY_1900);
    await handleMessage({ type: 'saveForAfter', url: DOC }, MONDAY_1900);
    await reconcile(() => MONDAY_2030);
    expect(records.notifications.map((n) => n.message)).toEqual([
      getMessage('savedNotificationMany', '2'),
    ]);
    expect(records.notifications[0]?.message).toContain('2');
  });

  test('nothing saved: no notification at the end', async () => {
    await reconcile(() => MONDAY_2030);
    expect(records.notifications).toEqual([]);
  });

  test('the notification is given once, not on every later reconcile', async () => {
    await handleMessage({ type: 'saveForAfter', url: MAIL }, MONDAY_1900);
    await reconcile(() => MONDAY_2030);
    await reconcile(() => MONDAY_2030 + MINUTE);
    await reconcile(() => MONDAY_2030 + 5 * MINUTE);
    expect(records.notifications.filter((n) => n.id === 'hearth-saved')).toHaveLength(1);
  });

  test('reopening opens every saved page in the background and empties the list', async () => {
    await handleMessage({ type: 'saveForAfter', url: MAIL }, MONDAY_1900);
    await handleMessage({ type: 'saveForAfter', url: DOC }, MONDAY_1900);
    await reconcile(() => MONDAY_2030);
    const after = MONDAY_2030 + MINUTE;
    const status = await handleMessage({ type: 'reopenSaved' }, after);
    expect(records.openedTabs.filter((t) => t.url !== MAIL && t.url !== DOC)).toEqual([]);
    expect(records.openedTabs).toEqual([
      { url: MAIL, active: false },
      { url: DOC, active: false },
    ]);
    expect(status.saved).toEqual([]);
    expect(await loadSaved()).toEqual([]);
    // Both at the same moment: their order in history is not told.
    expect(
      ofType(await readHistory(), 'reopened').sort((a, b) => a.url.localeCompare(b.url)),
    ).toEqual([
      { type: 'reopened', at: after, url: DOC },
      { type: 'reopened', at: after, url: MAIL },
    ]);
    // A second click opens nothing more.
    await handleMessage({ type: 'reopenSaved' }, after);
    expect(records.openedTabs).toHaveLength(2);
  });

  test('reopening one page opens that one and keeps the rest', async () => {
    await handleMessage({ type: 'saveForAfter', url: MAIL }, MONDAY_1900);
    await handleMessage({ type: 'saveForAfter', url: DOC }, MONDAY_1900);
    const doc = (await loadSaved()).find((p) => p.url === DOC);
    await handleMessage({ type: 'reopenSaved', id: doc?.id }, MONDAY_2030 + MINUTE);
    expect(records.openedTabs.map((t) => t.url)).toEqual([DOC]);
    expect((await loadSaved()).map((p) => p.url)).toEqual([MAIL]);
  });
});

describe('ending family time early', () => {
  test('with a reason: written down with it, blocking ends, an open grant closes with it', async () => {
    await stepPast(MONDAY_1900);
    const [grant] = (await grants()) as [Grant];
    const now = MONDAY_1900 + 6 * MINUTE;
    const status = await handleMessage(
      { type: 'endFamilyTime', reason: 'bath time ran long' },
      now,
    );

    expect(status.active).toBe(false);
    expect(dnr.installed()).toEqual([]);
    expect(outcome(dnr.installed(), SLACK).action).toBeNull();
    const history = await readHistory();
    expect(ofType(history, 'ended-early')).toEqual([
      {
        type: 'ended-early',
        at: now,
        start: MONDAY_1800,
        plannedEnd: MONDAY_2030,
        reason: 'bath time ran long',
      },
    ]);
    expect(ofType(history, 'step-past-ended')).toEqual([
      {
        type: 'step-past-ended',
        at: now,
        grantId: grant.id,
        minutesUsed: 6,
        how: 'family-time-ended',
      },
    ]);
    // Not "kept": it was ended early. Nor later, when its planned end passes.
    await reconcile(() => MONDAY_2030 + MINUTE);
    expect(ofType(await readHistory(), 'kept')).toEqual([]);
    expect(dnr.installed()).toEqual([]);
  });

  test('outside family time there is nothing to end and nothing is written', async () => {
    const status = await handleMessage(
      { type: 'endFamilyTime', reason: 'x' },
      at('2025-06-02T21:00'),
    );
    expect(status.active).toBe(false);
    expect(ofType(await readHistory(), 'ended-early')).toEqual([]);
  });
});

describe('notes from the pages', () => {
  test.each([
    ['', 'empty'],
    ['   \n ', 'empty'],
    ['x'.repeat(501), 'too-long'],
  ] as const)('%j: refused (%s), nothing stored', async (text, error) => {
    const answer = await handleMessage({ type: 'addNote', text, kind: 'tonight', child: '' });
    expect(answer).toEqual({ ok: false, error });
    expect((await loadSettings()).settings.notes).toEqual([]);
    expect((await browser.storage.local.get('settings')).settings).toBeUndefined();
  });

  test('a note written in the morning shows on the reminder that evening', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at('2025-06-02T08:40'));
    const answer = await handleMessage({
      type: 'addNote',
      text: '  Ask Mia about the play  ',
      kind: 'tonight',
      child: 'Mia',
    });
    vi.useRealTimers();
    expect(answer).toEqual({ ok: true });
    const evening = await handleMessage({ type: 'getStatus' }, MONDAY_1900);
    expect(evening.notes.map((n) => [n.text, n.child])).toEqual([
      ['Ask Mia about the play', 'Mia'],
    ]);
    const tomorrow = await handleMessage({ type: 'getStatus' }, at('2025-06-03T19:00'));
    expect(tomorrow.notes).toEqual([]);
  });
});

describe('recording a blocked visit', () => {
  test('a blocked URL is written down with its host', async () => {
    expect(await handleMessage({ type: 'recordBlocked', url: MAIL }, MONDAY_1900)).toBeNull();
    expect(await readHistory()).toEqual([
      { type: 'blocked', at: MONDAY_1900, host: 'mail.google.com' },
    ]);
  });

  test.each([WIKI, 'javascript:alert(1)', 'https://example.org/?u=https://mail.google.com/'])(
    '%s is not written down',
    async (url) => {
      expect(await handleMessage({ type: 'recordBlocked', url }, MONDAY_1900)).toBeNull();
      expect(await readHistory()).toEqual([]);
    },
  );
});

describe('parking work tabs at the wind-down', () => {
  test('the chosen tabs are saved for after and closed; others stay', async () => {
    const mail = await openTab(MAIL);
    const doc = await openTab(DOC);
    const wiki = await openTab(WIKI);
    const listed = await handleMessage({ type: 'listWorkTabs' }, at('2025-06-02T17:50'));
    expect(listed.map((t) => t.url).sort()).toEqual([DOC, MAIL].sort());

    await handleMessage({ type: 'parkTabs', tabIds: [mail, doc] }, at('2025-06-02T17:50'));
    expect((await loadSaved()).map((p) => p.url).sort()).toEqual([DOC, MAIL].sort());
    expect([...records.closedTabs].sort()).toEqual([mail, doc].sort());
    expect(await tabUrl(wiki)).toBe(WIKI);
  });

  test('a tab whose address is too long to keep is left open, not closed and lost', async () => {
    // Dashboards and trackers can carry their whole state in the address.
    const long = `https://acme.atlassian.net/issues/?jql=${'project%20%3D%20X%20OR%20'.repeat(400)}`;
    expect(long.length).toBeGreaterThan(8192);
    const mail = await openTab(MAIL);
    const board = await openTab(long);
    await handleMessage({ type: 'parkTabs', tabIds: [mail, board] }, at('2025-06-02T17:50'));

    expect((await loadSaved()).map((p) => p.url)).toEqual([MAIL]);
    expect(records.closedTabs).toEqual([mail]);
    expect(await tabUrl(board)).toBe(long);
  });
});

describe('a step-past "for this page only" on a very long address', () => {
  const pageOnly = async () => {
    const defaults = defaultSettings();
    await saveSettings({ ...defaults, gentleness: { ...defaults.gentleness, grantScope: 'page' } });
  };

  test('an address longer than a grant can hold opens the whole site, says so, and ends nothing', async () => {
    await pageOnly();
    // A manual session on top of the window, to see that it survives.
    await handleMessage({ type: 'startFamilyTime' }, MONDAY_1900);
    const session = (await loadRuntime()).session;
    const long = `https://mail.google.com/mail/u/0/${'x'.repeat(3000)}`;
    const answer = await stepPast(MONDAY_1900, { url: long });
    expect(answer).toMatchObject({ ok: true, wholeSite: true });
    const runtime = await loadRuntime();
    expect(runtime.session).toEqual(session);
    expect(runtime.grants.map((g) => g.pattern)).toEqual(['mail.google.com']);
    expect(outcome(dnr.installed(), long).action).toBe('allow');
    expect((await handleMessage({ type: 'getStatus' }, MONDAY_1900)).stepPastsLeft).toBe(1);
  });

  test('a page the browser cannot match on its own (a long Doc id) opens the whole site', async () => {
    await pageOnly();
    const doc = `https://docs.google.com/document/d/${'1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_aBcDe'}/edit`;
    expect(await stepPast(MONDAY_1900, { url: doc })).toMatchObject({ ok: true, wholeSite: true });
    expect(await grants()).toMatchObject([{ pattern: 'docs.google.com' }]);
    expect(outcome(dnr.installed(), doc).action).toBe('allow');
  });

  test('a page that fits is opened on its own', async () => {
    await pageOnly();
    expect(await stepPast(MONDAY_1900, { url: DOC })).toMatchObject({ ok: true, wholeSite: false });
    expect(await grants()).toMatchObject([{ pattern: 'docs.google.com/document/d/abc/edit' }]);
    expect(outcome(dnr.installed(), 'https://docs.google.com/document/d/other').action).toBe(
      'redirect',
    );
  });
});

describe('the welcome page previews the reminder', () => {
  const WELCOME = browser.runtime.getURL('/welcome.html');
  const fromWelcome = { url: `${WELCOME}#try`, tabId: 1 };
  const nonceOf = (url: string | undefined) => /#preview=(.+)$/.exec(url ?? '')?.[1] ?? '';

  async function startPreview(sender = fromWelcome) {
    const before = new Set((await browser.tabs.query({})).map((t) => t.id));
    const answer = await handleMessage({ type: 'startPreview' }, MONDAY_1900, sender);
    const opened = (await browser.tabs.query({})).filter((t) => !before.has(t.id));
    return { answer, opened };
  }

  test('opens the reminder in a new tab, and only that tab is a preview, with nothing recorded', async () => {
    const { answer, opened } = await startPreview();
    expect(answer).toEqual({ ok: true, host: 'mail.google.com' });
    expect(opened).toHaveLength(1);
    const [tab] = opened;
    expect(tab?.url?.startsWith(`${REMINDER}#preview=`)).toBe(true);
    const nonce = nonceOf(tab?.url);
    const fromTab = (tabId: number | undefined) => ({ url: tab?.url, tabId });
    expect(await handleMessage({ type: 'openPreview', nonce }, MONDAY_1900, fromTab(tab?.id))).toBe(
      'https://mail.google.com/',
    );
    // A reload in that tab is still the preview; any other tab is not.
    expect(await handleMessage({ type: 'openPreview', nonce }, MONDAY_1900, fromTab(tab?.id))).toBe(
      'https://mail.google.com/',
    );
    expect(
      await handleMessage({ type: 'openPreview', nonce }, MONDAY_1900, fromTab(999)),
    ).toBeNull();
    expect(await readHistory()).toEqual([]);
    expect(await grants()).toEqual([]);
  });

  test('no other page may start one, and a guessed nonce is not a preview', async () => {
    for (const url of [
      REMINDER,
      `${REMINDER}#preview=x`,
      'https://example.org/welcome.html',
      undefined,
    ]) {
      const { answer, opened } = await startPreview({ url: url as string, tabId: 1 });
      expect(answer).toEqual({ ok: false, error: 'not-allowed' });
      expect(opened).toEqual([]);
    }
    const guessed = '11111111-2222-4333-8444-555555555555';
    expect(
      await handleMessage({ type: 'openPreview', nonce: guessed }, MONDAY_1900, {
        url: `${REMINDER}#preview=${guessed}`,
        tabId: 5,
      }),
    ).toBeNull();
  });
});

describe('the background enforces the friction', () => {
  test('a step past with no form ever opened (sent by hand) is refused, and nothing opens', async () => {
    expect(await stepPast(MONDAY_1900, { openedSecondsAgo: null })).toEqual({
      ok: false,
      error: 'too-soon',
    });
    expect(await grants()).toEqual([]);
    expect(outcome(dnr.installed(), MAIL).action).toBe('redirect');
  });

  test('opened 5 seconds ago with a 20-second wait: refused; after the wait: granted, the real wait written down', async () => {
    expect(await stepPast(MONDAY_1900, { openedSecondsAgo: 5 })).toEqual({
      ok: false,
      error: 'too-soon',
    });
    expect(await stepPast(MONDAY_1900 + 30_000, { openedSecondsAgo: null })).toMatchObject({
      ok: true,
    });
    expect(ofType(await readHistory(), 'step-past')[0]?.waitedSeconds).toBe(35);
  });

  test('a wait is used once: the next step past waits again', async () => {
    expect(await stepPast(MONDAY_1900)).toMatchObject({ ok: true });
    expect(await stepPast(MONDAY_1900 + MINUTE, { url: SLACK, openedSecondsAgo: null })).toEqual({
      ok: false,
      error: 'too-soon',
    });
  });

  test('minutes the form does not offer are refused', async () => {
    expect(await stepPast(MONDAY_1900, { minutes: 120 })).toEqual({
      ok: false,
      error: 'minutes-not-offered',
    });
    expect(await grants()).toEqual([]);
  });

  test('ending early with friction chosen: no wait, or too short a reason, and family time goes on', async () => {
    const { settings } = await loadSettings();
    await browser.storage.local.set({
      settings: {
        ...settings,
        gentleness: { ...settings.gentleness, endEarlyNeedsFriction: true },
      },
    });
    const ended = await handleMessage(
      { type: 'endFamilyTime', reason: 'dinner is done' },
      MONDAY_1900,
    );
    expect(ended.active).toBe(true);
    await handleMessage({ type: 'openFriction', purpose: 'end-early' }, MONDAY_1900);
    const short = await handleMessage({ type: 'endFamilyTime', reason: 'x' }, MONDAY_1900 + MINUTE);
    expect(short.active).toBe(true);
    const done = await handleMessage(
      { type: 'endFamilyTime', reason: 'dinner is done' },
      MONDAY_1900 + MINUTE,
    );
    expect(done.active).toBe(false);
    expect(ofType(await readHistory(), 'ended-early')).toHaveLength(1);
  });
});

describe('unreadable settings are never written over', () => {
  test('a note saved over corrupt settings is refused kindly, and the stored bytes stay as they were', async () => {
    await browser.storage.local.set({ settings: '{"windows": [broken' });
    expect(
      await handleMessage(
        { type: 'addNote', text: 'Lego tower with Leo', kind: 'tonight', child: '' },
        MONDAY_1900,
      ),
    ).toEqual({ ok: false, error: 'settings-unreadable' });
    expect((await browser.storage.local.get('settings')).settings).toBe('{"windows": [broken');
  });

  test("a newer Hearth's settings: refused with its own reason", async () => {
    const newer = { version: 99, windows: [], notes: [] };
    await browser.storage.local.set({ settings: newer });
    expect(
      await handleMessage(
        { type: 'addNote', text: 'Lego tower', kind: 'standing', child: '' },
        MONDAY_1900,
      ),
    ).toEqual({ ok: false, error: 'settings-newer' });
    expect((await browser.storage.local.get('settings')).settings).toEqual(newer);
  });
});

describe('every runtime write goes through one queue', () => {
  test("a tab event's read-modify-write cannot undo a grant saved while it listed the tabs", async () => {
    expect(await stepPast(MONDAY_1900)).toMatchObject({ ok: true });
    await openTab(MAIL);
    await closeLeftGrants(MONDAY_1900 + MINUTE); // the mail grant is now "seen"
    // The tab listing is slow this time; a second step past lands meanwhile.
    const query = browser.tabs.query.bind(browser.tabs);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    vi.spyOn(browser.tabs, 'query').mockImplementationOnce(async (q) => {
      await gate;
      return query(q);
    });
    const tabEvent = closeLeftGrants(MONDAY_1900 + 2 * MINUTE);
    expect(await stepPast(MONDAY_1900 + 2 * MINUTE, { url: SLACK })).toMatchObject({ ok: true });
    release();
    await tabEvent;
    expect((await grants()).map((g) => g.pattern).sort()).toEqual([
      'acme.slack.com',
      'mail.google.com',
    ]);
  });
});

describe('settings are written by the background, loosening during family time through its friction', () => {
  const withFriction = async () => {
    const { settings } = await loadSettings();
    await browser.storage.local.set({
      settings: {
        ...settings,
        gentleness: { ...settings.gentleness, endEarlyNeedsFriction: true },
      },
    });
  };
  const presetsOff = (settings: Settings): Settings => ({
    ...settings,
    presets: Object.fromEntries(
      Object.keys(settings.presets).map((k) => [k, false]),
    ) as Settings['presets'],
  });
  const save = async (
    change: (s: Settings) => Settings,
    now: number,
    extra: { reason?: string; via?: 'edit' | 'import' } = {},
  ) => {
    const { settings } = await loadSettings();
    return handleMessage(
      { type: 'saveSettings', base: settings, next: change(settings), via: 'edit', ...extra },
      now,
    );
  };
  const mailBlocked = () => outcome(dnr.installed(), MAIL).action === 'redirect';

  test('with end-early friction chosen: refused without a reason, the wait or enough of a reason; recorded first once past it', async () => {
    await withFriction();
    const { settings: before } = await loadSettings();
    expect(await save(presetsOff, MONDAY_1900)).toEqual({
      ok: false,
      error: 'needs-friction',
      what: ['preset-off'],
    });
    expect(await save(presetsOff, MONDAY_1900, { reason: 'the school' })).toMatchObject({
      ok: false,
      error: 'too-soon',
    });
    await handleMessage({ type: 'openFriction', purpose: 'loosen' }, MONDAY_1900);
    expect(await save(presetsOff, MONDAY_1900 + MINUTE, { reason: 'x' })).toMatchObject({
      ok: false,
      error: 'reason-short',
    });
    // Nothing of it was applied or recorded, and the work site is still blocked.
    expect((await loadSettings()).settings).toEqual(before);
    expect(ofType(await readHistory(), 'loosened')).toEqual([]);
    expect(mailBlocked()).toBe(true);

    expect(await save(presetsOff, MONDAY_1900 + MINUTE, { reason: ' the school wrote ' })).toEqual({
      ok: true,
    });
    expect(ofType(await readHistory(), 'loosened')).toEqual([
      {
        type: 'loosened',
        at: MONDAY_1900 + MINUTE,
        what: ['preset-off'],
        reason: 'the school wrote',
      },
    ]);
    expect(Object.values((await loadSettings()).settings.presets)).not.toContain(true);
    expect(mailBlocked()).toBe(false);
  });

  test('the wait is used once: the next loosening opens the form and waits again', async () => {
    await withFriction();
    await handleMessage({ type: 'openFriction', purpose: 'loosen' }, MONDAY_1900);
    const noSites = (s: Settings) => ({ ...s, sites: [] });
    const addWiki = (s: Settings) => ({
      ...s,
      sites: [
        ...s.sites,
        { id: 'w', pattern: 'en.wikipedia.org', list: 'block' as const, updatedAt: 1 },
      ],
    });
    expect(await save(addWiki, MONDAY_1900)).toEqual({ ok: true });
    expect(await save(noSites, MONDAY_1900 + MINUTE, { reason: 'the school' })).toEqual({
      ok: true,
    });
    expect(
      await save(presetsOff, MONDAY_1900 + 2 * MINUTE, { reason: 'the school' }),
    ).toMatchObject({
      ok: false,
      error: 'too-soon',
    });
  });

  test('a backup import that loosens meets the same friction, and is recorded', async () => {
    await withFriction();
    expect(await save(presetsOff, MONDAY_1900, { via: 'import' })).toMatchObject({
      ok: false,
      error: 'needs-friction',
    });
    await handleMessage({ type: 'openFriction', purpose: 'loosen' }, MONDAY_1900);
    expect(
      await save(presetsOff, MONDAY_1900 + MINUTE, { via: 'import', reason: 'old backup' }),
    ).toEqual({ ok: true });
    expect(ofType(await readHistory(), 'loosened')).toHaveLength(1);
  });

  test('without friction chosen: applied, and recorded as what it was', async () => {
    expect(await save((s) => ({ ...s, windows: [] }), MONDAY_1900)).toEqual({ ok: true });
    expect(ofType(await readHistory(), 'loosened')).toEqual([
      { type: 'loosened', at: MONDAY_1900, what: ['window-off'], reason: '' },
    ]);
    expect(mailBlocked()).toBe(false);
  });

  test('tightening applies at once, with no friction and no loosening recorded', async () => {
    await withFriction();
    const wiki = { id: 'w', pattern: 'en.wikipedia.org', list: 'block' as const, updatedAt: 1 };
    expect(await save((s) => ({ ...s, sites: [...s.sites, wiki] }), MONDAY_1900)).toEqual({
      ok: true,
    });
    expect(outcome(dnr.installed(), WIKI).action).toBe('redirect');
    expect(ofType(await readHistory(), 'loosened')).toEqual([]);
  });

  test('outside family time nothing is a loosening', async () => {
    await withFriction();
    expect(await save(presetsOff, MONDAY_1800 - 60 * MINUTE)).toEqual({ ok: true });
    expect(ofType(await readHistory(), 'loosened')).toEqual([]);
  });

  test('only the page’s own edits are laid over what arrived meanwhile', async () => {
    const { settings: base } = await loadSettings();
    // The popup adds a note while the options page edits its draft.
    await handleMessage(
      { type: 'addNote', text: 'Lego tower', kind: 'standing', child: '' },
      MONDAY_1900,
    );
    const wiki = { id: 'w', pattern: 'en.wikipedia.org', list: 'block' as const, updatedAt: 1 };
    expect(
      await handleMessage(
        { type: 'saveSettings', base, next: { ...base, sites: [wiki] }, via: 'edit' },
        MONDAY_1900,
      ),
    ).toEqual({ ok: true });
    const { settings } = await loadSettings();
    expect(settings.notes.map((n) => n.text)).toEqual(['Lego tower']);
    expect(settings.sites.map((s) => s.pattern)).toEqual(['en.wikipedia.org']);
  });

  test('unreadable settings are never written over by an edit; an import may replace them', async () => {
    await browser.storage.local.set({ settings: 'not settings at all' });
    const next = defaultSettings();
    expect(
      await handleMessage(
        { type: 'saveSettings', base: next, next, via: 'edit' },
        MONDAY_1800 - 60 * MINUTE,
      ),
    ).toEqual({ ok: false, error: 'settings-unreadable' });
    expect((await browser.storage.local.get('settings')).settings).toBe('not settings at all');
    expect(
      await handleMessage(
        { type: 'saveSettings', base: next, next, via: 'import' },
        MONDAY_1800 - 60 * MINUTE,
      ),
    ).toEqual({ ok: true });
    expect((await loadSettings()).problems).toEqual([]);
  });
});
