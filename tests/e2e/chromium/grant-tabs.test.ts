import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeWindow,
  type ExtensionApi,
  HearthBrowser,
  NO_RUNTIME,
  pollFor,
  reminderUrlFor,
  settingsWith,
  typeUrl,
  waitForUrl,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';

declare const chrome: ExtensionApi;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The background listens to tabs only while a step-past is open
// (utils/browser/grant-tabs.ts): without one, a tab that changes does not wake
// a stopped worker; with one, leaving the site closes it even when the worker
// was stopped in between.
describe('Chromium: tabs wake the background only while a step-past is open', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;

  beforeAll(async () => {
    sites = await startWorkSites();
    hearth = await HearthBrowser.launch();
    const settings = settingsWith([activeWindow(90).window]);
    settings.gentleness = { ...settings.gentleness, waitSeconds: 1, reasonRequired: false };
    await hearth.arrange({ settings, runtime: NO_RUNTIME });
    await hearth.settle(true);
  });

  afterAll(async () => {
    await hearth?.close();
    await sites?.close();
  });

  /** Whether the stopped worker was started while `act` ran (and a moment after). */
  async function wakes(act: (tab: Page) => Promise<void>): Promise<boolean> {
    const control = await hearth.openExtensionPage('welcome');
    const tab = await hearth.context.newPage();
    await hearth.stopServiceWorker();
    const worker = await hearth.watchServiceWorker(control);
    try {
      let woke = false;
      const watch = setInterval(() => {
        if (worker.status() !== 'stopped') woke = true;
      }, 5);
      await act(tab);
      await sleep(1_000);
      clearInterval(watch);
      return woke || worker.status() !== 'stopped';
    } finally {
      await worker.detach();
      await tab.close();
      await control.close();
    }
  }

  const grants = () =>
    hearth.inWorker(async () => {
      const { runtime } = await chrome.storage.local.get('runtime');
      return ((runtime as { grants?: { closed?: string; seen?: boolean }[] } | undefined)?.grants ??
        []) as { closed?: string; seen?: boolean }[];
    }, undefined);

  it('with no step-past open, a tab that loads and changes leaves the stopped worker asleep', async () => {
    // Not an http(s) page: the backstop's navigation listeners do not see it, only tabs.onUpdated would.
    expect(
      await wakes(async (tab) => {
        await tab.goto('data:text/html,<title>One</title><h1>One</h1>');
        await tab.goto('data:text/html,<title>Two</title><h1>Two</h1>');
      }),
    ).toBe(false);
  });

  it('a step-past stays open on the site and closes when the parent leaves it, the worker stopped in between', async () => {
    const target = sites.url('docs.work.test', '/spec/7');
    const tab = await hearth.context.newPage();
    await typeUrl(tab, target);
    await waitForUrl(tab, reminderUrlFor(hearth, target));
    await tab.getByRole('button', { name: 'I need this site for a moment' }).click();
    const go = tab.getByRole('button', { name: /^Open docs\.work\.test/ });
    await expect.poll(() => go.isEnabled(), { timeout: 10_000 }).toBe(true);
    await go.click();
    await waitForUrl(tab, target);
    await pollFor('the grant to be seen on the site', async () =>
      (await grants()).some((g) => g.seen && !g.closed) ? true : undefined,
    );

    // Moving about within the site keeps it open, the worker stopped or not.
    await hearth.stopServiceWorker();
    const other = sites.url('docs.work.test', '/spec/8');
    await tab.goto(other);
    expect(await tab.locator('#site').textContent()).toBe('docs.work.test/spec/8');
    await sleep(500);
    expect((await grants()).map((g) => g.closed ?? 'open')).toEqual(['open']);

    // Leaving it, with the worker stopped, closes the door again.
    await hearth.stopServiceWorker();
    await tab.goto('data:text/html,<title>Elsewhere</title><h1>Elsewhere</h1>');
    await pollFor('the step-past to close', async () =>
      (await grants()).every((g) => g.closed === 'left') ? true : undefined,
    );
    await typeUrl(tab, target);
    await waitForUrl(tab, reminderUrlFor(hearth, target));
    await tab.close();
  });

  it('once it closed, tabs leave the stopped worker asleep again', async () => {
    expect(
      await wakes(async (tab) => {
        await tab.goto('data:text/html,<title>Three</title><h1>Three</h1>');
      }),
    ).toBe(false);
  });
});
