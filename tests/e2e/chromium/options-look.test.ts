import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../utils/settings/schema';
import {
  HearthBrowser,
  NO_RUNTIME,
  plain,
  pollFor,
  typeUrl,
  waitForUrl,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';
import { axeViolations, SCREENSHOTS } from '../support/look';
import { fillWindowForm, openOptions, windowForm } from '../support/options-page';

// The settings page, section by section, and the wind-down page, in light and
// dark: saved as screenshots for people to look at (docs/screenshots), and
// checked by axe-core against WCAG 2.2 AA: the settings page whole, with a
// window form open and errors showing.
const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];
const PAGE_VIEWPORT = { width: 1280, height: 800 };

/** A lived-in week: the usual windows, one crossing midnight, a few own sites, notes. */
function livedInSettings(): Settings {
  const settings = defaultSettings();
  const now = Date.now();
  settings.windows = [
    // The default weekday evening gets a name; the default weekend one stays as it comes.
    ...settings.windows.map((w, i) => (i === 0 ? { ...w, label: 'Dinner & bedtime' } : w)),
    {
      id: 'saturday-late',
      days: [6],
      startMinute: 21 * 60,
      lengthMinutes: 240,
      label: 'Movie night',
      enabled: true,
      updatedAt: now,
    },
  ];
  settings.sites = [
    { id: 's1', pattern: 'work.test', list: 'block', updatedAt: now },
    { id: 's2', pattern: 'jira.example.com', list: 'block', updatedAt: now },
    { id: 's3', pattern: 'photos.google.com', list: 'allow', updatedAt: now },
  ];
  settings.notes = [
    {
      id: 'n1',
      kind: 'standing',
      text: 'Phones in the basket until the kids are asleep.',
      child: '',
      date: null,
      createdAt: now,
      updatedAt: now,
    },
  ];
  return settings;
}

describe('Chromium: the settings and wind-down pages, light and dark', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    sites = await startWorkSites();
    hearth = await HearthBrowser.launch();
    // The lived-in week keeps the default evening and a Saturday late window; a work tab must
    // load for the wind-down picture whatever the hour, so family time is ended early ("pause")
    // for the whole run instead of depending on when the suite runs.
    const now = Date.now();
    await hearth.arrange({
      settings: livedInSettings(),
      runtime: { ...NO_RUNTIME, pause: { start: now - 60_000, end: now + 6 * 60 * 60_000 } },
    });
    await hearth.settle(false);
    await addPhoto();
  });

  afterAll(async () => {
    try {
      await hearth?.close();
    } finally {
      await sites?.close();
    }
  });

  /** One photo, added the way a parent does: "Add photos", pick a file, name the child. */
  async function addPhoto(): Promise<void> {
    const painter = await hearth.context.newPage();
    await painter.setViewportSize({ width: 640, height: 480 });
    await painter.setContent(
      '<body style="margin:0;height:100vh;background:linear-gradient(135deg,#f6c28b,#c8553d 55%,#28536b)"></body>',
    );
    const picture = await painter.screenshot({ type: 'jpeg', quality: 85 });
    await painter.close();

    const options = await openOptions(hearth);
    await options.getByLabel('Add photos').setInputFiles({
      name: 'beach.jpg',
      mimeType: 'image/jpeg',
      buffer: picture,
    });
    await options.getByText('Added beach.jpg.').waitFor();
    const name = options.locator('.photo-list').getByLabel('Name');
    await name.fill('Leo');
    await name.press('Tab');
    await options.getByRole('button', { name: 'Remove photo of Leo' }).waitFor();
    await options.close();
  }

  async function open(url: string, scheme: Scheme): Promise<Page> {
    const page = await hearth.context.newPage();
    await page.setViewportSize(PAGE_VIEWPORT);
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto(url);
    return page;
  }

  async function settle(page: Page): Promise<void> {
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForTimeout(150);
  }

  it.each(SCHEMES)('settings, every section, %s', async (scheme) => {
    const page = await open(hearth.extensionUrl('options'), scheme);
    try {
      await page.getByRole('heading', { level: 1, name: 'Hearth settings' }).waitFor();
      await page.getByRole('button', { name: 'Remove photo of Leo' }).waitFor();
      await page.getByText(/entries so far\./).waitFor();
      await settle(page);
      // Body text at the theme's size, not Chromium's 75% for extension pages.
      const fonts = await page.evaluate(() => ({
        root: getComputedStyle(document.documentElement).fontSize,
        body: getComputedStyle(document.body).fontSize,
      }));
      expect(fonts.body).toBe(fonts.root);

      // Every section the navigation links to, one picture each.
      const ids = await page
        .getByRole('navigation', { name: 'Settings sections' })
        .getByRole('link')
        .evaluateAll((links) => links.map((a) => (a.getAttribute('href') ?? '').slice(1)));
      expect(ids.length).toBeGreaterThanOrEqual(8);
      for (const id of ids) {
        const section = page.locator(`section#${id}`);
        await section.scrollIntoViewIfNeeded();
        await section.screenshot({ path: resolve(SCREENSHOTS, `options-${id}-${scheme}.png`) });
      }

      // Now a window being edited with an error, and a site that is not one.
      await page.getByRole('button', { name: 'Edit Movie night', exact: true }).click();
      await fillWindowForm(page, { name: 'Movie night', days: [], start: '21:00', end: '01:00' });
      await windowForm(page).getByRole('button', { name: 'Save window' }).click();
      await windowForm(page).getByRole('alert').getByText('Choose at least one day.').waitFor();
      await page.getByLabel('Site address', { exact: true }).fill('mailwork');
      await page.getByRole('button', { name: 'Add site', exact: true }).click();
      await page
        .getByText('“mailwork” is not a site address. Did you mean mailwork.com?')
        .waitFor();
      await settle(page);
      await page
        .locator('section#week')
        .screenshot({ path: resolve(SCREENSHOTS, `options-week-editing-${scheme}.png`) });
      await page
        .locator('section#sites')
        .screenshot({ path: resolve(SCREENSHOTS, `options-sites-error-${scheme}.png`) });

      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it.each(SCHEMES)('wind-down, with a work tab open, %s', async (scheme) => {
    const work = await hearth.context.newPage();
    const inbox = sites.url('mail.work.test', '/inbox');
    await typeUrl(work, inbox);
    await waitForUrl(work, inbox);
    const page = await open(hearth.extensionUrl('winddown'), scheme);
    try {
      await page.getByRole('heading', { level: 1, name: 'Winding down' }).waitFor();
      await page.getByRole('button', { name: 'Park these tabs for after' }).waitFor();
      await pollFor('the open work tab in the list', async () =>
        plain(await page.locator('section').first().textContent()).includes('mail.work.test')
          ? true
          : undefined,
      );
      await settle(page);
      await page.screenshot({
        path: resolve(SCREENSHOTS, `winddown-${scheme}.png`),
        fullPage: true,
      });
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
      await work.close();
    }
  });
});
