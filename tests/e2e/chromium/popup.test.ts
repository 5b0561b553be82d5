import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
  windowAt,
  zonedNow,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';

// Scenario 7: the popup tells the state at a glance, and its one button starts
// and ends family time by hand.
describe('Chromium: the popup starts and ends family time', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;
  // The next window is three hours away, so nothing is on until the parent says so.
  const nextStart = zonedNow()
    .round({ smallestUnit: 'minute', roundingMode: 'floor' })
    .add({ hours: 3 });
  const day = nextStart.toPlainDate().equals(zonedNow().toPlainDate()) ? 'today' : 'tomorrow';
  const nextLine = `Next: ${day} ${clockText(nextStart)}`;

  beforeAll(async () => {
    sites = await startWorkSites();
    hearth = await HearthBrowser.launch();
    await hearth.arrange({
      settings: settingsWith([windowAt(nextStart, 60)]),
      runtime: NO_RUNTIME,
    });
    await hearth.settle(false);
  });

  afterAll(async () => {
    await hearth?.close();
    await sites?.close();
  });

  async function headline(popup: Page): Promise<string> {
    return plain(await popup.getByRole('heading', { level: 1 }).textContent());
  }

  /** Opens the inbox in a new tab, as a parent would, and returns that tab. */
  async function openInbox(): Promise<{ tab: Page; commits: string[]; inbox: string }> {
    const inbox = sites.url('mail.work.test', '/inbox');
    const tab = await hearth.context.newPage();
    const commits = recordCommits(tab);
    await typeUrl(tab, inbox);
    return { tab, commits, inbox };
  }

  it('says when family time is next, and the work site loads meanwhile', async () => {
    const popup = await hearth.openExtensionPage('popup');
    await expect.poll(() => headline(popup)).toBe(nextLine);
    await popup.getByRole('button', { name: 'Start family time' }).waitFor();

    const { tab, inbox } = await openInbox();
    await waitForUrl(tab, inbox);
    expect(await tab.locator('#site').textContent()).toBe('mail.work.test/inbox');
    await tab.close();
    await popup.close();
  });

  it('"Start family time" starts it now, for two hours: a work site in a new tab is blocked', async () => {
    const popup = await hearth.openExtensionPage('popup');
    await expect.poll(() => headline(popup)).toBe(nextLine);
    const before = zonedNow();
    await popup.getByRole('button', { name: 'Start family time' }).click();
    const after = zonedNow();
    await popup.getByRole('button', { name: 'End family time' }).waitFor();
    const untilLines = [before, after].map(
      (at) => `Family time until ${clockText(at.add({ hours: 2 }))}`,
    );
    await expect.poll(() => headline(popup)).toSatisfy((line: string) => untilLines.includes(line));

    sites.clearLog();
    const { tab, commits, inbox } = await openInbox();
    await waitForUrl(tab, reminderUrlFor(hearth, inbox));
    expectOnlyReminder(commits, reminderUrlFor(hearth, inbox));
    await tab.getByText(`You reached for mail.work.test:${sites.port}.`).waitFor();
    expect(sites.requestsFor('mail.work.test')).toEqual([]);
    await tab.close();
    await popup.close();
  });

  it('"End family time" ends it: the work site loads again', async () => {
    const popup = await hearth.openExtensionPage('popup');
    await popup.getByRole('button', { name: 'End family time' }).click();
    await popup.getByRole('button', { name: 'Start family time' }).waitFor();
    await expect.poll(() => headline(popup)).toBe(nextLine);

    const { tab, inbox } = await openInbox();
    await waitForUrl(tab, inbox);
    expect(await tab.locator('#site').textContent()).toBe('mail.work.test/inbox');
    expect(sites.requestsFor('mail.work.test')).toContain('/inbox');
    await tab.close();
    await popup.close();
  });

  it('a background that cannot be reached: the popup says so calmly, and nothing changes', async () => {
    const popup = await hearth.context.newPage();
    // The one fault a person cannot make on purpose: every message to the background fails
    // as Chromium fails it while no background can answer.
    await popup.addInitScript(() => {
      const refuse = () =>
        Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
      const api = globalThis as unknown as Record<string, { runtime?: object } | undefined>;
      for (const name of ['chrome', 'browser']) {
        const runtime = api[name]?.runtime;
        if (runtime) Object.defineProperty(runtime, 'sendMessage', { value: refuse });
      }
    });
    await popup.goto(hearth.extensionUrl('popup'));
    await expect.poll(() => headline(popup)).toBe(nextLine);
    await popup.getByRole('button', { name: 'Start family time' }).click();
    await popup
      .getByRole('status')
      .filter({ hasText: 'Hearth didn’t hear that just now. Please try once more.' })
      .waitFor({ timeout: 15_000 });
    // Still the same evening: not started, the button ready for another try.
    expect(await headline(popup)).toBe(nextLine);
    expect(await popup.getByRole('button', { name: 'Start family time' }).isEnabled()).toBe(true);
    await popup.close();
  });
});
