import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../../utils/settings/read';
import type { Settings } from '../../../utils/settings/schema';
import {
  HearthBrowser,
  reminderUrlFor,
  TIME_ZONE,
  typeUrl,
  waitForUrl,
} from '../../harness/chromium';
import type { ExtensionGlobal } from '../../harness/firefox';
import {
  type Firefox,
  launchFirefox,
  navigate,
  openExtensionPage,
  poll,
  waitForLocation,
  waitForText,
} from '../../harness/firefox';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';
import {
  addBlockedSite,
  addPhoto,
  addStandingNote,
  addWindow,
  chooseBackup,
  comparable,
  exportBackup,
  openOptions,
  PHOTO_FILE,
  type PhotoSummary,
  photoIdentities,
  photosInPage,
  storedPhotos,
  storedSettings,
  windowAroundNow,
} from '../support/backup-flows';

// One backup file, both ways between vendors: set up in Chromium, exported,
// imported into Firefox (Merge); edited in Firefox, exported, imported into a
// fresh Chromium profile (Replace). Each browser then blocks the same sites in
// the same windows and shows the same note and photo.

/** The part of puppeteer's BiDi browser these tests use to choose where downloads go. */
interface BidiConnection {
  connection: { send(method: string, params: unknown): Promise<unknown> };
}

const NOTE_FROM_CHROMIUM = 'Ask Mia about her drawing <3';
const NOTE_FROM_FIREFOX = 'Pancakes with Leo on Sunday';

/** A button, checkbox or field by its accessible name, as a person finds it. */
const byName = (page: Page, role: string, name: string) =>
  page.locator(`::-p-aria([name="${name}"][role="${role}"])`);

async function firefoxSettings(page: Page): Promise<Settings> {
  const raw = await page.evaluate(async () => {
    const { browser } = globalThis as unknown as ExtensionGlobal;
    return (await browser.storage.local.get('settings')).settings;
  });
  return readSettings(raw).settings;
}

function waitForRules(page: Page): Promise<true> {
  return poll('rules redirecting work.test', async () => {
    const blocks = await page.evaluate(async () => {
      const { browser } = globalThis as unknown as ExtensionGlobal;
      const rules = await browser.declarativeNetRequest.getDynamicRules();
      return rules.some(
        (r) =>
          r.action.type === 'redirect' && (r.condition.requestDomains ?? []).includes('work.test'),
      );
    });
    return blocks ? true : undefined;
  });
}

describe('Firefox and Chromium: one backup file, both ways', () => {
  let sites: WorkSites;
  let firefox: Firefox;
  let downloads: string;
  const zoneBefore = process.env.TZ;
  let fromChromium: ReturnType<typeof comparable>;
  let chromiumPhotos: PhotoSummary[];
  let chromiumFile: string;
  let firefoxFile: string;
  let fromFirefox: ReturnType<typeof comparable>;
  let firefoxPhotos: PhotoSummary[];

  beforeAll(async () => {
    sites = await startWorkSites();
    // Windows are wall-clock times: both browsers live in the same zone, as one parent's laptops would.
    process.env.TZ = TIME_ZONE;
    firefox = await launchFirefox();
    downloads = await mkdtemp(join(tmpdir(), 'hearth-e2e-firefox-downloads-'));
    await (firefox.browser as unknown as BidiConnection).connection.send(
      'browser.setDownloadBehavior',
      {
        downloadBehavior: { type: 'allowed', destinationFolder: downloads },
      },
    );
  });

  afterAll(async () => {
    try {
      await firefox?.close();
    } finally {
      await sites?.close();
      process.env.TZ = zoneBefore;
      if (zoneBefore === undefined) delete process.env.TZ;
    }
  });

  it('Chromium exports a backup with photos from its settings page', async () => {
    const chromium = await HearthBrowser.launch();
    try {
      const page = await openOptions(chromium);
      await addWindow(page, { name: 'Evening with Mia', ...windowAroundNow() });
      await addBlockedSite(page, 'work.test');
      await addStandingNote(page, NOTE_FROM_CHROMIUM, 'Mia');
      await addPhoto(page, PHOTO_FILE, 'Mia');
      chromiumFile = await exportBackup(page, true);
      fromChromium = comparable(await storedSettings(chromium));
      chromiumPhotos = await storedPhotos(page);
    } finally {
      await chromium.close();
    }
  });

  it('Firefox imports it (Merge), then blocks the same sites in the same windows and shows the same note and photo', async () => {
    const options = await openExtensionPage(firefox, 'options.html');
    await waitForText(options, 'Sync & backup');
    // The file input, found through its visible label (as Playwright's getByLabel does).
    const label = await options.locator('label ::-p-text(Choose a backup file)').waitHandle();
    const input = (await label.evaluateHandle(
      (l) => (l as HTMLLabelElement).control,
    )) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(chromiumFile);
    await waitForText(options, 'What this backup would change');
    await waitForText(options, 'It includes 1 photo.');
    await options.bringToFront();
    await byName(options, 'button', 'Merge').click();
    await waitForText(options, 'Merged. Your settings now include the backup.');

    await poll('Firefox to hold the settings Chromium exported', async () =>
      JSON.stringify(comparable(await firefoxSettings(options))) === JSON.stringify(fromChromium)
        ? true
        : undefined,
    );
    expect(photoIdentities(await options.evaluate(photosInPage))).toEqual(
      photoIdentities(chromiumPhotos),
    );
    await waitForRules(options);

    sites.clearLog();
    const tab = await firefox.browser.newPage();
    try {
      const inbox = sites.url('mail.work.test', '/inbox');
      await navigate(tab, inbox);
      const href = await waitForLocation(tab, (h) =>
        h.startsWith(firefox.extensionUrl('blocked.html')),
      );
      expect(href).toBe(`${firefox.extensionUrl('blocked.html')}#${inbox}`);
      await waitForText(tab, NOTE_FROM_CHROMIUM);
      await poll('the photo of Mia to show', async () => {
        const width = await tab.evaluate(() => {
          const img = document.querySelector<HTMLImageElement>('img[alt="Photo of Mia"]');
          return img?.complete ? img.naturalWidth : 0;
        });
        return width > 0 ? width : undefined;
      });
      expect(sites.requestsFor('mail.work.test')).toEqual([]);
    } finally {
      await tab.close();
    }
    await options.close();
  });

  it('Firefox: a note written there, then exported with photos', async () => {
    const options = await openExtensionPage(firefox, 'options.html');
    await waitForText(options, 'Sync & backup');
    await options.bringToFront();
    await byName(options, 'textbox', 'Note').fill(NOTE_FROM_FIREFOX);
    await byName(options, 'radio', 'Every family time').click();
    await byName(options, 'button', 'Save note').click();
    await poll('the note to be stored', async () =>
      (await firefoxSettings(options)).notes.some((n) => n.text === NOTE_FROM_FIREFOX)
        ? true
        : undefined,
    );

    await byName(options, 'checkbox', 'Include photos').click();
    await byName(options, 'button', 'Export backup').click();
    await waitForText(options, 'Saved as hearth-backup-');
    firefoxFile = await poll('the backup file to be downloaded', async () => {
      const files = (await readdir(downloads)).filter((f) => f.endsWith('.json'));
      return files[0] ? join(downloads, files[0]) : undefined;
    });
    const file = await poll('the download to finish', async () => {
      try {
        return JSON.parse(await readFile(firefoxFile, 'utf8')) as { photos: { included: boolean } };
      } catch {
        return undefined;
      }
    });
    expect(file.photos.included).toBe(true);
    fromFirefox = comparable(await firefoxSettings(options));
    firefoxPhotos = await options.evaluate(photosInPage);
    expect(fromFirefox.notes.map((n) => n.text).sort()).toEqual(
      [NOTE_FROM_CHROMIUM, NOTE_FROM_FIREFOX].sort(),
    );
    await options.close();
  });

  it('a fresh Chromium profile imports the Firefox file (Replace) and behaves the same', async () => {
    const chromium = await HearthBrowser.launch();
    try {
      const page = await openOptions(chromium);
      await chooseBackup(page, firefoxFile);
      await page.getByRole('heading', { name: 'What this backup would change' }).waitFor();
      await page.getByRole('button', { name: 'Replace' }).click();
      await page.getByText('Done. Your settings are now the backup’s.').waitFor();

      await expect
        .poll(async () => JSON.stringify(comparable(await storedSettings(chromium))), {
          timeout: 10_000,
        })
        .toBe(JSON.stringify(fromFirefox));
      expect(photoIdentities(await storedPhotos(page))).toEqual(photoIdentities(firefoxPhotos));
      await chromium.settle(true);

      const inbox = sites.url('mail.work.test', '/inbox');
      const tab = await chromium.context.newPage();
      await typeUrl(tab, inbox);
      await waitForUrl(tab, reminderUrlFor(chromium, inbox));
      // The newest standing note leads the reminder: the one written in Firefox.
      await tab.getByText(NOTE_FROM_FIREFOX).waitFor();
      const photo = tab.getByRole('img', { name: 'Photo of Mia' });
      await photo.waitFor();
      await expect
        .poll(() =>
          photo.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)),
        )
        .toBeGreaterThan(0);
    } finally {
      await chromium.close();
    }
  });
});
