import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../../utils/settings/schema';
import {
  activeWindow,
  clockText,
  type ExtensionApi,
  HearthBrowser,
  NO_RUNTIME,
  parentAllowsNotifications,
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

declare const chrome: ExtensionApi & {
  contentSettings: {
    notifications: { get(d: { primaryUrl: string }): Promise<{ setting: string }> };
  };
};

interface Seen {
  permission: string;
  shown: string;
}

// Issue 13: a blocked work site cannot show notifications during family time
// (contentSettings), in its page and in its service worker; afterwards it has
// exactly the permission the parent gave it, and an unblocked site is never touched.
describe('Chromium: work notifications stay quiet during family time', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;
  let mail: string;
  let play: string;

  /** Settings as the test wants them, the step-past without a wait so the test stays short. */
  const withWindows = (windows: Parameters<typeof settingsWith>[0]): Settings => {
    const settings = settingsWith(windows);
    settings.gentleness = { ...settings.gentleness, waitSeconds: 0 };
    return settings;
  };

  /** What Chrome answers for a URL's notifications now (all layers), from Hearth's worker. */
  const browserSays = (url: string) =>
    hearth.inWorker(
      async (primaryUrl) =>
        (await chrome.contentSettings.notifications.get({ primaryUrl })).setting,
      url,
    );

  const waitForSetting = (url: string, setting: string) =>
    pollFor(`Chrome to say "${setting}" for ${url}'s notifications`, async () =>
      (await browserSays(url)) === setting ? true : undefined,
    );

  async function openSite(url: string, page?: Page): Promise<Page> {
    const tab = page ?? (await hearth.context.newPage());
    await tab.goto(url);
    await tab.waitForFunction(() => document.title === 'notify ready');
    return tab;
  }

  const fromPage = (tab: Page) =>
    tab.evaluate(() => (window as unknown as { fromPage(): Promise<Seen> }).fromPage());
  const fromWorker = (tab: Page) =>
    tab.evaluate(() => (window as unknown as { fromWorker(): Promise<Seen> }).fromWorker());

  beforeAll(async () => {
    // Ports must be known before launch: the parent's choice and "secure" are per origin.
    sites = await startWorkSites();
    mail = sites.url('mail.work.test', '/notify');
    play = sites.url('play.test', '/notify');
    const origins = [sites.url('mail.work.test', ''), sites.url('play.test', '')];
    hearth = await HearthBrowser.launch({
      args: [`--unsafely-treat-insecure-origin-as-secure=${origins.join(',')}`],
      preferences: parentAllowsNotifications(origins),
    });
    await hearth.arrange({ settings: withWindows([]), runtime: NO_RUNTIME });
    await hearth.settle(false);
  });

  afterAll(async () => {
    await hearth?.close();
    await sites?.close();
  });

  it('the parent turns it on beside the sites', async () => {
    const options = await hearth.openExtensionPage('options', '#quiet');
    const section = options.locator('section#quiet');
    await section.getByRole('heading', { name: 'Work notifications' }).waitFor();
    const box = section.getByRole('checkbox', {
      name: 'Keep work notifications quiet during family time',
    });
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await pollFor('the setting to be stored', async () =>
      (await hearth.inWorker(() => chrome.storage.local.get('quietNotifications'), undefined))
        .quietNotifications === true
        ? true
        : undefined,
    );
    await options
      .locator('section#coverage')
      .getByText('Work notifications stay quiet during family time.')
      .waitFor();
    expect(await axeViolations(options)).toEqual([]);
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme });
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({ path: resolve(SCREENSHOTS, `options-quiet-on-${scheme}.png`) });
    }
    await options.close();
  });

  it('before family time the work site may notify, from its page and its worker', async () => {
    const tab = await openSite(mail);
    expect(await fromPage(tab)).toEqual({ permission: 'granted', shown: 'shown' });
    expect(await fromWorker(tab)).toEqual({ permission: 'granted', shown: 'shown' });
    await tab.close();
  });

  it('the wind-down says until when notifications will be quiet', async () => {
    const start = zonedNow()
      .round({ smallestUnit: 'minute', roundingMode: 'ceil' })
      .add({ minutes: 30 });
    await hearth.arrange({ settings: withWindows([windowAt(start, 60)]) });
    const winddown = await hearth.openExtensionPage('winddown');
    const line = `Work notifications will be quiet until ${clockText(start.add({ minutes: 60 }))}.`;
    await pollFor(`the wind-down to say "${line}"`, async () =>
      (await winddown.locator('p').allTextContents()).map(plain).includes(line) ? true : undefined,
    );
    expect(await axeViolations(winddown)).toEqual([]);
    for (const scheme of ['light', 'dark'] as const) {
      await winddown.emulateMedia({ colorScheme: scheme });
      await winddown.screenshot({ path: resolve(SCREENSHOTS, `winddown-quiet-${scheme}.png`) });
    }
    await winddown.close();
    // Still before family time: nothing is touched yet.
    expect(await browserSays(mail)).toBe('allow');
  });

  it('during family time it is refused, on the page after a step-past and in its worker', async () => {
    await hearth.arrange({ settings: withWindows([activeWindow(90).window]) });
    await hearth.settle(true);
    await waitForSetting(mail, 'block');

    const tab = await hearth.context.newPage();
    await typeUrl(tab, mail);
    await waitForUrl(tab, reminderUrlFor(hearth, mail));
    await tab.getByRole('button', { name: 'I need this site for a moment' }).click();
    await tab.getByLabel('What needs you right now?').fill('the school wrote');
    await tab.getByRole('button', { name: /^Open mail\.work\.test.* for 10 minutes$/ }).click();
    await waitForUrl(tab, mail);
    await tab.waitForFunction(() => document.title === 'notify ready');
    expect(await fromPage(tab)).toEqual({ permission: 'denied', shown: 'refused: TypeError' });
    expect(await fromWorker(tab)).toEqual({ permission: 'denied', shown: 'refused: TypeError' });
    await tab.close();
  });

  it('an unblocked site keeps the permission the parent gave it, in family time too', async () => {
    expect(await browserSays(play)).toBe('allow');
    const tab = await openSite(play);
    expect(await fromPage(tab)).toEqual({ permission: 'granted', shown: 'shown' });
    expect(await fromWorker(tab)).toEqual({ permission: 'granted', shown: 'shown' });
    await tab.close();
  });

  it('after family time the work site is granted again', async () => {
    await hearth.arrange({ settings: withWindows([]) });
    await hearth.settle(false);
    await waitForSetting(mail, 'allow');
    const tab = await openSite(mail);
    expect(await fromPage(tab)).toEqual({ permission: 'granted', shown: 'shown' });
    expect(await fromWorker(tab)).toEqual({ permission: 'granted', shown: 'shown' });
    await tab.close();
    expect(await browserSays(play)).toBe('allow');
  });

  it('turned off mid-evening, the parent’s choice is back at once', async () => {
    await hearth.arrange({ settings: withWindows([activeWindow(90).window]) });
    await hearth.settle(true);
    await waitForSetting(mail, 'block');
    const options = await hearth.openExtensionPage('options', '#quiet');
    await options
      .getByRole('checkbox', { name: 'Keep work notifications quiet during family time' })
      .uncheck();
    await waitForSetting(mail, 'allow');
    await options.close();
    expect((await hearth.enforcement()).badge).toBe('on');
  });

  // Last: Hearth is gone afterwards.
  it('uninstalled during family time, it leaves nothing behind', async () => {
    const options = await hearth.openExtensionPage('options', '#quiet');
    await options
      .getByRole('checkbox', { name: 'Keep work notifications quiet during family time' })
      .check();
    await waitForSetting(mail, 'block');
    await options.close();
    // The worker goes with the extension, so the call may never answer.
    await hearth
      .inWorker(() => chrome.management.uninstallSelf({ showConfirmDialog: false }), undefined)
      .catch(() => undefined);
    const tab = await hearth.context.newPage();
    await pollFor('the work site to load as itself, Hearth gone', async () => {
      await tab.goto(mail);
      return tab.url() === mail ? true : undefined;
    });
    await tab.waitForFunction(() => document.title === 'notify ready');
    expect(await fromPage(tab)).toEqual({ permission: 'granted', shown: 'shown' });
    expect(await fromWorker(tab)).toEqual({ permission: 'granted', shown: 'shown' });
    await tab.close();
  });
});
