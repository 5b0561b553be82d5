import type { Page } from 'puppeteer-core';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../utils/runtime/runtime';
import { defaultSettings, type Settings } from '../../../utils/settings/schema';
import {
  type Firefox,
  launchFirefox,
  navigate,
  openExtensionPage,
  poll,
  waitForLocation,
} from '../../harness/firefox';
import { type Paints, READ_PAINTS } from '../../harness/first-frame';

/** The slice of the WebExtension API the test calls inside extension pages. */
interface ExtensionGlobal {
  browser: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };
}

const NO_RUNTIME: Runtime = { session: null, pause: null, grants: [] };
const aria = (role: string, name: string) => `::-p-aria([name="${name}"][role="${role}"])`;
/** Longer than extensions.background.idle.timeout (1 s in the harness): the event page is gone. */
const SUSPENDED_AFTER_MS = 2_500;

// Issue 16 in Firefox: the popup computes the state from storage, so its
// first contentful paint already says it while the event page is suspended,
// and an open popup follows a change made from another page.
describe('Firefox: the popup shows the state in its first paint', () => {
  let firefox: Firefox;
  const zoned = () => Temporal.Now.zonedDateTimeISO(firefox.timeZone);
  const clock = (at: Temporal.ZonedDateTime) =>
    at.toLocaleString('en-US', { hour: 'numeric', minute: '2-digit' }).replace(/\s+/gu, ' ');
  const plain = (text: string | null) => (text ?? '').replace(/\s+/gu, ' ').trim();

  /** Every day, from `start` (whole minutes), for `lengthMinutes`. */
  function settingsFrom(start: Temporal.ZonedDateTime, lengthMinutes: number): Settings {
    return {
      ...defaultSettings(),
      windows: [
        {
          id: 'e2e-window',
          days: [1, 2, 3, 4, 5, 6, 7],
          startMinute: start.hour * 60 + start.minute,
          lengthMinutes,
          label: '',
          enabled: true,
          updatedAt: 0,
        },
      ],
    };
  }

  async function arrange(settings: Settings): Promise<void> {
    const control = await openExtensionPage(firefox, 'welcome.html');
    await control.evaluate(
      async (settings, runtime) => {
        const { browser } = globalThis as unknown as ExtensionGlobal;
        await browser.storage.local.set({ settings, runtime });
      },
      settings,
      NO_RUNTIME,
    );
    await control.close();
  }

  async function headline(page: Page): Promise<string> {
    return plain(await page.evaluate(() => document.querySelector('h1')?.textContent ?? ''));
  }

  /** Opens the popup in a new (front) tab and returns it once loaded. */
  async function openPopup(): Promise<Page> {
    const page = await firefox.browser.newPage();
    const url = firefox.extensionUrl('popup.html');
    await navigate(page, url);
    await waitForLocation(page, (href) => href.startsWith(url));
    return page;
  }

  beforeAll(async () => {
    firefox = await launchFirefox();
  });
  afterAll(async () => {
    await firefox?.close();
  });

  for (const [state, offset, length] of [
    ['during family time', -30, 120],
    ['before family time', 180, 60],
  ] as const) {
    it(`with the event page suspended, the first contentful paint says the state ${state}`, async () => {
      // One reading of the clock for both the window and the line it should show.
      const start = zoned()
        .round({ smallestUnit: 'minute', roundingMode: 'floor' })
        .add({ minutes: offset });
      await arrange(settingsFrom(start, length));
      const day = start.toPlainDate().equals(zoned().toPlainDate()) ? 'today' : 'tomorrow';
      const line =
        offset < 0
          ? `Family time until ${clock(start.add({ minutes: length }))}`
          : `Next: ${day} ${clock(start)}`;
      await new Promise((resolve) => setTimeout(resolve, SUSPENDED_AFTER_MS));

      const popup = await openPopup();
      try {
        const { fcp, paints } = await poll('the paint timeline', async () => {
          const read = (await popup.evaluate(READ_PAINTS)) as Paints;
          return read.fcp !== null && read.paints.length > 0 ? read : undefined;
        });
        // What the browser painted first is what is still on the page: nothing was replaced.
        const first = paints.filter((p) => Math.abs(p.at - (fcp ?? 0)) < 1);
        expect(first.length, JSON.stringify(paints)).toBeGreaterThan(0);
        expect(
          paints.every((p) => p.connected),
          JSON.stringify(paints),
        ).toBe(true);
        expect(paints.some((p) => p.text.includes('One moment'))).toBe(false);
        // The paint timeline names only the largest element of each paint (during family
        // time that is the note hint, not the shorter headline). The popup renders nothing
        // before it has the state, so what was painted first, still in the page, was drawn
        // by the render that had the state; the headline it drew says:
        expect(await headline(popup)).toBe(line);
        const painted = first.find((p) => p.className === 'headline');
        if (painted) expect(plain(painted.text)).toBe(line);
      } finally {
        await popup.close();
      }
    });
  }

  it('an open popup follows family time started and ended from another page', async () => {
    await arrange(
      settingsFrom(
        zoned().round({ smallestUnit: 'minute', roundingMode: 'floor' }).add({ minutes: 180 }),
        60,
      ),
    );
    const popup = await openPopup();
    const other = await openPopup();
    try {
      await popup.evaluate(() => {
        (globalThis as { stillHere?: boolean }).stillHere = true;
      });
      const before = await headline(popup);
      expect(before.startsWith('Next:')).toBe(true);

      await other.bringToFront();
      const from = zoned();
      await other.locator(aria('button', 'Start family time')).click();
      const to = zoned();
      await other.locator(aria('button', 'End family time')).wait();
      const started = [from, to].map((at) => `Family time until ${clock(at.add({ hours: 2 }))}`);
      await poll('the first popup to say family time started', async () => {
        const text = await headline(popup);
        return started.includes(text) ? text : undefined;
      });

      await other.locator(aria('button', 'End family time')).click();
      await poll('the first popup to say when family time is next again', async () =>
        (await headline(popup)) === before ? true : undefined,
      );
      expect(await popup.evaluate(() => (globalThis as { stillHere?: boolean }).stillHere)).toBe(
        true,
      );
    } finally {
      await other.close();
      await popup.close();
    }
  });
});
