import type { Page } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeWindow,
  clockText,
  type ExtensionApi,
  HearthBrowser,
  NO_RUNTIME,
  plain,
  pollFor,
  settingsWith,
  TIME_ZONE,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';
import { readHistoryInOptions } from '../support/history-page';

// Issue 11: the system time zone changes while family time is running. The
// system clock cannot be set here; the time zone can, two ways:
// - while the worker lives: CDP's Emulation.setTimezoneOverride sent to the
//   extension's service-worker target itself (attached through
//   Target.attachToTarget; an override on a page does not reach the worker),
//   and to the popup page, as a system zone change reaches every context;
// - across a restart: TZ in Chromium's environment is read when it starts, so
//   the browser is closed and started again on the same profile with another
//   TZ, and the next worker sees the zone it stored differ from its own.
declare const chrome: ExtensionApi;

// Family time began 30 minutes ago and has 90 minutes left, in TIME_ZONE.
const { window, until } = activeWindow(90);
const now = Temporal.Now.instant();

/** Sets the time zone of Hearth's running service worker over CDP; resolves once the worker runs in it. */
async function overrideWorkerZone(hearth: HearthBrowser, zone: string): Promise<void> {
  const page = hearth.context.pages()[0] ?? (await hearth.context.newPage());
  const cdp = await hearth.context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find(
    (t) =>
      t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${hearth.extensionId}/`),
  );
  if (!target) throw new Error('Hearth service worker target not found');
  const { sessionId } = await cdp.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  });
  const message = { id: 1, method: 'Emulation.setTimezoneOverride', params: { timezoneId: zone } };
  await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify(message) });
  await expect.poll(() => hearth.worker.evaluate<string>('Temporal.Now.timeZoneId()')).toBe(zone);
}

describe('Chromium: a time-zone change during family time', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;

  /**
   * A zone where the same local window is neither on now nor starting before
   * the held end (90 minutes, and 10 to spare): by its own clock family time
   * would just stop, and nothing of its own runs on after the held end.
   */
  const moved = [
    'America/New_York',
    'Asia/Tokyo',
    'America/Los_Angeles',
    'Asia/Kolkata',
    'Pacific/Auckland',
    'Europe/London',
  ].find((zone) => {
    if (zone === TIME_ZONE) return false;
    const local = now.toZonedDateTimeISO(zone);
    const minute = local.hour * 60 + local.minute;
    const [start, end] = [window.startMinute - 100, window.startMinute + window.lengthMinutes];
    return ![minute - 1440, minute, minute + 1440].some((m) => start <= m && m < end);
  }) as string;

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

  async function headline(popup: Page): Promise<string> {
    return plain(await popup.getByRole('heading', { level: 1 }).textContent());
  }

  it('while the worker runs: family time keeps its end, told by the new zone’s clock', async () => {
    expect(moved, 'a zone where the window is off').toBeTruthy();
    const before = await hearth.openExtensionPage('popup');
    await expect.poll(() => headline(before)).toBe(`Family time until ${clockText(until)}`);
    await before.close();

    await overrideWorkerZone(hearth, moved);
    // The popup in the new zone too (a system zone change reaches every page).
    const popup = await hearth.context.newPage();
    const cdp = await hearth.context.newCDPSession(popup);
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: moved });
    await popup.goto(hearth.extensionUrl('popup'));
    expect(await popup.evaluate('Temporal.Now.timeZoneId()')).toBe(moved);
    await expect
      .poll(() => headline(popup))
      .toBe(`Family time until ${clockText(until.withTimeZone(moved))}`);
    await popup.close();
    // The background holds at its next reconcile: the heartbeat, within a minute.
    await pollFor(
      'the toolbar title to tell the end in the new zone',
      async () => {
        const title = plain(await hearth.inWorker(() => chrome.action.getTitle({}), undefined));
        return title.includes(clockText(until.withTimeZone(moved))) ? title : undefined;
      },
      90_000,
      1_000,
    );
    await hearth.settle(true);
    const said = `The time zone changed from ${TIME_ZONE} to ${moved} during family time; it kept its end.`;
    expect((await readHistoryInOptions(hearth)).filter((row) => row.includes(said))).toHaveLength(
      1,
    );
  });

  it('across a restart in another zone: family time keeps its end, the history says so once', async () => {
    // Fresh: no hold from the test above.
    await hearth.close();
    hearth = await HearthBrowser.launch();
    await hearth.arrange({ settings: settingsWith([window]), runtime: NO_RUNTIME });
    await hearth.settle(true);
    expect(moved, 'a zone where the window is off').toBeTruthy();
    const before = await hearth.openExtensionPage('popup');
    await expect.poll(() => headline(before)).toBe(`Family time until ${clockText(until)}`);
    await before.close();

    await hearth.restart({ timeZone: moved });

    // The same instant, told by the new zone's clock.
    const endThere = until.withTimeZone(moved);
    const popup = await hearth.openExtensionPage('popup');
    await expect.poll(() => headline(popup)).toBe(`Family time until ${clockText(endThere)}`);
    await popup.close();
    await hearth.settle(true);

    // A work site still meets the reminder.
    const tab = await hearth.context.newPage();
    await tab.goto(sites.url('mail.work.test', '/inbox')).catch(() => undefined);
    await expect.poll(() => tab.url()).toContain(hearth.extensionUrl('blocked'));
    await tab.close();

    const history = await readHistoryInOptions(hearth);
    const said = `The time zone changed from ${TIME_ZONE} to ${moved} during family time; it kept its end.`;
    expect(history.filter((row) => row.includes(said))).toHaveLength(1);

    // Once, not every minute: another start in the same zone adds nothing.
    await hearth.restart({ timeZone: moved });
    await hearth.settle(true);
    const again = await readHistoryInOptions(hearth);
    expect(again.filter((row) => row.includes(said))).toHaveLength(1);
  });
});
