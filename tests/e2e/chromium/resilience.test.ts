import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeWindow,
  clockText,
  type ExtensionApi,
  HearthBrowser,
  NO_RUNTIME,
  plain,
  reminderUrlFor,
  settingsWith,
  typeUrl,
  waitForUrl,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';

declare const chrome: ExtensionApi;

// Scenarios 4 and 5: blocking does not depend on a live service worker or on
// the browser session. A worker killed mid-window, or a browser closed and
// opened again, leaves work sites out of reach.
describe('Chromium: family time survives a dead worker and a browser restart', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;
  const { window, until } = activeWindow(90);
  const headline = `Family time until ${clockText(until)}`;

  beforeAll(async () => {
    sites = await startWorkSites();
    hearth = await HearthBrowser.launch();
    await hearth.arrange({ settings: settingsWith([window]), runtime: NO_RUNTIME });
    await hearth.settle(true);
  });

  afterAll(async () => {
    await hearth?.close();
    await sites?.close();
  });

  /** Types a work address and clicks a link to one; both must land on the reminder. */
  async function expectBothPathsBlocked(): Promise<void> {
    sites.clearLog();
    const inbox = sites.url('mail.work.test', '/inbox');
    const typed = await hearth.context.newPage();
    await typeUrl(typed, inbox);
    await waitForUrl(typed, reminderUrlFor(hearth, inbox));
    await typed.getByText(`You reached for mail.work.test:${sites.port}.`).waitFor();
    await expectHeadline(typed);

    const clicked = await hearth.context.newPage();
    await clicked.goto(sites.url('play.test', '/'));
    await clicked.getByRole('link', { name: 'Open the inbox' }).click();
    await waitForUrl(clicked, reminderUrlFor(hearth, inbox));
    await clicked.getByText(`You reached for mail.work.test:${sites.port}.`).waitFor();

    expect(sites.requestsFor('mail.work.test')).toEqual([]);
    await typed.close();
    await clicked.close();
  }

  async function expectHeadline(page: Page): Promise<void> {
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(async () => plain(await heading.textContent())).toBe(headline);
  }

  it('keeps blocking typed and clicked navigations after the worker is stopped', async () => {
    await hearth.stopServiceWorker();
    await expectBothPathsBlocked();
  });

  it('sets the badge again when a stopped worker is woken by a page asking it', async () => {
    // Clear the badge by hand, so only a woken worker that reconciles can put it back.
    await hearth.inWorker(() => chrome.action.setBadgeText({ text: '' }), undefined);
    expect((await hearth.enforcement()).badge).toBe('');
    await hearth.stopServiceWorker();

    // The popup shows the state from storage without waking the worker (issue 16);
    // its actions are messages, and a message wakes it.
    const popup = await hearth.openExtensionPage('popup');
    await expectHeadline(popup);
    await popup.getByRole('button', { name: 'End family time' }).waitFor();
    await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'getStatus' }));
    await expect.poll(async () => (await hearth.enforcement()).badge).toBe('on');
    await popup.close();
  });

  it('keeps blocking after the browser is closed and opened again on the same profile', async () => {
    await hearth.restart();
    await expectBothPathsBlocked();
    await hearth.settle(true);
  });
});
