import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clockText,
  HearthBrowser,
  NO_RUNTIME,
  plain,
  pollFor,
  reminderUrlFor,
  settingsWith,
  waitForUrl,
  windowAt,
  zonedNow,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';

// Scenario 3: a tab already open on a work site when the window starts is sent
// to the reminder on the start edge, keeping its whole URL; when the window
// ends the reminder says so and leads back to exactly that page.
describe('Chromium: a tab open when family time starts', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;

  beforeAll(async () => {
    sites = await startWorkSites();
    hearth = await HearthBrowser.launch();
  });

  afterAll(async () => {
    await hearth?.close();
    await sites?.close();
  });

  it('is redirected at the start, and offered back after the end', async () => {
    // The next whole minute at least 5 s away, for one minute.
    const soon = zonedNow()
      .add({ seconds: 5 })
      .round({ smallestUnit: 'minute', roundingMode: 'ceil' });
    const end = soon.add({ minutes: 1 });
    await hearth.arrange({ settings: settingsWith([windowAt(soon, 1)]), runtime: NO_RUNTIME });
    await hearth.settle(false);

    const original = sites.url('mail.work.test', '/inbox?folder=family&sort=new#thread-42');
    const page = await hearth.context.newPage();
    await page.goto(original);
    expect(await page.locator('#site').textContent()).toBe('mail.work.test/inbox');
    await page.waitForLoadState('networkidle');
    // Before the edge the work site stays where it is.
    expect(page.url()).toBe(original);
    sites.clearLog();

    const reminder = reminderUrlFor(hearth, original);
    const movedAt = await pollFor(
      'the open work tab to be sent to the reminder',
      () => (page.url() === reminder ? Date.now() : undefined),
      soon.epochMilliseconds - Date.now() + 20_000,
      50,
    );
    expect(movedAt).toBeGreaterThanOrEqual(soon.epochMilliseconds);
    await waitForUrl(page, reminder);
    const heading = page.getByRole('heading', { level: 1 });
    await expect
      .poll(async () => plain(await heading.textContent()))
      .toBe(`Family time until ${clockText(end)}`);
    await page.getByText(`You reached for mail.work.test:${sites.port}.`).waitFor();

    // The end edge: the same page now says family time is over, without a reload.
    await expect
      .poll(async () => plain(await heading.textContent()), {
        timeout: end.epochMilliseconds - Date.now() + 20_000,
        interval: 200,
      })
      .toBe('Family time is over');
    expect(page.url()).toBe(reminder);
    expect(sites.requestsFor('mail.work.test')).toEqual([]);

    await page.getByRole('link', { name: `Back to mail.work.test:${sites.port}` }).click();
    await waitForUrl(page, original);
    expect(await page.locator('#site').textContent()).toBe('mail.work.test/inbox');
    expect(sites.requestsFor('mail.work.test')).toContain('/inbox?folder=family&sort=new');
    await page.close();
  });
});
