import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../../utils/settings/presets';
import {
  type ExtensionApi,
  HearthBrowser,
  plain,
  pollFor,
  recordCommits,
  reminderUrlFor,
  TIME_ZONE,
  typeUrl,
  waitForUrl,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';
import { defaultWindowMinutesLeft, zoneAtMidday } from '../../harness/zone';
import { axeViolations, SCREENSHOTS } from '../support/look';
import {
  openOptions,
  redirectedDomains,
  storedSettings,
  waitForStored,
} from '../support/options-page';
import { CHILD, offProbes, PHOTO, removePhotoFile } from '../support/reminder';
import { makePhotoFile, photoSamples } from '../support/reminder-chromium';

declare const chrome: ExtensionApi;

/**
 * The first run, as a new parent meets it: Hearth is installed, its welcome
 * tab opens by itself, and the steps are walked with the keyboard. Then the
 * preview, the settings page and real blocking show what was chosen.
 *
 * intranet.example (their own site) is mapped to the fake sites on loopback.
 */
const HOSTS = ['*.work.test', 'work.test', 'intranet.example'];
const NOTE = 'Finish the Lego tower with Leo';
const STEP_TITLES = [
  'When is your family time?',
  'What should wait?',
  'Who are you there for?',
  'A note for tonight',
  'See it',
  "You're set",
];

async function launch(timeZone?: string): Promise<HearthBrowser> {
  return HearthBrowser.launch({
    args: [`--host-resolver-rules=${HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`],
    timeZone,
  });
}

/** The tab Hearth opened by itself on install. */
async function welcomeTab(hearth: HearthBrowser): Promise<Page> {
  const url = hearth.extensionUrl('welcome');
  const tab = await pollFor('the welcome tab Hearth opens on install', () =>
    hearth.context.pages().find((p) => p.url() === url),
  );
  await tab.bringToFront();
  await tab.getByRole('heading', { level: 2, name: STEP_TITLES[0] }).waitFor();
  return tab;
}

/** The element that has keyboard focus: its role-ish tag and text. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}: ${(el.textContent ?? '').trim()}` : '';
  });
}

/** Presses a button from the keyboard: focus lands on it (as Tab would bring it) and Enter. */
async function pressButton(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('button', { name, exact: typeof name === 'string' }).focus();
  await page.keyboard.press('Enter');
}

/** "Next" by keyboard; the next step's heading then has the focus. */
async function next(page: Page, toTitle: string): Promise<void> {
  await pressButton(page, /^(Next|Finish)$/);
  await expect.poll(() => focused(page)).toBe(`h2: ${toTitle}`);
}

/** Types a time into a focused time input, segment by segment, as on a keyboard (en-US: hh mm AM/PM). */
async function typeTime(page: Page, label: string, hours12: string, ampm: 'A' | 'P') {
  const input = page.getByRole('group', { name: 'Window 1' }).getByLabel(label, { exact: true });
  await input.focus();
  await page.keyboard.type(`${hours12}00${ampm}`);
}

describe('Chromium: the first run, walked by a new parent with the keyboard', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;
  let photoFile: string;
  let welcome: Page;

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    sites = await startWorkSites();
    // The walk chooses 7 PM to 9 PM and then expects family time not to be on (the preview,
    // "Start family time"): it runs where it is midday, whatever the hour of the suite.
    hearth = await launch(zoneAtMidday(Date.now()));
    photoFile = await makePhotoFile(hearth);
    welcome = await welcomeTab(hearth);
  });

  afterAll(async () => {
    try {
      await hearth?.close();
    } finally {
      await sites?.close();
      await removePhotoFile(photoFile);
    }
  });

  it('step 1: the window, 7:00 PM to 9:00 PM on weekdays', async () => {
    expect(plain(await welcome.getByText(/^Step 1 of 5$/).textContent())).toBe('Step 1 of 5');
    const group = welcome.getByRole('group', { name: 'Window 1' });
    // The default window, as a sentence.
    expect(await group.getByRole('button', { name: 'Change the days: Weekdays' }).count()).toBe(1);
    expect(await group.getByLabel('from', { exact: true }).inputValue()).toBe('18:00');
    expect(await group.getByLabel('to', { exact: true }).inputValue()).toBe('20:30');
    await typeTime(welcome, 'from', '07', 'P');
    await typeTime(welcome, 'to', '09', 'P');
    const stored = await waitForStored(
      hearth,
      'the window 19:00-21:00',
      (s) => s.windows[0]?.startMinute === 19 * 60 && s.windows[0]?.lengthMinutes === 120,
    );
    expect(stored.windows.filter((w) => w.enabled)).toHaveLength(1);
    expect(stored.windows[0]?.days).toEqual([1, 2, 3, 4, 5]);
    await next(welcome, STEP_TITLES[1] ?? '');
  });

  it('step 1 again: a second window, across midnight, then taken away', async () => {
    await pressButton(welcome, 'Back');
    await expect.poll(() => focused(welcome)).toBe(`h2: ${STEP_TITLES[0]}`);
    await pressButton(welcome, 'Add another time (weekends, school pick-up)');
    // The new window takes focus on its first control.
    await expect.poll(() => focused(welcome)).toBe('button: Change the days: Weekends');
    const second = welcome.getByRole('group', { name: 'Window 2' });
    await second.getByLabel('to', { exact: true }).focus();
    await welcome.keyboard.type('0100A');
    await second.getByText('Ends the next day').waitFor();
    await waitForStored(hearth, 'a weekend window 10:00 to 01:00 the next day', (s) =>
      s.windows.some(
        (w) =>
          w.enabled && w.days.join() === '6,7' && w.startMinute === 600 && w.lengthMinutes === 900,
      ),
    );
    await pressButton(welcome, 'Remove window 2');
    await waitForStored(hearth, 'only the weekday window left', (s) => s.windows.length === 1);
    await next(welcome, STEP_TITLES[1] ?? '');
  });

  it('step 2: Docs off, intranet.example added (after a specific, kind error)', async () => {
    const docs = welcome.getByRole('checkbox', { name: /^Docs/ });
    expect(await docs.isChecked()).toBe(true);
    await docs.focus();
    await welcome.keyboard.press('Space');
    expect(await docs.isChecked()).toBe(false);
    const field = welcome.getByLabel('Site address');
    await field.focus();
    await welcome.keyboard.type('intranet');
    await welcome.keyboard.press('Tab');
    // The same live, specific error as on the settings page; nothing is added.
    await welcome
      .getByText('“intranet” is not a site address. Did you mean intranet.com?')
      .waitFor();
    await field.focus();
    await welcome.keyboard.press('ControlOrMeta+A');
    await welcome.keyboard.type('intranet.example');
    await welcome.keyboard.press('Enter');
    await welcome.getByRole('button', { name: 'Remove intranet.example' }).waitFor();
    await waitForStored(
      hearth,
      'Docs off and intranet.example on the block list',
      (s) =>
        !s.presets.docs &&
        s.sites.some((x) => x.pattern === 'intranet.example' && x.list === 'block'),
    );
    await next(welcome, STEP_TITLES[2] ?? '');
  });

  it('step 3: a photo, picked from the keyboard and named', async () => {
    const chooser = welcome.waitForEvent('filechooser');
    await welcome.getByLabel('Add photos').focus();
    await welcome.keyboard.press('Space');
    await (await chooser).setFiles(photoFile);
    await welcome.getByRole('status').getByText(`Added ${PHOTO.name}.`).waitFor();
    await welcome.getByLabel('Name', { exact: true }).focus();
    await welcome.keyboard.type(CHILD);
    await welcome.keyboard.press('Tab');
    await welcome.getByRole('button', { name: `Remove photo of ${CHILD}` }).waitFor();
    await next(welcome, STEP_TITLES[3] ?? '');
  });

  it('step 4: a note for tonight, with an example in the hint', async () => {
    const field = welcome.getByRole('textbox', { name: 'Note' });
    // The hint is read with the field.
    expect(await field.getAttribute('aria-describedby')).toBe('note-text-hint');
    expect(await welcome.locator('#note-text-hint').textContent()).toMatch(/^For example: /);
    await field.focus();
    await welcome.keyboard.type(NOTE);
    await pressButton(welcome, 'Save note');
    await welcome.getByRole('status').getByText('Saved').waitFor();
    await waitForStored(hearth, 'the note', (s) =>
      s.notes.some((n) => n.text === NOTE && n.kind === 'tonight'),
    );
    await next(welcome, STEP_TITLES[4] ?? '');
  });

  it('step 5: "Try it now" shows the real reminder with that photo and note, as a preview', async () => {
    // What the schedule holds now (the default window may be open at this hour): a preview changes none of it.
    const enforcementBefore = await hearth.enforcement();
    const historyBefore = await hearth.historyCount();
    const opened = hearth.context.waitForEvent('page');
    await pressButton(welcome, 'Try it now');
    const reminder = await opened;
    await reminder.waitForLoadState('load');
    expect(reminder.url()).toMatch(
      new RegExp(`^chrome-extension://${hearth.extensionId}/blocked\\.html#preview=[0-9a-f-]{36}$`),
    );
    await reminder.getByRole('heading', { level: 1, name: "This is what you'll see" }).waitFor();
    await reminder.getByText(NOTE, { exact: true }).waitFor();
    await reminder.getByText('You reached for intranet.example.').waitFor();
    expect(await reminder.getByText('Preview', { exact: true }).count()).toBe(1);
    expect(await reminder.getByRole('img', { name: `Photo of ${CHILD}` }).count()).toBe(1);
    expect(offProbes(await photoSamples(reminder))).toEqual([]);
    // A preview: nothing to step past or save, family time not started, nothing counted.
    expect(await reminder.getByRole('button', { name: 'Save it for after' }).count()).toBe(0);
    expect(await hearth.enforcement()).toEqual(enforcementBefore);
    expect(await hearth.historyCount()).toBe(historyBefore);
    for (const scheme of ['light', 'dark'] as const) {
      await reminder.emulateMedia({ colorScheme: scheme });
      await reminder.screenshot({ path: resolve(SCREENSHOTS, `welcome-preview-${scheme}.png`) });
    }
    expect(await axeViolations(reminder)).toEqual([]);
    // The same page with a nonce it was not given is no preview.
    const forged = await hearth.context.newPage();
    await forged.goto(
      hearth.extensionUrl('blocked', '#preview=11111111-2222-4333-8444-555555555555'),
    );
    await forged.getByRole('heading', { level: 1, name: 'Family time is over' }).waitFor();
    expect(await forged.getByText('Preview', { exact: true }).count()).toBe(0);
    await forged.close();
    // Closing the preview from the keyboard closes its tab; the welcome page says "You're set".
    const closed = reminder.waitForEvent('close');
    await reminder.getByRole('button', { name: 'Close the preview' }).focus();
    // The tab may be gone before the key press is acknowledged: that is the point.
    await reminder.keyboard.press('Enter').catch(() => undefined);
    await closed;
    await welcome.getByRole('heading', { level: 2, name: STEP_TITLES[5] }).waitFor();
    expect(plain(await welcome.locator('kbd').textContent())).toBe('Alt+Shift+F');
  });

  it('the settings page shows exactly those choices', async () => {
    const options = await openOptions(hearth);
    // The weekday window as chosen, and nothing else (the second one was taken away).
    const windows = (await options.locator('.window-list li').allTextContents()).map(plain);
    expect(windows).toHaveLength(1);
    expect(windows[0]).toContain('Mon, Tue, Wed, Thu, Fri · 7:00 PM–9:00 PM');
    expect(windows[0]).not.toContain('off');
    for (const preset of ['Mail', 'Chat', 'Docs', 'Trackers', 'Calls']) {
      const box = options.getByRole('checkbox', { name: new RegExp(`^${preset}`) });
      expect(await box.isChecked(), preset).toBe(preset !== 'Docs');
    }
    expect(
      await options
        .locator('#sites .site-list')
        .first()
        .locator('ul.sites li span')
        .allTextContents(),
    ).toEqual(['intranet.example']);
    await options.getByRole('button', { name: `Remove photo of ${CHILD}` }).waitFor();
    expect(await options.locator('.photo-list li').count()).toBe(1);
    expect(await options.locator('.note-list .note-text').allTextContents()).toEqual([NOTE]);
    // And the sequence can be opened again from there.
    await options.getByRole('link', { name: 'Set up again' }).click();
    await options.getByRole('heading', { level: 2, name: STEP_TITLES[0] }).waitFor();
    await options.close();
  });

  it('starting family time keeps intranet.example away, and not Docs', async () => {
    const popup = await hearth.openExtensionPage('popup');
    await pressButton(popup, 'Start family time');
    await hearth.settle(true);
    await popup.close();
    const domains = await redirectedDomains(hearth);
    expect(domains).toContain('intranet.example');
    const docs = PRESETS.find((p) => p.id === 'docs')?.sites ?? [];
    expect(docs.filter((d) => domains.includes(d))).toEqual([]);
    const tab = await hearth.context.newPage();
    const intranet = sites.url('intranet.example', '/wiki');
    await typeUrl(tab, intranet);
    await waitForUrl(tab, reminderUrlFor(hearth, intranet));
    // Docs is not kept away: the browser goes on to the site itself (which does not
    // exist here, and Docs sites are HSTS-preloaded, so the fake server cannot stand in).
    const commits = recordCommits(tab);
    await tab.goto('https://docs.google.com/document/d/1/edit').catch(() => undefined);
    await tab.waitForTimeout(1500);
    expect(commits.length).toBeGreaterThan(0);
    expect(commits.filter((url) => url.startsWith(hearth.extensionUrl('blocked')))).toEqual([]);
    await tab.close();
  });

  it.each(['light', 'dark'] as const)('each step, %s: screenshot and axe', async (scheme) => {
    const page = await hearth.context.newPage();
    await page.setViewportSize({ width: 1100, height: 820 });
    await page.emulateMedia({ colorScheme: scheme });
    const names = ['1-window', '2-sites', '3-photos', '4-note', '5-try', '6-done'];
    for (const [i, step] of ['window', 'sites', 'photos', 'note', 'try', 'done'].entries()) {
      await page.goto(hearth.extensionUrl('welcome', `#${step}`));
      await page.getByRole('heading', { level: 2, name: STEP_TITLES[i] }).waitFor();
      // Opened at a step, its heading has the focus.
      await expect.poll(() => focused(page)).toBe(`h2: ${STEP_TITLES[i]}`);
      if (step === 'photos') await page.locator('.photo-list img').waitFor();
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await page.waitForTimeout(150);
      await page.screenshot({
        path: resolve(SCREENSHOTS, `welcome-${names[i]}-${scheme}.png`),
        fullPage: true,
      });
      expect(await axeViolations(page), step).toEqual([]);
    }
    await page.close();
  });
});

describe('Chromium: a parent who skips every step', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;

  beforeAll(async () => {
    sites = await startWorkSites();
    hearth = await launch();
  });

  afterAll(async () => {
    try {
      await hearth?.close();
    } finally {
      await sites?.close();
    }
  });

  it('keeps the defaults working exactly as before', async () => {
    const welcome = await welcomeTab(hearth);
    const before = await storedSettings(hearth);
    for (const title of STEP_TITLES.slice(1)) await next(welcome, title);
    // Nothing written by walking past: the settings are what install left.
    await welcome.waitForTimeout(600);
    expect(await storedSettings(hearth)).toEqual(before);
    const popup = await hearth.openExtensionPage('popup');
    // At an hour inside the default weekday window the defaults have already started it.
    if (defaultWindowMinutesLeft(TIME_ZONE, Date.now()) > 0)
      await popup.getByRole('button', { name: 'End family time' }).waitFor();
    else await pressButton(popup, 'Start family time');
    await hearth.settle(true);
    expect(await redirectedDomains(hearth)).toEqual(PRESETS.flatMap((p) => p.sites).sort());
    // The reminder's "Add a photo" opens the photo step, not the whole settings page.
    await popup.close();
    const tab = await hearth.context.newPage();
    const work = 'https://mail.google.com/mail/u/0/';
    await typeUrl(tab, work);
    await waitForUrl(tab, reminderUrlFor(hearth, work));
    await tab.getByRole('link', { name: 'Add a photo' }).click();
    await tab.getByRole('heading', { level: 2, name: STEP_TITLES[2] }).waitFor();
    expect(tab.url()).toBe(hearth.extensionUrl('welcome', '#photos'));
    await tab.close();
  });
});
