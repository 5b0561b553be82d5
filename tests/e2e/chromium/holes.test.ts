import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeWindow,
  expectOnlyReminder,
  HearthBrowser,
  NO_RUNTIME,
  pollFor,
  recordCommits,
  reminderUrlFor,
  settingsWith,
  typeUrl,
  waitForUrl,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';
import { axeViolations, SCREENSHOTS } from '../support/look';

declare const chrome: typeof import('wxt/browser').browser;

// Issue 10: the holes a parent finds in the first week. A very long page
// address no longer switches blocking off; a work site embedded in another
// page stays out; hosts written with a trailing dot or in capitals are caught;
// the reminder does nothing when a web page frames it.
const LONG_DOC_ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_aBcDe'; // 44 characters, like a Google Doc's
const LONG_DOC = `docs.work.test/document/d/${LONG_DOC_ID}/edit`;

describe('Chromium: blocking without holes', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;
  const { window } = activeWindow(90);

  beforeAll(async () => {
    sites = await startWorkSites();
    hearth = await HearthBrowser.launch();
    // As sync or an older Hearth could bring it: the long address stored beside the mail site.
    const settings = settingsWith([window]);
    settings.sites = [
      { id: 'mail', pattern: 'mail.work.test', list: 'block', updatedAt: Date.now() },
      { id: 'doc', pattern: LONG_DOC, list: 'block', updatedAt: Date.now() },
      { id: 'path', pattern: 'play.test/work', list: 'block', updatedAt: Date.now() },
    ];
    await hearth.arrange({ settings, runtime: NO_RUNTIME });
    await hearth.settle(true);
    sites.clearLog();
  });

  afterAll(async () => {
    await hearth?.close();
    await sites?.close();
  });

  it('a stored long Docs address leaves the rest of the rules working: nothing reaches the mail site', async () => {
    const inbox = sites.url('mail.work.test', '/inbox');
    const page = await hearth.context.newPage();
    const commits = recordCommits(page);
    await typeUrl(page, inbox);
    await waitForUrl(page, reminderUrlFor(hearth, inbox));
    expectOnlyReminder(commits, reminderUrlFor(hearth, inbox));
    expect(sites.requestsFor('mail.work.test')).toEqual([]);
    await page.close();
  });

  it('Coverage names the address the browser could not take', async () => {
    const options = await hearth.openExtensionPage('options');
    const coverage = options.getByRole('region', { name: 'What Hearth can see' });
    await coverage
      .getByText(`This browser cannot match “${LONG_DOC}” exactly`, { exact: false })
      .waitFor();
    await options.close();
  });

  it('typing the long address in options is refused kindly, offering a shorter one', async () => {
    const options = await hearth.openExtensionPage('options');
    const list = options.getByRole('heading', { name: 'Also keep away' }).locator('..');
    await list.getByLabel('Site address').fill(`https://${LONG_DOC.replace('docs.', 'sheets.')}`);
    await list.getByRole('button', { name: 'Add site' }).click();
    await list
      .getByText(
        `“${LONG_DOC.replace('docs.', 'sheets.')}” is longer than this browser can match exactly. Add “sheets.work.test/document/d”`,
        { exact: false },
      )
      .waitFor();
    const stored = await hearth.inWorker(
      () => chrome.storage.local.get('settings').then((r) => JSON.stringify(r.settings)),
      undefined,
    );
    expect(stored).not.toContain('sheets.work.test');
    await options.close();
  });

  it('a work site embedded in another page fetches nothing, and the frame says one calm line', async () => {
    const page = await hearth.context.newPage();
    await page.goto(sites.url('play.test', '/embed'));
    const frame = page.frameLocator('#embedded');
    await frame.getByText('Hearth is keeping this for after family time.').waitFor();
    expect(await frame.getByRole('button').count()).toBe(0);
    expect(await frame.getByRole('link').count()).toBe(0);
    expect(sites.requestsFor('mail.work.test')).toEqual([]);
    await page.close();
  });

  it.each([
    ['a trailing dot', (url: string) => url.replace('mail.work.test', 'mail.work.test.')],
    ['capitals', (url: string) => url.replace('mail.work.test', 'MAIL.Work.TEST')],
  ])('a host written with %s is caught as the plain host is', async (_, spell) => {
    const typed = spell(sites.url('mail.work.test', '/inbox'));
    const page = await hearth.context.newPage();
    await typeUrl(page, typed);
    await pollFor(
      () => `the tab to reach the reminder (it is on ${page.url()})`,
      () => (page.url().startsWith(hearth.extensionUrl('blocked')) ? true : undefined),
    );
    await page.getByText('Save it for after').waitFor();
    expect(sites.requestsFor('mail.work.test')).toEqual([]);
    expect(sites.requestsFor('mail.work.test.')).toEqual([]);
    await page.close();
  });

  it('a path pattern is not walked past by capitals, and nothing is fetched', async () => {
    const path = '/Work/today';
    const page = await hearth.context.newPage();
    await typeUrl(page, sites.url('play.test', path));
    await pollFor(
      () => `the tab to reach the reminder (it is on ${page.url()})`,
      () => (page.url().startsWith(hearth.extensionUrl('blocked')) ? true : undefined),
    );
    await page.getByText('Save it for after').waitFor();
    expect(sites.requestsFor('play.test')).not.toContain(path);
    await page.close();
  });

  // Chromium cannot hold an escape-tolerant regex (refused even for one character), so an
  // escaped letter walks past the rule; the backstop catches it at onBeforeNavigate. Measured:
  // the request itself still reaches the site first (a known, reported limit), but the page
  // never stays: the tab lands on the reminder.
  it.each(['/%77ork/today'])('an escaped path (%s) still ends on the reminder', async (path) => {
    const typed = sites.url('play.test', path);
    const page = await hearth.context.newPage();
    await typeUrl(page, typed);
    await pollFor(
      () => `the tab to reach the reminder (it is on ${page.url()})`,
      () => (page.url().startsWith(hearth.extensionUrl('blocked')) ? true : undefined),
    );
    await page.getByText('Save it for after').waitFor();
    await page.close();
  });

  it('a web page framing the reminder gets one calm line, nothing to click, and no history', async () => {
    const before = await hearth.historyCount();
    const reminder = reminderUrlFor(hearth, sites.url('mail.work.test', '/inbox'));
    const page = await hearth.context.newPage();
    await page.goto(sites.url('play.test', `/embed?src=${encodeURIComponent(reminder)}`));
    const frame = page.frameLocator('#embedded');
    await frame.getByText('Hearth is keeping this for after family time.').waitFor();
    expect(await frame.getByRole('button').count()).toBe(0);
    expect(await frame.getByRole('textbox').count()).toBe(0);
    // A top-level reminder writes its entry within moments; give the framed one the same chance.
    const top = await hearth.context.newPage();
    await top.goto(reminder);
    await top.getByText('Save it for after').waitFor();
    await pollFor('the top-level visit to be written', async () =>
      (await hearth.historyCount()) === before + 1 ? true : undefined,
    );
    expect(await hearth.historyCount()).toBe(before + 1);
    await top.close();
    await page.close();
  });

  it.each(['light', 'dark'] as const)(
    'looks calm, %s: the framed line and the options notices',
    async (scheme) => {
      const embed = await hearth.context.newPage();
      await embed.emulateMedia({ colorScheme: scheme });
      await embed.setViewportSize({ width: 800, height: 480 });
      await embed.goto(sites.url('play.test', '/embed'));
      await embed.frameLocator('#embedded').getByText('Hearth is keeping this').waitFor();
      await embed.screenshot({ path: resolve(SCREENSHOTS, `embedded-work-site-${scheme}.png`) });
      await embed.close();

      const options = await hearth.context.newPage();
      await options.emulateMedia({ colorScheme: scheme });
      await options.setViewportSize({ width: 1100, height: 900 });
      await options.goto(hearth.extensionUrl('options'));
      const list = options.getByRole('heading', { name: 'Also keep away' }).locator('..');
      await list.getByLabel('Site address').fill(LONG_DOC.replace('docs.', 'slides.'));
      await list.getByRole('button', { name: 'Add site' }).click();
      await list
        .getByText('is longer than this browser can match exactly', { exact: false })
        .waitFor();
      await list.screenshot({ path: resolve(SCREENSHOTS, `site-too-long-${scheme}.png`) });
      const coverage = options.getByRole('region', { name: 'What Hearth can see' });
      await coverage.getByText('This browser cannot match', { exact: false }).waitFor();
      await coverage.screenshot({ path: resolve(SCREENSHOTS, `coverage-refused-${scheme}.png`) });
      expect(await axeViolations(options)).toEqual([]);
      await options.close();
    },
  );
});
