import type { Page } from 'puppeteer-core';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../utils/runtime/runtime';
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

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const EMPTY_RUNTIME: Runtime = { session: null, pause: null, grants: [] };

function hhmm(at: Temporal.ZonedDateTime): string {
  return `${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}`;
}

/** Domains the installed dynamic rules send to the reminder (read from an extension page). */
function redirectedDomains(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const { browser } = globalThis as unknown as ExtensionGlobal;
    const rules = await browser.declarativeNetRequest.getDynamicRules();
    return rules
      .filter((r) => r.action.type === 'redirect')
      .flatMap((r) => r.condition.requestDomains ?? []);
  });
}

/** A puppeteer selector for an element by its role and accessible name. */
function aria(role: string, name: string): string {
  return `::-p-aria([name="${name}"][role="${role}"])`;
}

// Firefox: the settings page loads, and a window and a site saved through its
// forms take effect (a navigation lands on the reminder) and are there when
// the page is opened again.
describe('Firefox: the settings page saves a window and a site', () => {
  let firefox: Firefox;
  let sites: WorkSites;
  let options: Page;

  beforeAll(async () => {
    sites = await startWorkSites();
    firefox = await launchFirefox();
    // Start from no windows and no sites of our own, so whatever the hour nothing is on yet.
    const control = await openExtensionPage(firefox, 'popup.html');
    const settings: Settings = { ...defaultSettings(), windows: [], sites: [] };
    await control.evaluate(
      async (settings, runtime) => {
        const { browser } = globalThis as unknown as ExtensionGlobal;
        await browser.storage.local.set({ settings, runtime });
      },
      settings,
      EMPTY_RUNTIME,
    );
    await control.close();
  });

  afterAll(async () => {
    try {
      await firefox?.close();
    } finally {
      await sites?.close();
    }
  });

  async function openOptions(): Promise<Page> {
    const page = await openExtensionPage(firefox, 'options.html');
    // A background tab gets no animation frames, which the locators' stability check waits on.
    await page.bringToFront();
    await waitForText(page, 'Hearth settings');
    await page.locator(aria('button', 'Add a window')).wait();
    return page;
  }

  function storedSettings(page: Page): Promise<Settings> {
    return page.evaluate(async () => {
      const { browser } = globalThis as unknown as ExtensionGlobal;
      return (await browser.storage.local.get('settings')).settings as Settings;
    });
  }

  it('loads, with every section', async () => {
    options = await openOptions();
    const ids = await options.$$eval('main > section[id]', (sections) => sections.map((s) => s.id));
    expect(ids).toEqual(expect.arrayContaining(['week', 'sites', 'heads-up', 'history']));
    const headings = await options.$$eval('h2', (hs) => hs.map((h) => h.textContent ?? ''));
    expect(headings).toContain('Sites');
  });

  it('a window added through the form is saved, and is on now', async () => {
    const start = Temporal.Now.zonedDateTimeISO(firefox.timeZone)
      .round({ smallestUnit: 'minute', roundingMode: 'floor' })
      .subtract({ minutes: 5 });
    const end = start.add({ minutes: 90 });

    await options.locator(aria('button', 'Add a window')).click();
    const form = await options.waitForSelector(aria('form', 'New window'));
    if (!form) throw new Error('No "New window" form');
    await options.locator(aria('textbox', 'Name (optional)')).fill('Homework');
    // The day checkboxes by their labels (one query: accessibility lookups over BiDi are slow).
    const dayLabels = await form.$$('fieldset label.choice');
    try {
      for (const label of dayLabels) {
        const { name, checked } = await label.evaluate((el) => ({
          name: el.textContent?.trim() ?? '',
          checked: el.querySelector('input')?.checked ?? false,
        }));
        const wanted = DAY_NAMES.indexOf(name) + 1 === start.dayOfWeek;
        if (checked !== wanted) await label.click();
      }
    } finally {
      await Promise.all(dayLabels.map((l) => l.dispose()));
    }
    const days = await form.$$eval('fieldset label.choice', (labels) =>
      labels.filter((l) => l.querySelector('input')?.checked).map((l) => l.textContent?.trim()),
    );
    expect(days).toEqual([DAY_NAMES[start.dayOfWeek - 1]]);
    await options.locator('#window-start').fill(hhmm(start));
    await options.locator('#window-end').fill(hhmm(end));
    expect(await options.$eval('#window-start', (el) => (el as HTMLInputElement).value)).toBe(
      hhmm(start),
    );
    await options.locator(aria('button', 'Save window')).click();
    await form.dispose();
    await options.locator(aria('button', 'Edit Homework')).wait();

    const stored = await poll('the window in storage', async () => {
      const settings = await storedSettings(options);
      return settings.windows.find((w) => w.label === 'Homework');
    });
    expect(stored).toMatchObject({
      days: [start.dayOfWeek],
      startMinute: start.hour * 60 + start.minute,
      lengthMinutes: 90,
      enabled: true,
    });
    await waitForText(options, 'On now, until');
  });

  it('a site typed into "Site address" is saved and kept away', async () => {
    await options.locator(aria('textbox', 'Site address')).click();
    await options.keyboard.type('mail.work.test');
    await options.keyboard.press('Enter');
    await waitForText(options, 'Added mail.work.test.');
    await poll('the site in storage', async () =>
      (await storedSettings(options)).sites.some((s) => s.pattern === 'mail.work.test')
        ? true
        : undefined,
    );

    const url = sites.url('mail.work.test', '/inbox');
    const reminder = `${firefox.extensionUrl('blocked.html')}#${url}`;
    // The rules follow the stored settings a moment later: wait until the redirect rule for
    // it is installed (what makes "nothing reached the site" mean something), then visit once.
    await poll('a redirect rule covering mail.work.test', async () =>
      (await redirectedDomains(options)).includes('mail.work.test') ? true : undefined,
    );
    sites.clearLog();
    const page = await firefox.browser.newPage();
    try {
      await navigate(page, url);
      const href = await waitForLocation(page, (h) => h === reminder || h === url);
      expect(href).toBe(reminder);
      await waitForText(page, 'You reached for mail.work.test');
    } finally {
      await page.close();
    }
    // Every request of the one visit counted, none forgotten.
    expect(sites.requestsFor('mail.work.test')).toEqual([]);
  });

  it('both are there when the settings page is opened again', async () => {
    await options.close();
    options = await openOptions();
    await options.locator(aria('button', 'Edit Homework')).wait();
    await options.locator(aria('button', 'Remove mail.work.test')).wait();
    await options.close();
  });
});
