import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../utils/settings/schema';
import {
  type ExtensionGlobal,
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

// Issue 10 in Firefox: a work site whose own service worker (installed before family
// time) answers from cache never runs nor paints, on the very first blocked visit,
// warm or cold. Measured: Firefox's DNR already sees a navigation a site's worker would
// answer (with the page catch taken out of the build this test still passed), so here
// the registered page catch is a second layer; the test holds both to the outcome and
// checks the catch is registered for the site while blocking is on, and gone after.
describe('Firefox: a work site with its own caching service worker', () => {
  let firefox: Firefox;
  let sites: WorkSites;
  let control: Page;
  let app: string;

  const siteTold = () =>
    sites.requestsFor('mail.work.test').filter((path) => path === '/ran' || path === '/painted');

  const store = (items: Record<string, unknown>) =>
    control.evaluate(async (items) => {
      await (globalThis as unknown as ExtensionGlobal).browser.storage.local.set(items);
    }, items);

  const rules = () =>
    control.evaluate(
      async () =>
        (
          await (
            globalThis as unknown as ExtensionGlobal
          ).browser.declarativeNetRequest.getDynamicRules()
        ).length,
    );

  const caughtHere = () =>
    control.evaluate(async () => {
      const { scripting } = (
        globalThis as unknown as {
          browser: {
            scripting: { getRegisteredContentScripts(): Promise<{ matches?: string[] }[]> };
          };
        }
      ).browser;
      return (await scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []);
    });

  function settingsFor(active: boolean): Settings {
    return {
      ...defaultSettings(),
      windows: active ? [windowOpenedAgo(firefox.timeZone, 30, 120)] : [],
      sites: [{ id: 'mail', pattern: 'mail.work.test', list: 'block', updatedAt: 0 }],
    };
  }

  async function reachFor(): Promise<void> {
    sites.clearLog();
    const page = await firefox.browser.newPage();
    await navigate(page, app);
    await waitForLocation(page, (href) => href.startsWith(firefox.extensionUrl('blocked.html')));
    await waitForText(page, `You reached for mail.work.test:${sites.port}.`);
    expect(await page.evaluate(() => location.hash)).toBe(`#${app}`);
    // Served by its worker, so no rule saw it; and its page never ran nor painted.
    expect(sites.requestsFor('mail.work.test')).not.toContain('/app');
    expect(siteTold()).toEqual([]);
    await page.close();
  }

  beforeAll(async () => {
    sites = await startWorkSites();
    app = sites.url('mail.work.test', '/app');
    firefox = await launchFirefox({
      prefs: {
        // A plain-http test site may register a service worker.
        'dom.serviceWorkers.testing.enabled': true,
        // An idle site worker is stopped after a second, for the cold case.
        'dom.serviceWorkers.idle_timeout': 1000,
        'dom.serviceWorkers.idle_extended_timeout': 1000,
      },
    });
    control = await openExtensionPage(firefox, 'popup.html');
    await store({
      settings: settingsFor(false),
      runtime: { session: null, pause: null, grants: [] },
    });

    // The site's worker is installed before family time, as every parent's Gmail is.
    const page = await firefox.browser.newPage();
    await navigate(page, app);
    await poll('the site worker to be ready', async () =>
      (await page.evaluate(() => document.title)) === 'worker ready' ? true : undefined,
    );
    sites.clearLog();
    await navigate(page, sites.url('play.test', '/'));
    await waitForLocation(page, (href) => href.includes('play.test'));
    await navigate(page, app);
    await poll('the cached page to say it ran and painted', async () =>
      siteTold().length === 2 ? true : undefined,
    );
    expect(sites.requestsFor('mail.work.test')).not.toContain('/app');
    await page.close();

    await store({ settings: settingsFor(true) });
    await poll('the rules to be installed', async () => ((await rules()) > 0 ? true : undefined));
    await poll('the page catch to be registered', async () =>
      (await caughtHere()).includes('*://*.mail.work.test/*') ? true : undefined,
    );
  });

  afterAll(async () => {
    try {
      await firefox?.close();
    } finally {
      await sites?.close();
    }
  });

  it('never runs nor paints the first blocked visit its warm worker answers', async () => {
    await reachFor();
  });

  it('nor once the site’s worker and Hearth’s event page have gone idle', async () => {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await reachFor();
  });

  it('lets the site run again once family time is over', async () => {
    await store({ settings: settingsFor(false) });
    await poll('the rules to be gone', async () => ((await rules()) === 0 ? true : undefined));
    await poll('the page catch to be gone', async () =>
      (await caughtHere()).length === 0 ? true : undefined,
    );
    sites.clearLog();
    const page = await firefox.browser.newPage();
    await navigate(page, app);
    await poll('the page to run again', async () =>
      siteTold().includes('/ran') ? true : undefined,
    );
    await page.close();
  });
});
