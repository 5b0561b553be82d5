import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeWindow,
  type ExtensionApi,
  expectOnlyReminder,
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

declare const chrome: ExtensionApi;

// A step-past "for this page only" opens that page, not another whose address
// differs only in letter case: /document/d/abc and /document/d/ABC are two
// documents. DNR's regex rules ignore case unless told otherwise, so this
// holds only while the grant's rule says isUrlFilterCaseSensitive.
describe('Chromium: a page-scoped step-past opens that page only, letter case included', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;

  beforeAll(async () => {
    sites = await startWorkSites();
    hearth = await HearthBrowser.launch();
    const settings = settingsWith([activeWindow(90).window]);
    settings.gentleness = {
      ...settings.gentleness,
      grantScope: 'page',
      reasonRequired: false,
      waitSeconds: 0,
      grantMinutes: 10,
    };
    await hearth.arrange({ settings, runtime: NO_RUNTIME });
    await hearth.settle(true);
  });

  afterAll(async () => {
    try {
      await hearth?.close();
    } finally {
      await sites?.close();
    }
  });

  // Blocking ignores case, a grant does not: /ABC is another document and stays kept away.
  it('stepping past /document/d/abc leaves /document/d/ABC kept away', async () => {
    const lower = sites.url('docs.work.test', '/document/d/abc/edit');
    const upper = sites.url('docs.work.test', '/document/d/ABC/edit');

    const tab = await hearth.context.newPage();
    await typeUrl(tab, lower);
    await waitForUrl(tab, reminderUrlFor(hearth, lower));
    await tab.getByRole('button', { name: 'I need this site for a moment' }).click();
    await tab.getByRole('button', { name: /^Open .+ for \d+ minutes?$/ }).click();
    await waitForUrl(tab, lower);
    expect(await tab.locator('#site').textContent()).toBe('docs.work.test/document/d/abc/edit');

    // The grant is for that page, and its allow rule is installed: what makes the next
    // negative mean something.
    const port = new URL(lower).port;
    const pattern = `docs.work.test:${port}/document/d/abc/edit`;
    const runtime = await hearth.inWorker(
      async () =>
        (await chrome.storage.local.get('runtime')).runtime as { grants: { pattern: string }[] },
      undefined,
    );
    expect(runtime.grants.map((g) => g.pattern)).toEqual([pattern]);
    await pollFor('the page grant allow rule', async () => {
      const rules = await hearth.inWorker(
        () => chrome.declarativeNetRequest.getDynamicRules(),
        undefined,
      );
      return rules.some(
        (r) => r.action.type === 'allow' && (r.condition.regexFilter ?? '').includes('abc'),
      )
        ? true
        : undefined;
    });

    // The same address but for the letters' case: the reminder, and nothing fetched.
    sites.clearLog();
    const other = await hearth.context.newPage();
    const commits = recordCommits(other);
    await typeUrl(other, upper);
    await waitForUrl(other, reminderUrlFor(hearth, upper));
    expectOnlyReminder(commits, reminderUrlFor(hearth, upper));
    // Every request to the host counted, save the favicon of the tab still open on /abc
    // (Chromium fetches it whenever it gets to it).
    expect(sites.requestsFor('docs.work.test').filter((path) => path !== '/favicon.ico')).toEqual(
      [],
    );
    // The stepped-past page itself is still open where it was.
    expect(tab.url()).toBe(lower);
    await other.close();
    await tab.close();
  });
});
