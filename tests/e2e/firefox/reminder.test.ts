import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../utils/settings/schema';
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
  CHILD,
  drawEveningPhoto,
  NOTE_TEXT,
  offProbes,
  PHOTO,
  PHOTO_PROBES,
  REASON,
  removePhotoFile,
  samplePhoto,
  saveDataUrl,
} from '../support/reminder';

/** No window planned and work.test on the block list: the parent starts family time by hand. */
function settingsToStart(): Settings {
  return {
    ...defaultSettings(),
    windows: [],
    sites: [{ id: 'e2e-work', pattern: 'work.test', list: 'block', updatedAt: 0 }],
  };
}

/** The test photo's probe points that look wrong on the reminder, once its photo is decoded. */
async function photoProbesOff(page: Page): Promise<string[]> {
  const samples = await poll(
    'the photo pixels',
    async () =>
      (await page.evaluate(
        samplePhoto,
        PHOTO_PROBES.map(({ x, y }) => ({ x, y })),
      )) ?? undefined,
  );
  return offProbes(samples);
}

const aria = (role: string, name: string) => `::-p-aria([name="${name}"][role="${role}"])`;

/**
 * Replaces a field's text as a person does: click, select all, type. (Puppeteer's
 * `fill` clears a number field without an input event, and Firefox then keeps
 * the old digits: "10" filled with "1" became "101".)
 */
async function retype(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).click();
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyA');
  await page.keyboard.up('Control');
  await page.keyboard.type(text);
}

// The reminder in real Firefox: a photo imported through the options page's
// file input (WebDriver BiDi's input.setFiles), tonight's note from the popup,
// family time started from the popup; a blocked page then shows the photo and
// the note, and stepping past (a reason, a two-second wait) opens the site.
describe('Firefox: the reminder shows the photo and the note, and step-past works', () => {
  let firefox: Firefox;
  let sites: WorkSites;
  let photoFile: string | undefined;
  let noteWritten: number;

  beforeAll(async () => {
    sites = await startWorkSites();
    firefox = await launchFirefox();
    const control = await openExtensionPage(firefox, 'popup.html');
    await control.evaluate(async (settings) => {
      const { browser } = globalThis as unknown as ExtensionGlobal;
      await browser.storage.local.set({
        settings,
        runtime: { session: null, pause: null, grants: [] },
      });
    }, settingsToStart());
    await control.close();
  });

  afterAll(async () => {
    try {
      await firefox?.close();
    } finally {
      await sites?.close();
      await removePhotoFile(photoFile);
    }
  });

  it('imports a photo and names the child on the options page', async () => {
    const options = await openExtensionPage(firefox, 'options.html#photos');
    try {
      await options.bringToFront();
      photoFile = await saveDataUrl(await options.evaluate(drawEveningPhoto), PHOTO.name);
      const input = await options.waitForSelector('input#photo-input');
      if (!input) throw new Error('No "Add photos" file input');
      // The label "Add photos" is the visible control; the input it labels takes the file.
      expect(await input.evaluate((el) => el.labels?.[0]?.textContent)).toBe('Add photos');
      await input.uploadFile(photoFile);
      await input.dispose();
      await waitForText(options, `Added ${PHOTO.name}.`);
      const name = options.locator(aria('textbox', 'Name'));
      await name.fill(CHILD);
      await options.keyboard.press('Tab');
      await options.locator(aria('button', `Remove photo of ${CHILD}`)).wait();

      // Gentleness: a two-second calm wait and one-minute step-pasts.
      await retype(options, aria('spinbutton', 'Calm wait before stepping past, in seconds'), '2');
      await retype(options, aria('spinbutton', 'Minutes for each step-past'), '1');
      await poll('the gentleness to be stored', async () => {
        const g = await options.evaluate(async () => {
          const { browser } = globalThis as unknown as ExtensionGlobal;
          const { settings } = await browser.storage.local.get('settings');
          return (settings as Settings).gentleness;
        });
        return g.waitSeconds === 2 && g.grantMinutes === 1 ? true : undefined;
      });
    } finally {
      await options.close();
    }
  });

  it("writes tonight's note and starts family time from the popup", async () => {
    const popup = await openExtensionPage(firefox, 'popup.html');
    try {
      await popup.bringToFront();
      await popup.locator(aria('textbox', 'A note for tonight')).fill(NOTE_TEXT);
      noteWritten = Date.now();
      await popup.keyboard.press('Enter');
      await waitForText(popup, 'Saved');
      await popup.locator(aria('button', 'Start family time')).click();
      await popup.locator(aria('button', 'End family time')).wait();
    } finally {
      await popup.close();
    }
  });

  it('shows the photo and the note on a blocked site, and steps past to it', async () => {
    const url = sites.url('mail.work.test', '/inbox');
    const host = `mail.work.test:${sites.port}`;
    const page: Page = await firefox.browser.newPage();
    try {
      await page.bringToFront();
      sites.clearLog();
      // The popup's answer came after the rules were in place (the background reconciles first).
      await navigate(page, url);
      expect(await waitForLocation(page, (h) => h.startsWith(firefox.origin))).toBe(
        `${firefox.extensionUrl('blocked.html')}#${url}`,
      );
      expect(sites.requestsFor('mail.work.test')).toEqual([]);
      await waitForText(page, `You reached for ${host}.`);

      const photo = await poll('the photo to be decoded', () =>
        page.evaluate(() => {
          const img = document.querySelector<HTMLImageElement>('figure.photo img');
          return img?.complete && img.naturalWidth > 0
            ? { alt: img.alt, w: img.naturalWidth, h: img.naturalHeight }
            : undefined;
        }),
      );
      expect(photo).toEqual({ alt: `Photo of ${CHILD}`, w: PHOTO.width, h: PHOTO.height });
      expect(await photoProbesOff(page)).toEqual([]);

      const note = await page.evaluate(() => ({
        text: document.querySelector('blockquote.note .note-text')?.textContent ?? '',
        footer: document.querySelector('blockquote.note footer')?.textContent ?? '',
      }));
      expect(note.text).toBe(NOTE_TEXT);
      const clock = (at: number) =>
        new Date(at)
          .toLocaleTimeString('en-US', {
            hour: 'numeric',
            minute: '2-digit',
            timeZone: firefox.timeZone,
          })
          .replace(/\s+/gu, ' ');
      expect(
        [noteWritten - 5_000, noteWritten + 5_000].map((at) => `You wrote this at ${clock(at)}`),
      ).toContain(note.footer.replace(/\s+/gu, ' ').trim());

      // Step past: a reason, the calm wait, then the site for a minute.
      await page.locator(aria('button', 'I need this site for a moment')).click();
      await page.locator(aria('textbox', 'What needs you right now?')).fill(REASON);
      const go = `${aria('button', `Open ${host} for 1 minute`)}`;
      await poll('the calm wait to end', () =>
        page.$eval(go, (b) => ((b as HTMLButtonElement).disabled ? undefined : true)),
      );
      await page.locator(go).click();
      await waitForLocation(page, (href) => href === url);
      await waitForText(page, 'mail.work.test/inbox');
      expect(sites.requestsFor('mail.work.test')).toContain('/inbox');
    } finally {
      await page.close();
    }
  });

  it('shows the photo at once on the next visit, made ready by the last one', async () => {
    const url = sites.url('work.test', '/calendar');
    const page: Page = await firefox.browser.newPage();
    try {
      await page.bringToFront();
      await navigate(page, url);
      await waitForLocation(page, (h) => h.startsWith(firefox.origin));
      const photo = await poll('the photo to be decoded', () =>
        page.evaluate(() => {
          const img = document.querySelector<HTMLImageElement>('figure.photo img');
          return img?.complete && img.naturalWidth > 0
            ? { alt: img.alt, w: img.naturalWidth, from: img.src.slice(0, 5) }
            : undefined;
        }),
      );
      // The same photo, painted from the copy the last visit made ready (not read from IndexedDB).
      expect(photo).toEqual({ alt: `Photo of ${CHILD}`, w: PHOTO.width, from: 'data:' });
      expect(await photoProbesOff(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
