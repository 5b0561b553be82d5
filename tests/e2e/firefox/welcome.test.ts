import type { Page } from 'puppeteer-core';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../../utils/settings/schema';
import {
  type ExtensionGlobal,
  type Firefox,
  launchFirefox,
  navigate,
  openExtensionPage,
  poll,
  waitForLocation,
  waitForText,
} from '../../harness/firefox';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';

function hhmm(at: Temporal.ZonedDateTime): string {
  return `${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}`;
}

function aria(role: string, name: string): string {
  return `::-p-aria([name="${name}"][role="${role}"])`;
}

// Firefox: the first run renders, and a window and a site saved through its
// steps are stored and take effect (a visit lands on the reminder).
describe('Firefox: the first run saves a window and a site', () => {
  let firefox: Firefox;
  let sites: WorkSites;
  let welcome: Page;

  beforeAll(async () => {
    sites = await startWorkSites();
    firefox = await launchFirefox();
    welcome = await openExtensionPage(firefox, 'welcome.html');
    await welcome.bringToFront();
    await waitForText(welcome, 'When is your family time?');
  });

  afterAll(async () => {
    try {
      await firefox?.close();
    } finally {
      await sites?.close();
    }
  });

  function storedSettings(): Promise<Settings> {
    return welcome.evaluate(async () => {
      const { browser } = globalThis as unknown as ExtensionGlobal;
      return (await browser.storage.local.get('settings')).settings as Settings;
    });
  }

  it('renders the first step, the window as a sentence', async () => {
    await welcome.locator(aria('button', 'Change the days: Weekdays')).wait();
    expect(await welcome.$eval('#window-1-start', (el) => (el as HTMLInputElement).value)).toBe(
      '18:00',
    );
    await waitForText(welcome, 'Step 1 of 5');
  });

  it('saves the window typed into the sentence (every day, on now)', async () => {
    const start = Temporal.Now.zonedDateTimeISO(firefox.timeZone)
      .round({ smallestUnit: 'minute', roundingMode: 'floor' })
      .subtract({ minutes: 5 });
    const end = start.add({ minutes: 90 });
    await welcome.locator(aria('button', 'Change the days: Weekdays')).click();
    for (const day of ['Sat', 'Sun']) {
      await welcome.locator(`::-p-aria([name="${day}"][role="checkbox"])`).click();
    }
    await welcome.locator(aria('button', 'Change the days: Every day')).wait();
    await welcome.locator('#window-1-start').fill(hhmm(start));
    await welcome.locator('#window-1-end').fill(hhmm(end));
    const stored = await poll('the window in storage', async () => {
      const w = (await storedSettings())?.windows.find((x) => x.id === 'weekday-evening');
      return w?.startMinute === start.hour * 60 + start.minute && w.lengthMinutes === 90
        ? w
        : undefined;
    });
    expect(stored.days).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('saves a site added on the next step, and keeps it away', async () => {
    await welcome.locator(aria('button', 'Next')).click();
    await waitForText(welcome, 'What should wait?');
    await welcome.locator(aria('textbox', 'Site address')).click();
    await welcome.keyboard.type('mail.work.test');
    await welcome.keyboard.press('Enter');
    await waitForText(welcome, 'Added mail.work.test.');
    await poll('the site in storage', async () =>
      (await storedSettings()).sites.some((s) => s.pattern === 'mail.work.test') ? true : undefined,
    );
    const url = sites.url('mail.work.test', '/inbox');
    const reminder = `${firefox.extensionUrl('blocked.html')}#${url}`;
    await poll(
      'a visit to mail.work.test to land on the reminder',
      async () => {
        const page = await firefox.browser.newPage();
        try {
          await navigate(page, url);
          const href = await waitForLocation(page, (h) => h === reminder || h === url, {
            timeoutMs: 5_000,
          });
          return href === reminder ? true : undefined;
        } finally {
          await page.close();
        }
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
  });
});
