import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeWindow,
  HearthBrowser,
  NO_RUNTIME,
  pollFor,
  recordCommits,
  reminderUrlFor,
  settingsWith,
  typeUrl,
  waitForUrl,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';

// Scenario 6: a work site that answers navigations from its own service worker
// (as Gmail, Slack and Docs do) never reaches the network, so declarativeNetRequest
// cannot see it. Its worker is installed before family time starts (every parent's
// Gmail), and the very first blocked visit must already never run nor paint the site:
// the registered page catch stops it at document_start (utils/browser/page-catch.ts).
describe('Chromium: a work site with its own caching service worker', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;
  let app: string;

  /** Whether the site's own page ran its script or painted (it tells its server, through its worker). */
  const siteTold = () =>
    sites.requestsFor('mail.work.test').filter((path) => path === '/ran' || path === '/painted');

  async function reachFor(): Promise<void> {
    sites.clearLog();
    const page = await hearth.context.newPage();
    const commits = recordCommits(page);
    await typeUrl(page, app);
    await waitForUrl(page, reminderUrlFor(hearth, app));
    await page.getByText(`You reached for mail.work.test:${sites.port}.`).waitFor();
    expect(commits.at(-1)).toBe(reminderUrlFor(hearth, app));
    expect(commits.filter((url) => url.startsWith('chrome-error:'))).toEqual([]);
    // Served by its worker: nothing of the page came from the network, so no rule saw it...
    expect(sites.requestsFor('mail.work.test')).not.toContain('/app');
    // ...and still its page never ran nor painted (it would have said so by now: the
    // reminder has loaded since).
    expect(siteTold()).toEqual([]);
    await page.close();
  }

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
    await page.bringToFront(); // a page paints only while it is the one shown
    await page.goto(app);
    await page.waitForFunction(() => document.title === 'worker ready');
    // The site's worker now answers /app from its cache, without the network, and the
    // page says when it ran and painted: the test below could see both.
    sites.clearLog();
    await page.goto(app);
    expect(await page.locator('#site').textContent()).toBe('mail.work.test/app');
    // Setup, not the behaviour under test: room for a runner busy with the other lane.
    await pollFor(
      'the cached page to say it ran and painted',
      () => (siteTold().length === 2 ? true : undefined),
      30_000,
    );
    expect(sites.requestsFor('mail.work.test')).not.toContain('/app');
    await page.close();

    await hearth.arrange({ settings: settingsWith([activeWindow(90).window]) });
    await hearth.settle(true);
  });

  afterAll(async () => {
    await hearth?.close();
    await sites?.close();
  });

  it('never runs nor paints the first blocked visit its warm worker answers from cache', async () => {
    await reachFor();
  });

  it('nor with both workers stopped (a cold site worker, Hearth’s own asleep)', async () => {
    await hearth.stopServiceWorker();
    await reachFor();
  });

  it('leaves the site to run as before once family time is over', async () => {
    await hearth.arrange({ settings: settingsWith([]) });
    await hearth.settle(false);
    sites.clearLog();
    const page = await hearth.context.newPage();
    await page.goto(app);
    expect(await page.locator('#site').textContent()).toBe('mail.work.test/app');
    await pollFor('the page to run again', () => (siteTold().includes('/ran') ? true : undefined));
    await page.close();
  });
});
