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
  windowOpenedAgo,
} from '../../harness/firefox';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';

// Issue 10 in Firefox: an embedded work site fetches nothing, and a path
// pattern cannot be walked past by escaping a letter or changing its case.
describe('Firefox: blocking without holes', () => {
  let firefox: Firefox;
  let sites: WorkSites;
  let control: Page;

  beforeAll(async () => {
    sites = await startWorkSites();
    firefox = await launchFirefox();
    control = await openExtensionPage(firefox, 'popup.html');
    const settings: Settings = {
      ...defaultSettings(),
      windows: [windowOpenedAgo(firefox.timeZone, 30, 120)],
      sites: [
        { id: 'mail', pattern: 'mail.work.test', list: 'block', updatedAt: 0 },
        { id: 'docs', pattern: 'work.test/document', list: 'block', updatedAt: 0 },
      ],
    };
    await control.evaluate(async (settings) => {
      const { browser } = globalThis as unknown as ExtensionGlobal;
      await browser.storage.local.set({
        settings,
        runtime: { session: null, pause: null, grants: [] },
      });
    }, settings);
    await poll('the path rule to be installed', async () => {
      const rules = await control.evaluate(() =>
        (globalThis as unknown as ExtensionGlobal).browser.declarativeNetRequest.getDynamicRules(),
      );
      return rules.some((r) => r.condition.regexFilter?.includes('work\\.test')) ? true : undefined;
    });
    sites.clearLog();
  });

  afterAll(async () => {
    try {
      await firefox?.close();
    } finally {
      await sites?.close();
    }
  });

  it('a work site embedded in another page fetches nothing; the frame holds one calm line', async () => {
    const page = await firefox.browser.newPage();
    await navigate(page, sites.url('play.test', '/embed'));
    await waitForLocation(page, (href) => href.includes('/embed'));
    const text = await poll('the embedded frame to show Hearth’s line', async () => {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        const body = await frame.evaluate(() => document.body?.innerText ?? '');
        if (body.includes('Hearth is keeping this')) return body.trim();
      }
      return undefined;
    });
    expect(text).toBe('Hearth is keeping this for after family time.');
    expect(sites.requestsFor('mail.work.test')).toEqual([]);
    await page.close();
  });

  it.each(['/%64ocument/d/1', '/Document/d/1', '/%44OCUMENT/d/1'])(
    'the path pattern is not walked past by %s',
    async (path) => {
      const page = await firefox.browser.newPage();
      const url = sites.url('work.test', path);
      await navigate(page, url);
      const href = await waitForLocation(page, (h) =>
        h.startsWith(firefox.extensionUrl('blocked.html')),
      );
      expect(href.startsWith(firefox.extensionUrl('blocked.html'))).toBe(true);
      expect(sites.requestsFor('work.test')).toEqual([]);
      await page.close();
    },
  );

  it('a path beside the pattern still loads', async () => {
    const page = await firefox.browser.newPage();
    const url = sites.url('work.test', '/documents-public');
    await navigate(page, url);
    await waitForLocation(page, (h) => h === url);
    expect(sites.requestsFor('work.test')).toContain('/documents-public');
    await page.close();
  });
});
