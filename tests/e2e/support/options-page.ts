import type { CDPSession, Locator, Page } from 'playwright-core';
import type { Temporal } from 'temporal-polyfill';
import type { Settings } from '../../../utils/settings/schema';
import { type ExtensionApi, type HearthBrowser, pollFor } from '../../harness/chromium';

/**
 * Driving Hearth's settings page in Chromium the way a parent does: by the
 * labels and roles the page shows (English, en-US), and the keyboard.
 */

declare const chrome: ExtensionApi;

/** The short weekday names the en-US page labels its day checkboxes with, Monday first. */
export const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export interface WindowEntry {
  /** "Name (optional)"; empty for none. */
  name: string;
  /** ISO weekdays, 1 = Monday. */
  days: number[];
  /** "HH:MM", 24-hour, as a time input takes it. */
  start: string;
  end: string;
}

/** "21:05" for a wall-clock time. */
export function hhmm(at: Temporal.ZonedDateTime | Temporal.PlainTime): string {
  return `${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}`;
}

/** Opens settings in a new tab and waits for the page to have read the settings. */
export async function openOptions(hearth: HearthBrowser, page?: Page): Promise<Page> {
  const tab = page ?? (await hearth.context.newPage());
  await tab.goto(hearth.extensionUrl('options'));
  await tab.getByRole('heading', { level: 1, name: 'Hearth settings' }).waitFor();
  await tab.getByRole('button', { name: 'Add a window' }).waitFor();
  return tab;
}

/** The open window form ("New window" / "Edit window"). */
export function windowForm(page: Page): Locator {
  return page.getByRole('form', { name: /^(New window|Edit window)$/ });
}

/**
 * Fills the open window form: name typed, each day checkbox set with the
 * space bar, start and end typed into the time inputs.
 */
export async function fillWindowForm(page: Page, entry: WindowEntry): Promise<void> {
  const form = windowForm(page);
  await form.getByLabel('Name (optional)').fill(entry.name);
  for (const [i, name] of DAY_NAMES.entries()) {
    const box = form.getByRole('group', { name: 'Days' }).getByRole('checkbox', {
      name,
      exact: true,
    });
    if ((await box.isChecked()) !== entry.days.includes(i + 1)) {
      await box.focus();
      await page.keyboard.press('Space');
    }
  }
  await form.getByLabel('Starts').fill(entry.start);
  await form.getByLabel('Ends').fill(entry.end);
}

/** "Add a window", fill the form, "Save window"; waits until the form has closed. */
export async function addWindow(page: Page, entry: WindowEntry): Promise<void> {
  await page.getByRole('button', { name: 'Add a window' }).click();
  await fillWindowForm(page, entry);
  await windowForm(page).getByRole('button', { name: 'Save window' }).click();
  await windowForm(page).waitFor({ state: 'detached' });
}

/** Settings as stored right now (what the background enforces). */
export function storedSettings(hearth: HearthBrowser): Promise<Settings> {
  return hearth.inWorker(async () => {
    const { settings } = await chrome.storage.local.get('settings');
    return settings as Settings;
  }, undefined);
}

/** Polls stored settings until `accept` likes them (the page writes after a short debounce). */
export function waitForStored(
  hearth: HearthBrowser,
  what: string,
  accept: (settings: Settings) => boolean,
  timeoutMs = 5_000,
): Promise<Settings> {
  return pollFor(
    `stored settings: ${what}`,
    async () => {
      const settings = await storedSettings(hearth);
      return accept(settings) ? settings : undefined;
    },
    timeoutMs,
  );
}

/** Every domain a dynamic DNR redirect rule sends to the reminder right now. */
export function redirectedDomains(hearth: HearthBrowser): Promise<string[]> {
  return hearth.inWorker(async () => {
    const rules = await chrome.declarativeNetRequest.getDynamicRules();
    return rules
      .filter((r) => r.action.type === 'redirect')
      .flatMap((r) => r.condition.requestDomains ?? [])
      .sort();
  }, undefined);
}

/** Waits until `domain` is (or is no longer) redirected by the installed rules. */
export function waitForRedirect(
  hearth: HearthBrowser,
  domain: string,
  redirected: boolean,
  timeoutMs = 5_000,
): Promise<true> {
  return pollFor(
    `${domain} to be ${redirected ? '' : 'no longer '}redirected by a DNR rule`,
    async () =>
      (await redirectedDomains(hearth)).includes(domain) === redirected ? true : undefined,
    timeoutMs,
  );
}

const MODIFIER_BITS = { Alt: 1, Control: 2, Meta: 4, Shift: 8 } as const;

/**
 * Presses a chord such as Alt+Shift+F through CDP Input.dispatchKeyEvent, as
 * the OS would deliver it to the focused tab: modifiers down, the key as a
 * rawKeyDown (no text) with its virtual key code, then everything up.
 * Chromium's browser-level accelerators (extension commands among them) see
 * a rawKeyDown with a native key code; Playwright's keyboard.press sends
 * "keyDown" with text and no native key code, which only the page sees.
 */
export async function pressChord(
  cdp: CDPSession,
  modifiers: (keyof typeof MODIFIER_BITS)[],
  letter: string,
): Promise<void> {
  const key = letter.toUpperCase();
  const code = key.charCodeAt(0);
  let bits = 0;
  const modifierCodes = { Alt: 18, Control: 17, Meta: 91, Shift: 16 } as const;
  for (const m of modifiers) {
    bits |= MODIFIER_BITS[m];
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      modifiers: bits,
      key: m,
      code: m === 'Control' || m === 'Alt' || m === 'Shift' ? `${m}Left` : 'MetaLeft',
      windowsVirtualKeyCode: modifierCodes[m],
      nativeVirtualKeyCode: modifierCodes[m],
    });
  }
  const keyEvent = {
    modifiers: bits,
    key,
    code: `Key${key}`,
    windowsVirtualKeyCode: code,
    nativeVirtualKeyCode: code,
  };
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...keyEvent });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...keyEvent });
  for (const m of [...modifiers].reverse()) {
    bits &= ~MODIFIER_BITS[m];
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyUp',
      modifiers: bits,
      key: m,
      code: m === 'Control' || m === 'Alt' || m === 'Shift' ? `${m}Left` : 'MetaLeft',
      windowsVirtualKeyCode: modifierCodes[m],
      nativeVirtualKeyCode: modifierCodes[m],
    });
  }
}
