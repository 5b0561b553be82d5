import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../utils/settings/schema';
import {
  clockText,
  type ExtensionApi,
  expectOnlyReminder,
  HearthBrowser,
  NO_RUNTIME,
  plain,
  pollFor,
  recordCommits,
  reminderUrlFor,
  typeUrl,
  waitForUrl,
  zonedNow,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';
import {
  addWindow,
  fillWindowForm,
  hhmm,
  openOptions,
  pressChord,
  redirectedDomains,
  storedSettings,
  waitForRedirect,
  waitForStored,
  windowForm,
} from '../support/options-page';

declare const chrome: ExtensionApi;

/**
 * The settings page driven as a parent drives it (labels, roles, keyboard),
 * and what each change does to real browsing; plus the keyboard shortcut.
 *
 * The presets hold real domains. outlook.live.com (Mail) and slack.com (Chat)
 * are mapped to the fake sites on loopback; mail.google.com is not used for
 * "loads again" because Chromium's preloaded HSTS list upgrades it to https,
 * which the plain-http fake server cannot answer.
 */
const PRESET_HOSTS = ['outlook.live.com', 'slack.com'];

/** No windows at all (so nothing is on, whatever the hour), presets on, no sites of our own. */
function quietSettings(): Settings {
  return { ...defaultSettings(), windows: [], sites: [] };
}

describe('Chromium: the settings page, driven by a parent', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;
  let options: Page;

  beforeAll(async () => {
    sites = await startWorkSites();
    hearth = await HearthBrowser.launch({
      // Replaces the fixture's rules (the last --host-resolver-rules wins), keeping its hosts.
      args: [
        `--host-resolver-rules=${[
          '*.work.test',
          'work.test',
          'play.test',
          ...PRESET_HOSTS,
          'mail.google.com',
        ]
          .map((host) => `MAP ${host} 127.0.0.1`)
          .join(', ')}`,
      ],
    });
    await hearth.arrange({ settings: quietSettings(), runtime: NO_RUNTIME });
    await hearth.settle(false);
    options = await openOptions(hearth);
  });

  afterAll(async () => {
    try {
      await hearth?.close();
    } finally {
      await sites?.close();
    }
  });

  /** A new tab, as if the parent typed the address; returns it with the documents it committed. */
  async function visit(url: string): Promise<{ tab: Page; commits: string[] }> {
    const tab = await hearth.context.newPage();
    const commits = recordCommits(tab);
    await typeUrl(tab, url);
    return { tab, commits };
  }

  async function expectBlocked(url: string): Promise<void> {
    const host = new URL(url).hostname;
    sites.clearLog();
    const { tab, commits } = await visit(url);
    try {
      await waitForUrl(tab, reminderUrlFor(hearth, url));
      expectOnlyReminder(commits, reminderUrlFor(hearth, url));
      await tab.getByText(`You reached for ${new URL(url).host}.`).waitFor();
      expect(sites.requestsFor(host)).toEqual([]);
    } finally {
      await tab.close();
    }
  }

  async function expectLoads(url: string): Promise<void> {
    const { hostname, pathname } = new URL(url);
    sites.clearLog();
    const { tab } = await visit(url);
    try {
      await waitForUrl(tab, url);
      expect(await tab.locator('#site').textContent()).toBe(`${hostname}${pathname}`);
      expect(sites.requestsFor(hostname)).toContain(pathname);
    } finally {
      await tab.close();
    }
  }

  it('Alt+Shift+F on a web page starts family time, and the shortcut is registered as such', async () => {
    const commands = await hearth.inWorker(() => chrome.commands.getAll(), undefined);
    expect(commands).toContainEqual(
      expect.objectContaining({
        name: 'start-family-time',
        shortcut: 'Alt+Shift+F',
        description: 'Start family time now',
      }),
    );

    const page = await hearth.context.newPage();
    try {
      await page.goto(sites.url('play.test', '/'));
      await page.bringToFront();
      const cdp = await hearth.context.newCDPSession(page);
      // Real key events into the focused tab; Chromium routes the chord to the extension command.
      await pressChord(cdp, ['Alt', 'Shift'], 'F');
      await cdp.detach();
      await hearth.settle(true);
    } finally {
      await page.close();
    }

    const popup = await hearth.openExtensionPage('popup');
    try {
      await popup.getByRole('button', { name: 'End family time' }).waitFor();
      const headline = plain(await popup.getByRole('heading', { level: 1 }).textContent());
      expect(headline).toMatch(/^Family time until /);
      await expectBlocked(sites.url('slack.com', '/messages'));

      await popup.getByRole('button', { name: 'End family time' }).click();
      await popup.getByRole('button', { name: 'Start family time' }).waitFor();
      await hearth.settle(false);
    } finally {
      await popup.close();
    }
    // Ending early pauses family time until the session's planned end, which would hold
    // back the window the next tests add; the rest of the file starts from a clean runtime.
    await hearth.arrange({ runtime: NO_RUNTIME });
  });

  it('a window that crosses midnight is drawn on both of its days', async () => {
    await options.getByRole('button', { name: 'Add a window' }).click();
    await fillWindowForm(options, { name: 'Night shift', days: [5], start: '22:00', end: '01:00' });
    // The form says so before saving.
    await windowForm(options).getByText('Ends the next day.').waitFor();
    await windowForm(options).getByRole('button', { name: 'Save window' }).click();
    await windowForm(options).waitFor({ state: 'detached' });

    const week = options.getByRole('region', { name: 'This week' });
    const friday = week.getByRole('button', {
      name: /^Edit Night shift: Fri, 10:00\sPM–12:00\sAM$/,
    });
    const saturday = week.getByRole('button', {
      name: /^Edit Night shift: Sat, 12:00\sAM–1:00\sAM$/,
    });
    await friday.waitFor();
    await saturday.waitFor();
    // Two pieces of one window, and nothing on any other day.
    expect(await week.getByRole('button', { name: /^Edit Night shift:/ }).count()).toBe(2);
    // The Saturday piece starts at the top of its column (midnight).
    expect(await saturday.evaluate((el) => (el as HTMLElement).style.top)).toBe('0%');

    const stored = await waitForStored(hearth, 'the night-shift window', (s) =>
      s.windows.some((w) => w.label === 'Night shift'),
    );
    expect(stored.windows.find((w) => w.label === 'Night shift')).toMatchObject({
      days: [5],
      startMinute: 22 * 60,
      lengthMinutes: 180,
      enabled: true,
    });

    // Clicking either piece opens that window to edit.
    await saturday.click();
    await options.getByRole('form', { name: 'Edit window' }).waitFor();
    expect(await windowForm(options).getByLabel('Starts').inputValue()).toBe('22:00');
    expect(await windowForm(options).getByLabel('Ends').inputValue()).toBe('01:00');
    await windowForm(options).getByRole('button', { name: 'Cancel' }).click();
    await windowForm(options).waitFor({ state: 'detached' });
  });

  it('a site typed into "Site address" is kept away in a new tab during a window', async () => {
    // A window on now: started five minutes ago, ends in 85 minutes (the form handles midnight).
    const start = zonedNow()
      .round({ smallestUnit: 'minute', roundingMode: 'floor' })
      .subtract({ minutes: 5 });
    const end = start.add({ minutes: 90 });
    await addWindow(options, {
      name: 'Homework',
      days: [start.dayOfWeek],
      start: hhmm(start),
      end: hhmm(end),
    });
    await hearth.settle(true);
    // The week section says so (its clock keeps a no-break space before PM: compared plain).
    await expect
      .poll(async () => plain(await options.locator('#week .next-line').textContent()))
      .toBe(`On now, until ${clockText(end)}`);

    // Not on any list yet: it loads.
    const inbox = sites.url('mail.work.test', '/inbox');
    await expectLoads(inbox);

    const field = options.getByLabel('Site address', { exact: true });
    await field.click();
    await options.keyboard.type('mail.work.test');
    await options.keyboard.press('Enter');
    await options.getByText('Added mail.work.test.').waitFor();
    await options
      .getByRole('list')
      .getByRole('button', { name: 'Remove mail.work.test', exact: true })
      .waitFor();
    expect(await field.inputValue()).toBe('');

    await waitForRedirect(hearth, 'mail.work.test', true);
    await expectBlocked(inbox);
  });

  it('a bad site gets its own error, live and on Add, and changes nothing', async () => {
    const before = await storedSettings(hearth);
    const rulesBefore = await redirectedDomains(hearth);
    const field = options.getByLabel('Site address', { exact: true });
    const feedback = options.locator('#block-feedback');

    // Live: leaving the field with a non-web address says why at once.
    await field.click();
    await options.keyboard.type('ftp://files.work.test');
    await options.keyboard.press('Tab');
    await expect
      .poll(() => feedback.textContent())
      .toBe("“ftp:” addresses can't be kept away; only web pages (http or https) can.");
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    // On Add: a name with no dot gets a suggestion, and stays in the field to fix.
    await field.fill('mailwork');
    await options.getByRole('button', { name: 'Add site', exact: true }).click();
    await expect
      .poll(() => feedback.textContent())
      .toBe('“mailwork” is not a site address. Did you mean mailwork.com?');
    expect(await field.inputValue()).toBe('mailwork');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    // The field names its feedback, so a screen reader hears the error with it.
    expect(await field.getAttribute('aria-describedby')).toBe('block-feedback');

    expect(
      await options.locator('.site-list').first().getByRole('listitem').allTextContents(),
    ).toHaveLength(before.sites.filter((s) => s.list === 'block').length);

    // Nothing saved, nothing enforced differently. A good site added next goes through the
    // same save and the same rules: once that save is acknowledged (stored, and its rule
    // installed), anything the bad attempts had queued would be there with it.
    await field.fill('check.work.test');
    await options.getByRole('button', { name: 'Add site', exact: true }).click();
    await options.getByText('Added check.work.test.').waitFor();
    const saved = await waitForStored(hearth, 'check.work.test', (s) =>
      s.sites.some((site) => site.pattern === 'check.work.test'),
    );
    await waitForRedirect(hearth, 'check.work.test', true);
    expect(saved.sites.filter((site) => site.pattern !== 'check.work.test')).toEqual(before.sites);
    expect(await redirectedDomains(hearth)).toEqual([...rulesBefore, 'check.work.test'].sort());
    // And away again, so the tests after this one start from the same list.
    await options.getByRole('button', { name: 'Remove check.work.test', exact: true }).click();
    await waitForStored(hearth, 'check.work.test removed', (s) =>
      s.sites.every((site) => site.pattern !== 'check.work.test'),
    );
    await waitForRedirect(hearth, 'check.work.test', false);
    expect((await storedSettings(hearth)).sites).toEqual(before.sites);
  });

  it('bulk paste with two bad lines adds the rest and names exactly those two lines', async () => {
    const pasted = ['docs.work.test', 'bad site', 'wiki.work.test', 'mailwork'].join('\n');
    // A real paste: selected and copied (Ctrl+C) in a text box on another page, then
    // Ctrl+V into the box here.
    const copyFrom = await hearth.context.newPage();
    try {
      await copyFrom.setContent('<textarea aria-label="Draft"></textarea>');
      await copyFrom.getByLabel('Draft').fill(pasted);
      await copyFrom.getByLabel('Draft').focus();
      await copyFrom.keyboard.press('ControlOrMeta+A');
      await copyFrom.keyboard.press('ControlOrMeta+C');
    } finally {
      await copyFrom.close();
    }
    await options.bringToFront();
    const area = options.getByLabel('Paste many sites, one per line');
    await area.focus();
    await options.keyboard.press('ControlOrMeta+V');
    expect(await area.inputValue()).toBe(pasted);
    await options.getByRole('button', { name: 'Add these sites' }).click();

    const report = options.locator('.bulk-report');
    await expect
      .poll(async () => plain(await report.locator('p').textContent()))
      .toBe('Added 2. 2 lines need a look:');
    expect(await report.getByRole('listitem').allTextContents()).toEqual([
      'Line 2: A site address has no spaces.',
      'Line 4: “mailwork” is not a site address. Did you mean mailwork.com?',
    ]);
    // The lines that need a look stay in the box to fix.
    expect(await area.inputValue()).toBe(pasted);

    const stored = await waitForStored(hearth, 'the two good pasted sites', (s) =>
      ['docs.work.test', 'wiki.work.test'].every((p) => s.sites.some((x) => x.pattern === p)),
    );
    expect(stored.sites.map((s) => s.pattern).sort()).toEqual(
      ['docs.work.test', 'mail.work.test', 'wiki.work.test'].sort(),
    );
    await options.getByRole('button', { name: 'Remove wiki.work.test', exact: true }).waitFor();
    await waitForRedirect(hearth, 'wiki.work.test', true);
    await expectBlocked(sites.url('wiki.work.test', '/home'));
  });

  it('turning the Mail preset off lets its sites through at once, and only its sites', async () => {
    const outlook = sites.url('outlook.live.com', '/mail/');
    await expectBlocked(outlook);

    const mail = options.getByRole('checkbox', { name: /^Mail\b/ });
    expect(await mail.isChecked()).toBe(true);
    await mail.focus();
    await options.keyboard.press('Space');
    expect(await mail.isChecked()).toBe(false);
    const off = Date.now();

    await waitForRedirect(hearth, 'outlook.live.com', false, 3_000);
    // Straight away, with the extension neither reloaded nor restarted.
    await expectLoads(outlook);
    expect(Date.now() - off).toBeLessThan(5_000);
    const domains = await redirectedDomains(hearth);
    expect(domains).not.toContain('mail.google.com');
    expect(domains).toContain('slack.com');
    await expectBlocked(sites.url('slack.com', '/messages'));
    await waitForStored(hearth, 'Mail off', (s) => !s.presets.mail);

    // And back on: kept away again.
    await mail.focus();
    await options.keyboard.press('Space');
    await waitForRedirect(hearth, 'outlook.live.com', true, 3_000);
    await expectBlocked(outlook);
  });

  it('everything saved so far is there after the settings page is opened again', async () => {
    await options.close();
    options = await openOptions(hearth);
    for (const name of ['Edit Night shift', 'Edit Homework']) {
      await options.getByRole('button', { name, exact: true }).waitFor();
    }
    for (const site of ['mail.work.test', 'docs.work.test', 'wiki.work.test']) {
      await options.getByRole('button', { name: `Remove ${site}`, exact: true }).waitFor();
    }
    expect(await options.getByRole('checkbox', { name: /^Mail\b/ }).isChecked()).toBe(true);
    const stored = await storedSettings(hearth);
    expect(stored.windows.map((w) => w.label).sort()).toEqual(['Homework', 'Night shift']);
    await pollFor('nothing left unsaved', async () =>
      (await options.locator('.save-state').textContent()) !== 'Saving…' ? true : undefined,
    );
  });
});
