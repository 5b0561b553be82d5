import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeWindow,
  clockText,
  HearthBrowser,
  NO_RUNTIME,
  plain,
  pollFor,
  reminderUrlFor,
  settingsWith,
  typeUrl,
  waitForUrl,
  windowAt,
  zonedNow,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';
import { axeViolations, SCREENSHOTS } from '../support/look';

// Scenarios 8 and 9: every page in light and dark, saved as a screenshot for
// people to look at, and checked by axe-core against WCAG 2.2 AA.
const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

const POPUP_VIEWPORT = { width: 360, height: 480 };
const PAGE_VIEWPORT = { width: 1280, height: 800 };

async function heading(page: Page): Promise<string> {
  return plain(await page.getByRole('heading', { level: 1 }).textContent());
}

describe('Chromium: how the pages look, and axe', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;
  const later = zonedNow()
    .round({ smallestUnit: 'minute', roundingMode: 'floor' })
    .add({ hours: 3 });
  const laterDay = later.toPlainDate().equals(zonedNow().toPlainDate()) ? 'today' : 'tomorrow';
  const { window: nowWindow, until } = activeWindow(90);

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    sites = await startWorkSites();
    hearth = await HearthBrowser.launch();
  });

  afterAll(async () => {
    await hearth?.close();
    await sites?.close();
  });

  /** Opens `url` in a new tab in one colour scheme; `ready` waits for the content to settle. */
  async function show(
    url: string | ((page: Page) => Promise<void>),
    scheme: Scheme,
    viewport: { width: number; height: number },
  ): Promise<Page> {
    const page = await hearth.context.newPage();
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme: scheme });
    if (typeof url === 'string') await page.goto(url);
    else await url(page);
    return page;
  }

  async function shootAndCheck(page: Page, name: string): Promise<void> {
    // Let web fonts, layout and transitions settle before the picture.
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForTimeout(200);
    await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });
    // Chromium's own extension-page style (body { font-size: 75% }) must not shrink the text.
    const fonts = await page.evaluate(() => ({
      root: getComputedStyle(document.documentElement).fontSize,
      body: getComputedStyle(document.body).fontSize,
    }));
    expect(fonts.body).toBe(fonts.root);
    expect(await axeViolations(page)).toEqual([]);
  }

  it('opens the welcome page on install', async () => {
    const welcome = hearth.extensionUrl('welcome');
    await pollFor('the welcome tab', () =>
      hearth.context.pages().some((p) => p.url() === welcome) ? true : undefined,
    );
  });

  describe('outside family time', () => {
    beforeAll(async () => {
      await hearth.arrange({ settings: settingsWith([windowAt(later, 60)]), runtime: NO_RUNTIME });
      await hearth.settle(false);
    });

    // The welcome page's steps: tests/e2e/chromium/welcome.test.ts.
    it.each(SCHEMES)('popup, inactive, %s', async (scheme) => {
      const page = await show(hearth.extensionUrl('popup'), scheme, POPUP_VIEWPORT);
      await expect.poll(() => heading(page)).toBe(`Next: ${laterDay} ${clockText(later)}`);
      await page.getByRole('button', { name: 'Start family time' }).waitFor();
      // No photo in this profile: the background's answer adds the way to one.
      await page.getByRole('link', { name: 'Add a photo' }).waitFor();
      await shootAndCheck(page, `popup-inactive-${scheme}`);
      await page.close();
    });

    it.each(SCHEMES)('reminder, after family time, %s', async (scheme) => {
      const inbox = sites.url('mail.work.test', '/inbox');
      // A reminder reached after family time sends the parent on to the page;
      // one left open while family time ends says it is over.
      const page = await show(
        async (tab) => {
          const now = Date.now();
          await hearth.arrange({
            runtime: { ...NO_RUNTIME, session: { start: now, end: now + 3_600_000 } },
          });
          await hearth.settle(true);
          await tab.goto(reminderUrlFor(hearth, inbox));
          await tab.getByRole('button', { name: 'Save it for after' }).waitFor();
          await hearth.arrange({ runtime: NO_RUNTIME });
          await hearth.settle(false);
        },
        scheme,
        PAGE_VIEWPORT,
      );
      await expect.poll(() => heading(page)).toBe('Family time is over');
      await page.getByRole('link', { name: `Back to mail.work.test:${sites.port}` }).waitFor();
      await shootAndCheck(page, `reminder-over-${scheme}`);
      await page.close();
    });
  });

  describe('during family time', () => {
    beforeAll(async () => {
      await hearth.arrange({ settings: settingsWith([nowWindow]), runtime: NO_RUNTIME });
      await hearth.settle(true);
    });

    it.each(SCHEMES)('popup, active, %s', async (scheme) => {
      const page = await show(hearth.extensionUrl('popup'), scheme, POPUP_VIEWPORT);
      await expect.poll(() => heading(page)).toBe(`Family time until ${clockText(until)}`);
      await page.getByRole('button', { name: 'End family time' }).waitFor();
      // No photo in this profile: the background's answer adds the way to one.
      await page.getByRole('link', { name: 'Add a photo' }).waitFor();
      await shootAndCheck(page, `popup-active-${scheme}`);
      await page.close();
    });

    it.each(SCHEMES)('reminder, during family time, %s', async (scheme) => {
      const inbox = sites.url('mail.work.test', '/inbox');
      const page = await show(
        async (tab) => {
          await typeUrl(tab, inbox);
          await waitForUrl(tab, reminderUrlFor(hearth, inbox));
        },
        scheme,
        PAGE_VIEWPORT,
      );
      await expect.poll(() => heading(page)).toBe(`Family time until ${clockText(until)}`);
      await page.getByText(`You reached for mail.work.test:${sites.port}.`).waitFor();
      await shootAndCheck(page, `reminder-active-${scheme}`);
      await page.close();
    });
  });
});
