import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
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
  windowOpenedAgo,
} from '../../harness/firefox';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';
import { SCREENSHOTS } from '../support/look';

const EMPTY_RUNTIME: Runtime = { session: null, pause: null, grants: [] };
const HONEST =
  "Firefox does not let extensions quiet a site's notifications. For the evening, your computer's own Do Not Disturb can keep them quiet.";

// Issue 13 in Firefox: there is no contentSettings API. Coverage and the
// setting say so plainly, and family time works as ever: nothing throws.
describe('Firefox: quiet work notifications, honestly unavailable', () => {
  let firefox: Firefox;
  let sites: WorkSites;
  let control: Page;
  const errors: string[] = [];

  /** Family time on now, and the setting stored as on (as if left from before): it must not matter. */
  beforeAll(async () => {
    sites = await startWorkSites();
    firefox = await launchFirefox();
    control = await openExtensionPage(firefox, 'popup.html');
    const settings: Settings = {
      ...defaultSettings(),
      windows: [windowOpenedAgo(firefox.timeZone, 10, 90, 'e2e-window')],
      sites: [{ id: 'e2e-work', pattern: 'work.test', list: 'block', updatedAt: 0 }],
    };
    await control.evaluate(
      async (settings, runtime) => {
        const { browser } = globalThis as unknown as ExtensionGlobal;
        await browser.storage.local.set({ settings, runtime, quietNotifications: true });
      },
      settings,
      EMPTY_RUNTIME,
    );
    await poll('the blocking rules', async () => {
      const rules = await control.evaluate(() =>
        (globalThis as unknown as ExtensionGlobal).browser.declarativeNetRequest.getDynamicRules(),
      );
      return rules.length > 0 ? true : undefined;
    });
  });

  afterAll(async () => {
    try {
      await firefox?.close();
    } finally {
      await sites?.close();
    }
  });

  async function open(path: string): Promise<Page> {
    const page = await openExtensionPage(firefox, path);
    page.on('pageerror', (error: unknown) =>
      errors.push(`${path}: ${error instanceof Error ? error.message : String(error)}`),
    );
    await page.bringToFront();
    return page;
  }

  it('has no contentSettings API to pretend with', async () => {
    expect(
      await control.evaluate(
        () => (globalThis as unknown as ExtensionGlobal).browser.contentSettings === undefined,
      ),
    ).toBe(true);
  });

  it('the setting and Coverage say so plainly, with no switch that would do nothing', async () => {
    const options = await open('options.html#quiet');
    await waitForText(options, 'Hearth settings');
    const quiet = await poll('the notifications section', () =>
      options.$eval('section#quiet', (s) => (s as HTMLElement).innerText).catch(() => undefined),
    );
    expect(quiet).toContain(HONEST);
    expect(await options.$$('section#quiet input[type="checkbox"]')).toHaveLength(0);
    const coverage = await poll('the coverage list', () =>
      options
        .$eval('section#coverage ul', (s) => (s as HTMLElement).innerText)
        .catch(() => undefined),
    );
    expect(coverage).toContain(HONEST);
    const section = await options.$('section#quiet');
    await section?.screenshot({ path: resolve(SCREENSHOTS, 'options-quiet-firefox-light.png') });
    await section?.dispose();
    await options.close();
  });

  it('the wind-down promises nothing it cannot keep', async () => {
    const winddown = await open('winddown.html');
    await waitForText(winddown, 'Winding down');
    await waitForText(winddown, 'Family time until');
    const text = await winddown.evaluate(() => document.body.innerText);
    expect(text).not.toContain('Work notifications will be quiet');
    await winddown.close();
  });

  it('family time works as ever: a work site still lands on the reminder, nothing recorded as quieted', async () => {
    const tab = await firefox.browser.newPage();
    await navigate(tab, sites.url('mail.work.test', '/inbox'));
    await waitForLocation(tab, (href) => href.startsWith(firefox.extensionUrl('blocked.html')));
    await tab.close();
    const stored = await control.evaluate(async () =>
      (globalThis as unknown as ExtensionGlobal).browser.storage.local.get('quietedNotifications'),
    );
    expect(stored).toEqual({});
    expect(errors).toEqual([]);
  });
});
