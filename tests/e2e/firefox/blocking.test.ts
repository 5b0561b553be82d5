import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../utils/runtime/runtime';
import { defaultSettings, type Settings, type WeeklyWindow } from '../../../utils/settings/schema';
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

const EMPTY_RUNTIME: Runtime = { session: null, pause: null, grants: [] };

function settingsWith(windows: WeeklyWindow[]): Settings {
  const settings = defaultSettings();
  return {
    ...settings,
    windows,
    sites: [
      ...settings.sites,
      { id: 'e2e-work', pattern: 'work.test', list: 'block', updatedAt: 0 },
    ],
  };
}

describe('Hearth in Firefox', () => {
  let firefox: Firefox;
  let sites: WorkSites;
  /** An extension page kept open to arrange storage and read DNR rules. */
  let control: Page;

  const blockedPage = () => firefox.extensionUrl('blocked.html');
  const isBlocked = (href: string) => href.startsWith(blockedPage());

  /** Writes settings + runtime as the options page would, then waits for the rules to follow. */
  async function arrange(settings: Settings, blocking: boolean): Promise<void> {
    await control.evaluate(
      async (settings, runtime) => {
        const { browser } = globalThis as unknown as ExtensionGlobal;
        await browser.storage.local.set({ settings, runtime });
      },
      settings,
      EMPTY_RUNTIME,
    );
    await waitForRules(blocking);
  }

  /** Waits until the dynamic rules do (or do not) redirect work.test. */
  function waitForRules(blocking: boolean): Promise<true> {
    return poll(`rules ${blocking ? 'blocking' : 'not blocking'} work.test`, async () => {
      const blocks = await control.evaluate(async () => {
        const { browser } = globalThis as unknown as ExtensionGlobal;
        const rules = await browser.declarativeNetRequest.getDynamicRules();
        return rules.some(
          (r) =>
            r.action.type === 'redirect' &&
            (r.condition.requestDomains ?? []).includes('work.test'),
        );
      });
      return blocks === blocking ? true : undefined;
    });
  }

  /** The text of every element with the heading role, in document order. */
  async function headings(page: Page): Promise<string[]> {
    const handles = await page.$$('::-p-aria([role="heading"])');
    try {
      return await Promise.all(handles.map((h) => h.evaluate((el) => el.textContent ?? '')));
    } finally {
      await Promise.all(handles.map((h) => h.dispose()));
    }
  }

  async function expectReminderFor(page: Page, url: string): Promise<void> {
    const href = await waitForLocation(page, isBlocked);
    expect(href).toBe(`${blockedPage()}#${url}`);
    // The reminder names the host as the URL does, port included (the fake sites use one).
    await waitForText(page, `You reached for ${new URL(url).host}.`);
    await poll('a heading starting "Family time until"', async () =>
      (await headings(page)).find((text) => text.startsWith('Family time until')),
    );
  }

  async function expectSiteLoads(page: Page, url: string): Promise<void> {
    await navigate(page, url);
    await waitForLocation(page, (href) => href === url);
    // The fake site prints its hostname (without port) and path.
    const { hostname, pathname } = new URL(url);
    await waitForText(page, `${hostname}${pathname}`);
    expect(sites.requestsFor(hostname)).toContain(pathname);
  }

  beforeAll(async () => {
    sites = await startWorkSites();
    firefox = await launchFirefox();
    control = await openExtensionPage(firefox, 'popup.html');
  });

  afterAll(async () => {
    try {
      await firefox?.close();
    } finally {
      await sites?.close();
    }
  });

  describe('during a family-time window', () => {
    beforeAll(async () => {
      await arrange(settingsWith([windowOpenedAgo(firefox.timeZone, 30, 120, 'e2e-window')]), true);
    });

    it('sends a typed work address to the reminder without fetching anything from it', async () => {
      sites.clearLog();
      const page = await firefox.browser.newPage();
      try {
        const url = sites.url('mail.work.test', '/inbox');
        await navigate(page, url);
        await expectReminderFor(page, url);
        expect(sites.requestsFor('mail.work.test')).toEqual([]);
      } finally {
        await page.close();
      }
    });

    it('sends a link clicked on another site to the reminder too', async () => {
      sites.clearLog();
      const page = await firefox.browser.newPage();
      try {
        await page.goto(sites.url('play.test', '/'));
        await page.locator('::-p-aria([name="Open the inbox"][role="link"])').click();
        await expectReminderFor(page, sites.url('mail.work.test', '/inbox'));
        expect(sites.requestsFor('mail.work.test')).toEqual([]);
      } finally {
        await page.close();
      }
    });

    it('leaves other sites alone', async () => {
      sites.clearLog();
      const page = await firefox.browser.newPage();
      try {
        await expectSiteLoads(page, sites.url('play.test', '/'));
      } finally {
        await page.close();
      }
    });
  });

  it("starts and ends blocking from the popup's buttons", async () => {
    await arrange(settingsWith([]), false);
    const popup = await openExtensionPage(firefox, 'popup.html');
    const page = await firefox.browser.newPage();
    try {
      // A background tab gets no animation frames, which the locator's stability check waits on.
      await popup.bringToFront();
      await popup.locator('::-p-aria([name="Start family time"][role="button"])').click();
      await popup.locator('::-p-aria([name="End family time"][role="button"])').wait();
      await waitForRules(true);

      sites.clearLog();
      const url = sites.url('mail.work.test', '/inbox');
      await page.bringToFront();
      await navigate(page, url);
      await expectReminderFor(page, url);
      expect(sites.requestsFor('mail.work.test')).toEqual([]);

      await popup.bringToFront();
      await popup.locator('::-p-aria([name="End family time"][role="button"])').click();
      await popup.locator('::-p-aria([name="Start family time"][role="button"])').wait();
      await waitForRules(false);
      await expectSiteLoads(page, url);
    } finally {
      await page.close();
      await popup.close();
    }
  });

  it('lets work sites load outside any window', async () => {
    // A window later today (and every day), so the schedule is real but not on now.
    const later = windowOpenedAgo(firefox.timeZone, -180, 60, 'e2e-window'); // starts in three hours;
    await arrange(settingsWith([{ ...later, days: [1, 2, 3, 4, 5, 6, 7] }]), false);
    sites.clearLog();
    const page = await firefox.browser.newPage();
    try {
      await expectSiteLoads(page, sites.url('mail.work.test', '/inbox'));
    } finally {
      await page.close();
    }
  });
});
