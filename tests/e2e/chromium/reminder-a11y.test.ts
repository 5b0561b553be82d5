import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HearthBrowser,
  NO_RUNTIME,
  plain,
  pollFor,
  reminderUrlFor,
  settingsWith,
  typeUrl,
  waitForUrl,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';
import { axeViolations, SCREENSHOTS } from '../support/look';
import { CHILD, NOTE_TEXT, REASON, removePhotoFile } from '../support/reminder';
import {
  addPhotoInOptions,
  chooseGentleness,
  makePhotoFile,
  openHearthPage,
  writeNoteInPopup,
} from '../support/reminder-chromium';

// The reminder with a photo and a note, as a tired parent meets it: axe-core
// finds nothing against WCAG 2.2 AA in light and dark (with the step-past form
// closed and open); everything works from the keyboard, in a sensible order,
// with a focus ring one can see; and screenshots of it go to docs/screenshots.
const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 390, height: 844 };

/** What has keyboard focus: its role-ish tag, accessible text, and whether its ring shows. */
interface Focused {
  tag: string;
  name: string;
  outlineStyle: string;
  outlineWidth: number;
  focusVisible: boolean;
}

function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || el === document.body) return null;
    const style = getComputedStyle(el);
    const labelled =
      el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
        ? (el.labels?.[0]?.textContent ?? '')
        : (el.textContent ?? '');
    const type = el instanceof HTMLInputElement ? `[${el.type}]` : '';
    return {
      tag: `${el.tagName.toLowerCase()}${type}`,
      name: labelled.replace(/\s+/gu, ' ').trim(),
      outlineStyle: style.outlineStyle,
      outlineWidth: Number.parseFloat(style.outlineWidth),
      focusVisible: el.matches(':focus-visible'),
    };
  });
}

describe('Chromium: the reminder with photo and note — axe, keyboard, screenshots', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;
  let photoFile: string | undefined;
  let host: string;

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    sites = await startWorkSites();
    host = `mail.work.test:${sites.port}`;
    hearth = await HearthBrowser.launch();
    // No window planned: the parent starts family time from the popup.
    await hearth.arrange({ settings: settingsWith([]), runtime: NO_RUNTIME });
    await hearth.settle(false);
    photoFile = await makePhotoFile(hearth);
    await addPhotoInOptions(hearth, photoFile);
    await chooseGentleness(hearth, { waitSeconds: 2, grantMinutes: 1, budgetPerEvening: 2 });
    await writeNoteInPopup(hearth, NOTE_TEXT);
    const popup = await openHearthPage(hearth, 'popup.html');
    await popup.getByRole('button', { name: 'Start family time' }).click();
    await popup.getByRole('button', { name: 'End family time' }).waitFor();
    await popup.close();
    await hearth.settle(true);
  });

  afterAll(async () => {
    await hearth?.close();
    await sites?.close();
    await removePhotoFile(photoFile);
  });

  /** A new tab in one colour scheme and size, the work address typed, on the reminder with its photo. */
  async function reminder(
    scheme: 'light' | 'dark',
    viewport = WIDE,
    path = '/inbox',
  ): Promise<Page> {
    const tab = await hearth.context.newPage();
    await tab.setViewportSize(viewport);
    await tab.emulateMedia({ colorScheme: scheme });
    const url = sites.url('mail.work.test', path);
    await typeUrl(tab, url);
    await waitForUrl(tab, reminderUrlFor(hearth, url));
    await tab.getByText(`You reached for ${host}.`).waitFor();
    await tab.getByText(NOTE_TEXT).waitFor();
    const photo = tab.getByRole('img', { name: `Photo of ${CHILD}` });
    await pollFor('the photo to be decoded', () =>
      photo.evaluate((img: HTMLImageElement) =>
        img.complete && img.naturalWidth > 0 ? true : undefined,
      ),
    );
    return tab;
  }

  async function shoot(tab: Page, name: string): Promise<void> {
    await tab.evaluate(() => document.fonts.ready.then(() => undefined));
    await tab.waitForTimeout(200);
    await tab.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  /** Opens the step-past form with a reason written and the calm wait over. */
  async function openStepPast(tab: Page): Promise<void> {
    await tab.getByRole('button', { name: 'I need this site for a moment' }).click();
    await tab.getByLabel('What needs you right now?').fill(REASON);
    const go = tab.getByRole('button', { name: `Open ${host} for 1 minute` });
    await pollFor('the calm wait to end', async () => ((await go.isEnabled()) ? true : undefined));
  }

  it.each(['light', 'dark'] as const)('has no axe violations, %s', async (scheme) => {
    const tab = await reminder(scheme);
    await shoot(tab, `reminder-photo-${scheme}`);
    expect(await axeViolations(tab)).toEqual([]);
    await openStepPast(tab);
    if (scheme === 'light') await shoot(tab, 'reminder-step-past-light');
    expect(await axeViolations(tab)).toEqual([]);
    await tab.close();
  });

  it('fits a phone-sized window (390×844) without sideways scrolling', async () => {
    const tab = await reminder('light', NARROW);
    await shoot(tab, 'reminder-photo-narrow');
    const widths = await tab.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    expect(await axeViolations(tab)).toEqual([]);
    await tab.close();
  });

  it('is fully usable by keyboard, in a sensible order, with a visible focus ring', async () => {
    const tab = await reminder('light');
    await tab.bringToFront();
    const order: string[] = [];
    const tabTo = async (key = 'Tab'): Promise<Focused> => {
      await tab.keyboard.press(key);
      const now = await focused(tab);
      if (!now) throw new Error(`Nothing has focus after ${key}; so far: ${order.join(' → ')}`);
      order.push(`${now.tag} "${now.name}"`);
      expect(now.focusVisible, `${now.name} shows it has focus`).toBe(true);
      expect(now.outlineStyle, `${now.name}'s focus ring`).not.toBe('none');
      expect(now.outlineWidth, `${now.name}'s focus ring width`).toBeGreaterThanOrEqual(2);
      return now;
    };

    expect((await tabTo()).name).toBe('Save it for after');
    expect((await tabTo()).name).toBe('I need this site for a moment');
    // Space opens the form, and focus goes to its first field.
    await tab.keyboard.press('Space');
    await tab.getByRole('heading', { name: 'Step past, on purpose' }).waitFor();
    const reason = await focused(tab);
    order.push(`(opened) ${reason?.tag} "${reason?.name}"`);
    expect(reason, order.join(' → ')).toMatchObject({
      tag: 'textarea',
      name: 'What needs you right now?',
      focusVisible: true,
    });
    await tab.keyboard.type(REASON);
    const minutes = await tabTo();
    expect(minutes).toMatchObject({ tag: 'input[radio]', name: '1 minute' });
    // Arrows move between the choices; the button says what it will do.
    await tab.keyboard.press('ArrowDown');
    expect((await focused(tab))?.name).toBe('5 minutes');
    await tab.getByRole('button', { name: `Open ${host} for 5 minutes` }).waitFor();
    await tab.keyboard.press('ArrowUp');
    expect((await focused(tab))?.name).toBe('1 minute');
    const go = tab.getByRole('button', { name: `Open ${host} for 1 minute` });
    await pollFor('the calm wait to end', async () => ((await go.isEnabled()) ? true : undefined));
    expect((await tabTo()).name).toBe(`Open ${host} for 1 minute`);
    expect((await tabTo()).name).toBe('Never mind, stay here');
    // Enter on "Never mind" closes the form again, focus back on the button that opened it…
    await tab.keyboard.press('Enter');
    await tab.getByRole('button', { name: 'I need this site for a moment' }).waitFor();
    expect(await tab.getByRole('heading', { name: 'Step past, on purpose' }).count()).toBe(0);
    expect(await focused(tab)).toMatchObject({
      name: 'I need this site for a moment',
      focusVisible: true,
    });

    // …and "Save it for after" takes Enter too.
    await tab.keyboard.press('Shift+Tab');
    const back = await focused(tab);
    order.push(`(shift+tab) ${back?.tag} "${back?.name}"`);
    if (back?.name !== 'Save it for after') {
      throw new Error(`Shift+Tab did not go back to "Save it for after": ${order.join(' → ')}`);
    }
    await tab.keyboard.press('Enter');
    await tab
      .getByRole('status')
      .getByText('Saved. It will be waiting when family time ends.')
      .waitFor();
    // The saved button gives way to "Close this tab", and keyboard focus moves there with it.
    await expect.poll(async () => (await focused(tab))?.name).toBe('Close this tab');
    await tab.close();

    // The whole step-past by keyboard: Enter on each button, the site opens.
    const other = await reminder('light', WIDE, '/board');
    await other.bringToFront();
    await other.keyboard.press('Tab');
    await other.keyboard.press('Tab');
    expect((await focused(other))?.name).toBe('I need this site for a moment');
    await other.keyboard.press('Enter');
    await pollFor('focus in the reason field', async () =>
      (await focused(other))?.name === 'What needs you right now?' ? true : undefined,
    );
    await other.keyboard.type(REASON);
    const goOther = other.getByRole('button', { name: `Open ${host} for 1 minute` });
    await pollFor('the calm wait to end', async () =>
      (await goOther.isEnabled()) ? true : undefined,
    );
    await other.keyboard.press('Tab');
    await other.keyboard.press('Tab');
    expect((await focused(other))?.name).toBe(`Open ${host} for 1 minute`);
    sites.clearLog();
    await other.keyboard.press('Enter');
    await waitForUrl(other, sites.url('mail.work.test', '/board'));
    expect(sites.requestsFor('mail.work.test')).toContain('/board');
    expect(plain(await other.locator('#site').textContent())).toBe('mail.work.test/board');
    await other.close();
  });
});
