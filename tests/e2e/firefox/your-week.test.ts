import type { Page } from 'puppeteer-core';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../../utils/settings/schema';
import {
  type ExtensionGlobal,
  type Firefox,
  launchFirefox,
  navigate,
  openExtensionPage,
  poll,
  waitForLocation,
  waitForText,
} from '../../harness/firefox';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';
import { readYourWeek, type YourWeekSeen } from '../support/your-week';

const aria = (role: string, name: string) => `::-p-aria([name="${name}"][role="${role}"])`;

// The same evening as tests/e2e/chromium/your-week.test.ts, lived in Firefox:
// start family time, a note, reach for two work sites, step past once with a
// reason and leave, save one page for after, end early with a reason. Then
// "Your week" renders the same facts.
describe('Firefox: "Your week" after one real evening', () => {
  let firefox: Firefox;
  let sites: WorkSites;
  let mailHost: string;
  let workHost: string;
  const STEP_REASON = 'Payroll form, due "tonight", sorry';
  const END_REASON = 'Leo fell asleep early';
  let started = 0;
  let ended = 0;

  beforeAll(async () => {
    sites = await startWorkSites();
    mailHost = `mail.work.test:${sites.port}`;
    workHost = `work.test:${sites.port}`;
    firefox = await launchFirefox();
    const settings: Settings = {
      ...defaultSettings(),
      windows: [],
      sites: [{ id: 'e2e-work', pattern: 'work.test', list: 'block', updatedAt: 0 }],
    };
    settings.gentleness = {
      ...settings.gentleness,
      waitSeconds: 2,
      grantMinutes: 1,
      endEarlyNeedsFriction: true,
    };
    const control = await openExtensionPage(firefox, 'popup.html');
    await control.evaluate(async (settings) => {
      const { browser } = globalThis as unknown as ExtensionGlobal;
      await browser.storage.local.set({
        settings,
        runtime: { session: null, pause: null, grants: [] },
      });
    }, settings);
    await control.close();
  });

  afterAll(async () => {
    try {
      await firefox?.close();
    } finally {
      await sites?.close();
    }
  });

  async function reach(url: string): Promise<Page> {
    const page = await firefox.browser.newPage();
    await page.bringToFront();
    await navigate(page, url);
    await waitForLocation(page, (h) => h.startsWith(firefox.origin));
    await waitForText(page, `You reached for ${new URL(url).host}.`);
    return page;
  }

  it('the evening, lived in Firefox', async () => {
    const popup = await openExtensionPage(firefox, 'popup.html');
    await popup.bringToFront();
    started = Date.now();
    await popup.locator(aria('button', 'Start family time')).click();
    await popup.locator(aria('button', 'End family time')).wait();
    await popup
      .locator(aria('textbox', 'A note for tonight'))
      .fill('Finish the Lego tower with Leo');
    await popup.keyboard.press('Enter');
    await waitForText(popup, 'Saved');
    await popup.close();

    const mailUrl = sites.url('mail.work.test', '/inbox');
    const mail = await reach(mailUrl);
    await mail.locator(aria('button', 'I need this site for a moment')).click();
    await mail.locator(aria('textbox', 'What needs you right now?')).fill(STEP_REASON);
    const go = aria('button', `Open ${mailHost} for 1 minute`);
    await poll('the calm wait to end', () =>
      mail.$eval(go, (b) => ((b as HTMLButtonElement).disabled ? undefined : true)),
    );
    await mail.locator(go).click();
    await waitForLocation(mail, (href) => href === mailUrl);
    await mail.close();

    const work = await reach(sites.url('work.test', '/calendar'));
    await work.locator(aria('button', 'Save it for after')).click();
    await waitForText(work, 'Saved. It will be waiting when family time ends.');
    await work.close();

    const end = await openExtensionPage(firefox, 'popup.html');
    await end.bringToFront();
    await end.locator(aria('button', 'End family time')).click();
    await end.locator(aria('textbox', 'What needs you right now?')).fill(END_REASON);
    const confirm = aria('button', 'End family time now');
    await poll('the calm wait before ending', () =>
      end.$eval(confirm, (b) => ((b as HTMLButtonElement).disabled ? undefined : true)),
    );
    await end.locator(confirm).click();
    ended = Date.now();
    await end.locator(aria('button', 'Start family time')).wait();
    await end.close();
    // The popup now offers "Your week".
    const again = await openExtensionPage(firefox, 'popup.html');
    await again.locator(aria('link', 'Your week')).wait();
    await again.close();
  });

  it('"Your week" renders the same facts', async () => {
    // The step-past closes once the parent has left the site; its closing entry follows.
    let options: Page | undefined;
    const seen: YourWeekSeen = await poll(
      'the week with its step-past closed',
      async () => {
        await options?.close();
        options = await openExtensionPage(firefox, 'options.html#your-week');
        const page = options;
        const week = await poll('the headline', async () => {
          const w = await page.evaluate(readYourWeek).catch(() => undefined);
          return w?.headline ? w : undefined;
        });
        return week.stepPasts[0]?.includes('min used') ? week : undefined;
      },
      { timeoutMs: 30_000 },
    );
    if (!options) throw new Error('No options page');
    const show = JSON.stringify(seen, null, 1);
    expect(seen.headline, show).toBe('One evening of family time this week');
    expect(seen.facts, show).toContain('1 note written for tonight');
    expect(seen.facts, show).toContain('Pages saved for after: 1, opened again: 0');
    expect(seen.sites.sort(), show).toEqual([`${mailHost}: once`, `${workHost}: once`].sort());
    expect(seen.stepPasts, show).toHaveLength(1);
    expect(seen.stepPasts[0], show).toContain(`, ${mailHost}: “${STEP_REASON}”. 1 min given, `);
    expect(seen.ended, show).toHaveLength(1);
    expect(seen.ended[0], show).toMatch(
      new RegExp(`: ended \\d+ min before planned: “${END_REASON}”\\.$`),
    );
    const today = Temporal.Now.plainDateISO(
      String(await options.evaluate('Temporal.Now.timeZoneId()')),
    );
    const row = seen.table[today.dayOfWeek - 1];
    expect(row?.[3], show).toBe('Not this time');
    expect(
      Math.abs(Number(row?.[1]) - Math.round((ended - started) / 60_000)),
      show,
    ).toBeLessThanOrEqual(1);
    seen.table.forEach((r, i) => {
      expect([r[1], r[2]]).toEqual([String(seen.bars[i]?.family), String(seen.bars[i]?.stepped)]);
    });
    await options.close();
  });
});
