import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeWindow,
  HearthBrowser,
  NO_RUNTIME,
  recordCommits,
  reminderUrlFor,
  settingsWith,
  typeUrl,
  waitForUrl,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';

// Scenario 6: a work site that answers navigations from its own service worker
// (as Gmail, Slack and Docs do) never reaches the network, so declarativeNetRequest
// cannot see it. During family time it must still land on the reminder.
describe('Chromium: a work site with its own caching service worker', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;
  let app: string;

  beforeAll(async () => {
    // The port must be known before launch: plain http may register a worker only when marked secure.
    sites = await startWorkSites();
    app = sites.url('mail.work.test', '/app');
    hearth = await HearthBrowser.launch({
      args: [`--unsafely-treat-insecure-origin-as-secure=${sites.url('mail.work.test', '')}`],
    });
    // Before family time: no windows at all.
    await hearth.arrange({ settings: settingsWith([]), runtime: NO_RUNTIME });
    await hearth.settle(false);

    const page = await hearth.context.newPage();
    await page.goto(app);
    await page.waitForFunction(() => document.title === 'worker ready');
    // The site's worker now answers /app from its cache, without the network.
    sites.clearLog();
    await page.goto(app);
    expect(await page.locator('#site').textContent()).toBe('mail.work.test/app');
    expect(sites.requestsFor('mail.work.test')).not.toContain('/app');
    await page.close();

    await hearth.arrange({ settings: settingsWith([activeWindow(90).window]) });
    await hearth.settle(true);
  });

  afterAll(async () => {
    await hearth?.close();
    await sites?.close();
  });

  it('sends a navigation its worker would answer from cache to the reminder', async () => {
    const page = await hearth.context.newPage();
    const commits = recordCommits(page);
    await typeUrl(page, app);
    await waitForUrl(page, reminderUrlFor(hearth, app));
    // The site's own document may commit for a moment before the backstop sends the tab on
    // (the listener must read storage first); it must never end there, nor on an error page.
    expect(commits.at(-1)).toBe(reminderUrlFor(hearth, app));
    expect(commits.filter((url) => url.startsWith('chrome-error:'))).toEqual([]);
    await page.getByText(`You reached for mail.work.test:${sites.port}.`).waitFor();
    await page.close();
  });

  it('does so too right after Hearth’s own worker was stopped', async () => {
    await hearth.stopServiceWorker();
    const page = await hearth.context.newPage();
    const commits = recordCommits(page);
    await typeUrl(page, app);
    await waitForUrl(page, reminderUrlFor(hearth, app));
    // The site's own document may commit for a moment before the backstop sends the tab on
    // (the listener must read storage first); it must never end there, nor on an error page.
    expect(commits.at(-1)).toBe(reminderUrlFor(hearth, app));
    expect(commits.filter((url) => url.startsWith('chrome-error:'))).toEqual([]);
    await page.getByText(`You reached for mail.work.test:${sites.port}.`).waitFor();
    await page.close();
  });
});
