import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeWindow,
  HearthBrowser,
  NO_RUNTIME,
  pollFor,
  reminderUrlFor,
  settingsWith,
  TIME_ZONE,
  typeUrl,
  waitForUrl,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';
import { fullerWeek, seedRecord } from '../support/your-week';

// Every page in Spanish (--lang=es, locale es-ES): no message is missing (the
// page would show its key, see utils/browser/i18n.ts `t`), no English string
// slips through, and Spanish strings are what the parent reads.
type Messages = Record<string, { message: string }>;
const LOCALES = resolve(import.meta.dirname, '../../../public/_locales');
const en = JSON.parse(readFileSync(resolve(LOCALES, 'en/messages.json'), 'utf8')) as Messages;
const es = JSON.parse(readFileSync(resolve(LOCALES, 'es/messages.json'), 'utf8')) as Messages;

const KEYS = new Set(Object.keys(en));
const SPANISH = new Set(Object.values(es).map((m) => m.message));
/** Whole English strings (no placeholders) that Spanish says differently: none may show. */
const ENGLISH_ONLY = new Set(
  Object.entries(en)
    .filter(([key, m]) => !m.message.includes('$') && es[key]?.message !== m.message)
    .map(([, m]) => m.message)
    .filter((text) => !SPANISH.has(text)),
);

function spanish(key: string): string {
  const text = es[key]?.message;
  if (!text) throw new Error(`No Spanish message ${key}`);
  return text;
}

/** Everything a person sees or hears on the page: visible text, labels, the tab title. */
async function readableStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text && parent?.checkVisibility({ visibilityProperty: true })) out.push(text);
    }
    for (const el of document.querySelectorAll<HTMLElement>('*')) {
      for (const attribute of ['aria-label', 'placeholder', 'title', 'alt']) {
        const value = el.getAttribute(attribute)?.trim();
        if (value) out.push(value);
      }
    }
    return out;
  });
}

describe('Chromium in Spanish: every page, no missing string', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;

  beforeAll(async () => {
    sites = await startWorkSites();
    hearth = await HearthBrowser.launch({ language: { locale: 'es-ES', lang: 'es' } });
    await hearth.arrange({
      settings: settingsWith([activeWindow(90).window]),
      runtime: NO_RUNTIME,
    });
    await familyTimeOn();
  });

  /** The badge speaks Spanish too, so not hearth.settle (which expects "on"). */
  async function familyTimeOn(): Promise<void> {
    await pollFor('family time on, with the Spanish badge', async () => {
      const { badge, rules } = await hearth.enforcement();
      return badge === spanish('badgeOn') && rules > 0 ? true : undefined;
    });
  }

  afterAll(async () => {
    try {
      await hearth?.close();
    } finally {
      await sites?.close();
    }
  });

  /** `sample`: keys whose Spanish text must show; `title`: the tab's title. */
  async function expectSpanish(page: Page, sample: string[], title: string): Promise<void> {
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const wanted = sample.map(spanish);
    // The sample shows once the page has its data.
    let missing: string[] = [];
    const strings = await pollFor(
      () => `Spanish strings ${JSON.stringify(missing)} on ${page.url()}`,
      async () => {
        const seen = await readableStrings(page);
        missing = wanted.filter((w) => !seen.includes(w));
        return missing.length === 0 ? seen : undefined;
      },
    );
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es-ES');
    expect(await page.title()).toBe(title);
    expect(
      strings.filter((s) => KEYS.has(s)),
      'message keys shown instead of text',
    ).toEqual([]);
    expect(
      strings.filter((s) => ENGLISH_ONLY.has(s)),
      'English strings on a Spanish page',
    ).toEqual([]);
  }

  async function openPage(url: string): Promise<Page> {
    const page = await hearth.context.newPage();
    await page.goto(url);
    return page;
  }

  it('popup', async () => {
    const page = await openPage(hearth.extensionUrl('popup'));
    await expectSpanish(
      page,
      ['endFamilyTime', 'openSettings', 'noteFromPopupLabel', 'noteFromPopupHint'],
      'Hearth',
    );
    await page.close();
  });

  it('popup, with a notice (nothing on the list)', async () => {
    const settings = settingsWith([]);
    settings.sites = [];
    settings.presets = { mail: false, chat: false, docs: false, trackers: false, calls: false };
    await hearth.arrange({ settings });
    const page = await openPage(hearth.extensionUrl('popup'));
    await expectSpanish(page, ['problemNothingToBlock', 'startFamilyTime'], 'Hearth');
    // The list of notices is named in Spanish too.
    await page.getByRole('list', { name: spanish('problemsLabel') }).waitFor();
    await page.close();
    await hearth.arrange({ settings: settingsWith([activeWindow(90).window]) });
    await familyTimeOn();
  });

  it('settings, with the window form open', async () => {
    const page = await openPage(hearth.extensionUrl('options'));
    await page.getByRole('button', { name: spanish('windowAdd') }).click();
    await expectSpanish(
      page,
      [
        'optionsTitle',
        'navLabel',
        'windowsListTitle',
        'windowFormTitleNew',
        'windowDaysLabel',
        'windowStartLabel',
        'windowSave',
        'exceptionsTitle',
        'notTonight',
        'presetsTitle',
        'siteInputLabel',
        'siteAdd',
        'bulkLabel',
        'photosTitle',
        'photosAdd',
        'notesLead',
        'noteSave',
        'gentlenessTitle',
        'gentleScopeHost',
        'headsUpMinutes',
        'coverageTitle',
        'coverageSitesOk',
        'historyTitle',
        'historyClear',
      ],
      spanish('optionsTitle'),
    );
    await page.close();
  });

  it('reminder, reached by a blocked navigation', async () => {
    const page = await hearth.context.newPage();
    const inbox = sites.url('mail.work.test', '/inbox');
    await typeUrl(page, inbox);
    await waitForUrl(page, reminderUrlFor(hearth, inbox));
    await expectSpanish(
      page,
      ['reminderBreathe', 'saveForAfter', 'stepPastOpen'],
      `${spanish('weekTitle')} — Hearth`,
    );
    expect(
      await page.getByText(`Ibas a abrir mail.work.test:${sites.port}.`, { exact: true }).count(),
    ).toBe(1);
    await page.close();
  });

  it('settings, "Your week" with last week in the record', async () => {
    const today = Temporal.Now.plainDateISO(TIME_ZONE);
    await hearth.inWorker(
      seedRecord,
      fullerWeek(today.subtract({ days: today.dayOfWeek - 1 }), TIME_ZONE),
    );
    const page = await openPage(hearth.extensionUrl('options', '#your-week'));
    await page.getByRole('button', { name: spanish('yourWeekEarlier') }).click();
    await expectSpanish(
      page,
      [
        'yourWeekTitle',
        'yourWeekLead',
        'yourWeekLater',
        'yourWeekLegendFamily',
        'yourWeekLegendStepped',
        'yourWeekTableCaption',
        'yourWeekTableKept',
        'yourWeekYes',
        'yourWeekNo',
        'yourWeekNone',
        'yourWeekReachedTitle',
        'yourWeekSitesTitle',
        'yourWeekStepPastsTitle',
        'yourWeekEndedTitle',
        'yourWeekThoughtTitle',
        'yourWeekOpenSites',
        'yourWeekNoteTitle',
        'yourWeekNoteEnabled',
        'yourWeekNoteHere',
        'yourWeekExportTitle',
        'yourWeekExport',
      ],
      spanish('optionsTitle'),
    );
    // Sentences with their numbers, in Spanish.
    await page.getByText('Guardaste enteras 2 de 5 tardes', { exact: true }).waitFor();
    await page.getByText('slack.com: 3 veces', { exact: true }).waitFor();
    await page.close();
  });

  it('welcome, every step of the first run', async () => {
    const steps: [string, string[]][] = [
      [
        'window',
        [
          'welcomeTitle',
          'welcomeLead',
          'firstRunWindowTitle',
          'firstRunWindowLead',
          'firstRunDaysEveryDay',
          'firstRunFrom',
          'firstRunWindowAnother',
          'firstRunNext',
          'firstRunSkip',
          'welcomePermissionsTitle',
        ],
      ],
      ['sites', ['firstRunSitesTitle', 'presetsTitle', 'firstRunOwnSitesTitle', 'siteInputLabel']],
      ['photos', ['firstRunPhotosTitle', 'firstRunPhotosLead', 'photosAdd', 'firstRunBack']],
      ['note', ['firstRunNoteTitle', 'firstRunNoteLead', 'firstRunNoteHint', 'noteSave']],
      ['try', ['firstRunTryTitle', 'firstRunTryLead', 'firstRunTryButton', 'firstRunFinish']],
      ['done', ['firstRunDoneTitle', 'firstRunDonePopup', 'openSettings']],
    ];
    const page = await openPage(hearth.extensionUrl('welcome'));
    for (const [step, keys] of steps) {
      await page.goto(hearth.extensionUrl('welcome', `#${step}`));
      await expectSpanish(page, keys, spanish('welcomeTitle'));
    }
    // What Hearth asks for, one click away.
    await page.getByText(spanish('welcomePermissionsTitle'), { exact: true }).click();
    await expectSpanish(
      page,
      ['welcomePermissionSites', 'welcomePermissionNavigation', 'welcomeNoServers'],
      spanish('welcomeTitle'),
    );
    await page.close();
  });

  it('wind-down', async () => {
    const page = await openPage(hearth.extensionUrl('winddown'));
    await expectSpanish(
      page,
      [
        'windDownTitle',
        'windDownLead',
        'windDownTabsTitle',
        'windDownNoteTitle',
        'noteLabel',
        'noteSave',
      ],
      `${spanish('windDownTitle')} — Hearth`,
    );
    await page.close();
  });
});
