import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeWindow,
  CHROME_PATH,
  EXTENSION_DIR,
  pollFor,
  recordCommits,
  settingsWith,
  TIME_ZONE,
  typeUrl,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';

declare const chrome: typeof import('wxt/browser').browser;

// Private (Incognito) windows in Chrome/Edge. Hearth is loaded over CDP with
// "allowed in Incognito" on (Extensions.loadUnpacked { enableInIncognito }),
// and a Playwright context here is an off-the-record profile: an incognito
// window. With "incognito": "split" Chromium runs a second copy of Hearth
// there, so its redirect lands on the reminder instead of an error page.
describe('Chromium: a private window, with Hearth allowed there', () => {
  let sites: WorkSites;
  let browser: Browser;
  let incognito: BrowserContext;
  let control: Page;
  let extensionId: string;
  let copy: string;
  const NOTE = 'Tonight: finish the Lego tower with Leo';

  beforeAll(async () => {
    sites = await startWorkSites();
    // A copy, so a rebuild during the run cannot change the extension under the test.
    copy = await mkdtemp(join(tmpdir(), 'hearth-e2e-incognito-'));
    await rm(copy, { recursive: true });
    const { cp } = await import('node:fs/promises');
    await cp(EXTENSION_DIR, copy, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROME_PATH,
      headless: true,
      env: { ...process.env, TZ: TIME_ZONE },
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--enable-unsafe-extension-debugging',
        '--host-resolver-rules=MAP *.work.test 127.0.0.1, MAP work.test 127.0.0.1, MAP play.test 127.0.0.1',
      ],
    });
    const cdp = await browser.newBrowserCDPSession();
    const loaded = (await cdp.send(
      'Extensions.loadUnpacked' as never,
      {
        path: copy,
        enableInIncognito: true,
      } as never,
    )) as unknown as { id: string };
    extensionId = loaded.id;
    incognito = await browser.newContext();
    // An extension page in the private window: it belongs to the incognito copy.
    control = await incognito.newPage();
    await control.goto(`chrome-extension://${extensionId}/popup.html`);
    const settings = settingsWith([activeWindow(90).window]);
    settings.gentleness = { ...settings.gentleness, waitSeconds: 0, reasonRequired: false };
    settings.notes = [
      {
        id: 'note',
        text: NOTE,
        kind: 'standing',
        date: null,
        child: 'Leo',
        createdAt: Date.now(),
        updatedAt: Date.now(),
      },
    ];
    await control.evaluate(
      (settings) =>
        chrome.storage.local.set({ settings, runtime: { session: null, pause: null, grants: [] } }),
      settings,
    );
    await pollFor('the incognito copy to install the rules', async () =>
      (await control.evaluate(() => chrome.declarativeNetRequest.getDynamicRules())).length > 0
        ? true
        : undefined,
    );
    sites.clearLog();
  });

  afterAll(async () => {
    await browser?.close();
    await sites?.close();
    if (copy) await rm(copy, { recursive: true, force: true });
  });

  it('Hearth runs a copy of its own in the private window (split mode)', async () => {
    expect(await control.evaluate(() => chrome.extension.inIncognitoContext)).toBe(true);
  });

  it('a work site shows the reminder with the note, and nothing reaches the site', async () => {
    const page = await incognito.newPage();
    const commits = recordCommits(page);
    const inbox = sites.url('mail.work.test', '/inbox');
    await typeUrl(page, inbox);
    const reminder = `chrome-extension://${extensionId}/blocked.html#${inbox}`;
    await pollFor(
      () => `the reminder (the tab is on ${page.url()})`,
      () => (page.url() === reminder ? true : undefined),
    );
    await page.getByText(NOTE).waitFor();
    await page.getByRole('button', { name: 'Save it for after' }).waitFor();
    expect(commits.every((url) => url === reminder)).toBe(true);
    expect(sites.requestsFor('mail.work.test')).toEqual([]);

    await page.getByRole('button', { name: 'Save it for after' }).click();
    await pollFor('the page to be saved for after', async () => {
      const { savedForAfter } = await control.evaluate(() =>
        chrome.storage.local.get('savedForAfter'),
      );
      return Array.isArray(savedForAfter) && savedForAfter.length === 1 ? true : undefined;
    });
    await page.close();
  });

  it('the way past opens the site there, as in a normal window', async () => {
    const page = await incognito.newPage();
    const inbox = sites.url('mail.work.test', '/inbox?step=1');
    await typeUrl(page, inbox);
    await page.getByRole('button', { name: 'I need this site for a moment' }).click();
    await page.getByRole('button', { name: /^Open mail\.work\.test/ }).click();
    await pollFor(
      () => `the site to open (the tab is on ${page.url()})`,
      () => (page.url() === inbox ? true : undefined),
    );
    await page.locator('#site').waitFor();
    expect(sites.requestsFor('mail.work.test')).toContain('/inbox?step=1');
    await page.close();
  });
});
