import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeWindow,
  clockText,
  expectOnlyReminder,
  HearthBrowser,
  NO_RUNTIME,
  plain,
  recordCommits,
  reminderUrlFor,
  settingsWith,
  typeUrl,
  waitForUrl,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';

// Scenarios 1 and 2: during a window, a work site is out of reach whether the
// parent types its address or clicks a link to it, and nothing of it is
// fetched; a site that is on no list loads as usual.
describe('Chromium: blocking during family time', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;
  const { window, until } = activeWindow(90);

  beforeAll(async () => {
    sites = await startWorkSites();
    hearth = await HearthBrowser.launch();
    await hearth.arrange({ settings: settingsWith([window]), runtime: NO_RUNTIME });
    await hearth.settle(true);
    sites.clearLog();
  });

  afterAll(async () => {
    await hearth?.close();
    await sites?.close();
  });

  it('sends a typed work address to the reminder, which names the host and the end time', async () => {
    const inbox = sites.url('mail.work.test', '/inbox');
    const page = await hearth.context.newPage();
    const commits = recordCommits(page);
    await typeUrl(page, inbox);
    await waitForUrl(page, reminderUrlFor(hearth, inbox));
    expectOnlyReminder(commits, reminderUrlFor(hearth, inbox));

    const heading = page.getByRole('heading', { level: 1 });
    await expect
      .poll(async () => plain(await heading.textContent()))
      .toBe(`Family time until ${clockText(until)}`);
    await page.getByText(`You reached for mail.work.test:${sites.port}.`).waitFor();
    expect(sites.requestsFor('mail.work.test')).toEqual([]);
    await page.close();
  });

  it('sends a link clicked on another site to the reminder, fetching nothing of the work site', async () => {
    const page = await hearth.context.newPage();
    await page.goto(sites.url('play.test', '/'));
    const commits = recordCommits(page);
    await page.getByRole('link', { name: 'Open the inbox' }).click();
    const inbox = sites.url('mail.work.test', '/inbox');
    await waitForUrl(page, reminderUrlFor(hearth, inbox));
    // Straight to the reminder: no error page (blocked.html not web-accessible) on the way.
    expectOnlyReminder(commits, reminderUrlFor(hearth, inbox));

    await page.getByText(`You reached for mail.work.test:${sites.port}.`).waitFor();
    const heading = page.getByRole('heading', { level: 1 });
    await expect
      .poll(async () => plain(await heading.textContent()))
      .toBe(`Family time until ${clockText(until)}`);
    expect(sites.requestsFor('mail.work.test')).toEqual([]);
    await page.close();
  });

  it('lets a site on no list load as usual', async () => {
    const page = await hearth.context.newPage();
    const playUrl = sites.url('play.test', '/games?level=2');
    await page.goto(playUrl);
    expect(page.url()).toBe(playUrl);
    expect(await page.locator('#site').textContent()).toBe('play.test/games');
    expect(sites.requestsFor('play.test')).toContain('/games?level=2');
    await page.close();
  });
});
