import type { Page } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeWindow,
  clockText,
  HearthBrowser,
  NO_RUNTIME,
  plain,
  settingsWith,
  TIME_ZONE,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';
import { readHistoryInOptions } from '../support/history-page';

// Issue 11: the system time zone changes while family time is running. The
// system clock cannot be set here, but the time zone Chromium runs in can:
// it is TZ in its environment, read when the browser starts. So the browser
// is closed and started again on the same profile with another TZ, and the
// real extension's next worker sees the zone it stored differ from the one
// it runs in. (CDP's Emulation.setTimezoneOverride is per page: it does not
// reach the extension's service worker, which is what decides.)
describe('Chromium: a time-zone change during family time', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;
  // Family time began 30 minutes ago and has 90 minutes left, in TIME_ZONE.
  const { window, until } = activeWindow(90);
  const now = Temporal.Now.instant();

  /**
   * A zone where the same local window is neither on now nor starting within
   * the next 20 minutes: by its own clock family time would just stop.
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
    const [start, end] = [window.startMinute - 20, window.startMinute + window.lengthMinutes];
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

  it('keeps family time to its end in the new zone, and the history says the zone changed', async () => {
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
