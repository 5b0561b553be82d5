import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS } from '../../../utils/browser/storage-keys';
import { PRIVATE_PHOTOS_BUDGET } from '../../../utils/photos/private-copy';
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
import { axeViolations, SCREENSHOTS } from '../support/look';
import {
  CHILD,
  drawEveningPhoto,
  offProbes,
  PHOTO,
  removePhotoFile,
  samplePhoto,
  saveDataUrl,
} from '../support/reminder';
import { addPhotoOn, photoSamples } from '../support/reminder-chromium';

declare const chrome: typeof import('wxt/browser').browser;

// Private (Incognito) windows in Chrome/Edge. Hearth is loaded over CDP with
// "allowed in Incognito" on (Extensions.loadUnpacked { enableInIncognito }),
// and a Playwright context here is an off-the-record profile: an incognito
// window. With "incognito": "split" Chromium runs a second copy of Hearth
// there, so its redirect lands on the reminder instead of an error page.
// The regular profile (the parent's normal window) is reached over a second,
// CDP connection to the same browser: its default context. The two copies of
// Hearth share storage.local only (no IndexedDB, no messages), so the photo
// added in the normal window and the history written in the private one
// cross through it (docs/ARCHITECTURE.md "Private windows").
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

describe('Chromium: a private window, with Hearth allowed there', () => {
  let sites: WorkSites;
  let browser: Browser;
  let overCdp: Browser;
  let normal: BrowserContext;
  let photoFile: string | undefined;
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
    const port = await freePort();
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
        `--remote-debugging-port=${port}`,
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
    overCdp = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    const regular = overCdp.contexts()[0];
    if (!regular) throw new Error('the regular profile is not reachable over CDP');
    normal = regular;
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
    // In the normal window, as the parent does it: Options → Photos → "Add photos", then the name.
    const blank = await normal.newPage();
    photoFile = await saveDataUrl(await blank.evaluate(drawEveningPhoto), PHOTO.name);
    await blank.close();
    const options = await normal.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#photos`);
    await addPhotoOn(options, photoFile);
    await options.close();
    sites.clearLog();
  });

  afterAll(async () => {
    await overCdp?.close().catch(() => undefined);
    await removePhotoFile(photoFile);
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
    // The photo added in the normal window, with the child's name (the private copy's IndexedDB is empty).
    await page.getByRole('img', { name: `Photo of ${CHILD}` }).waitFor();
    expect(offProbes(await photoSamples(page))).toEqual([]);
    // What the copy for private windows takes of storage.local's 10 MB (reported, and bounded).
    const bytes = await control.evaluate(
      (key) => chrome.storage.local.getBytesInUse(key),
      KEYS.privatePhotos,
    );
    console.info(`the private windows' copy of 1 photo: ${bytes} bytes in storage.local`);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(PRIVATE_PHOTOS_BUDGET);
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

  it('what happened in the private window is in the history the normal window shows', async () => {
    const options = await normal.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#history`);
    const rows = options.getByRole('region', { name: 'History' }).getByRole('listitem');
    const read = async () =>
      (await rows.allTextContents()).map((text) => text.replace(/\s+/gu, ' ').trim());
    // The regular copy takes the private copy's entries in as they come; the page reads them on open.
    const host = new URL(sites.url('mail.work.test', '/')).host;
    // A row is the time, then what happened: "1:18 PM Kept away mail.work.test:39371".
    const what = (row: string) => row.replace(/^\d{1,2}:\d{2}\s?[AP]M\s/u, '');
    const count = (rows: string[], start: string) =>
      rows.filter((r) => what(r).startsWith(start)).length;
    let shown: string[] = [];
    // Both visits kept away, the page saved, the step past and its end (the tab was closed).
    const history = await pollFor(
      () =>
        `the private window's entries in the normal window's history (it shows ${JSON.stringify(shown)})`,
      async () => {
        await options.reload();
        await options.getByRole('region', { name: 'History' }).waitFor();
        shown = await read();
        return count(shown, `Stepped past to ${host} `) > 0 && count(shown, 'Step-past ended') > 0
          ? shown
          : undefined;
      },
      20_000,
      500,
    );
    // Each entry once, though both copies of Hearth saw the step-past end.
    expect(count(history, `Kept away ${host}`)).toBe(2);
    expect(count(history, `Saved for after: ${host}`)).toBe(1);
    expect(count(history, `Stepped past to ${host} `)).toBe(1);
    expect(count(history, 'Step-past ended')).toBe(1);
    // Nothing is left waiting in storage.local once it is in the history.
    const waiting = await options.evaluate(
      async (prefix) => (await chrome.storage.local.getKeys()).filter((k) => k.startsWith(prefix)),
      KEYS.privateHistoryInbox,
    );
    expect(waiting).toEqual([]);
    await options.close();
  });

  it('looks calm in a private window, light and dark', async () => {
    const page = await incognito.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    const inbox = sites.url('mail.work.test', '/inbox?look=1');
    await typeUrl(page, inbox);
    await page.getByRole('img', { name: `Photo of ${CHILD}` }).waitFor();
    await page.getByText(NOTE).waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await pollFor('the photo to be decoded', () =>
        page.evaluate(samplePhoto, [{ x: 1, y: 1 }]).then((s) => s ?? undefined),
      );
      await page.screenshot({ path: join(SCREENSHOTS, `reminder-private-${scheme}.png`) });
    }
    await page.close();
  });

  it('the options page in a private window says photos and history are in the normal window', async () => {
    const options = await incognito.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const photos = options.getByRole('region', { name: 'Photos' });
    await photos
      .getByText('Your photos are kept in your normal window.', { exact: false })
      .waitFor();
    // Nothing to add photos into here: they would be lost with the private window.
    expect(await photos.getByLabel('Add photos').count()).toBe(0);
    const history = options.getByRole('region', { name: 'History' });
    await history
      .getByText('What happens in private windows is kept in your history', { exact: false })
      .waitFor();
    expect(await history.getByRole('listitem').count()).toBe(0);
    expect(await axeViolations(options)).toEqual([]);
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await photos.scrollIntoViewIfNeeded();
      await options.screenshot({ path: join(SCREENSHOTS, `options-private-${scheme}.png`) });
    }
    await options.close();
    // The popup there knows the photo too: no "add a photo" hint.
    const popup = await incognito.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.getByRole('heading').first().waitFor();
    // Absence needs a moment to mean something (the hints are the background's answer); the
    // same popup shows the hint once the photo is gone (the last test).
    await popup.waitForTimeout(2000);
    expect(await popup.getByRole('link', { name: 'Add a photo' }).count()).toBe(0);
    await popup.close();
  });

  it('a photo removed in the normal window is gone from the private window too', async () => {
    const options = await normal.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#photos`);
    await options.getByRole('button', { name: `Remove photo of ${CHILD}` }).click();
    await pollFor('the photo to be removed', async () =>
      (await options.getByRole('button', { name: `Remove photo of ${CHILD}` }).count()) === 0
        ? true
        : undefined,
    );
    // Closed the moment the photo left the list, as a parent might: the copy is gone already.
    await options.close();
    const stored = await control.evaluate(
      (key) => chrome.storage.local.get(key),
      KEYS.privatePhotos,
    );
    expect(Object.keys(stored)).toEqual([]);
    const page = await incognito.newPage();
    await typeUrl(page, sites.url('mail.work.test', '/inbox?removed=1'));
    await page.getByText('Add a photo of your child, and it will greet you here.').waitFor();
    expect(await page.getByRole('img', { name: `Photo of ${CHILD}` }).count()).toBe(0);
    await page.close();
    const popup = await incognito.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    // The hint is the private copy's background's answer, which may first have to start.
    await popup.getByRole('link', { name: 'Add a photo' }).waitFor();
    await popup.close();
  });
});
