import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionApi,
  HearthBrowser,
  NO_RUNTIME,
  plain,
  pollFor,
  reminderUrlFor,
  settingsWith,
  TIME_ZONE,
  typeUrl,
  waitForUrl,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';
import { axeViolations, SCREENSHOTS } from '../support/look';
import { writeNoteInPopup } from '../support/reminder-chromium';
import { fullerWeek, readYourWeek, seedRecord, type YourWeekSeen } from '../support/your-week';

declare const chrome: ExtensionApi;

// One real evening, as a parent lives it: start family time from the popup,
// write a note for tonight, reach for two work sites, step past once with a
// reason (and leave the site again), save one page for after, end family
// time early with a reason. Then "Your week" tells exactly that, as facts:
// the table says what the picture draws, axe finds nothing in light or dark,
// and it all works from the keyboard. Runs as one evening, in order.
describe('Chromium: "Your week" after one real evening', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;
  let docsHost: string;
  let mailHost: string;
  const STEP_REASON = 'Payroll form, due "tonight", sorry';
  const END_REASON = 'Leo fell asleep early';
  const NOTE = 'Finish the Lego tower with Leo';
  let started = 0;
  let ended = 0;
  let options: Page;
  let seen: YourWeekSeen;

  beforeAll(async () => {
    sites = await startWorkSites();
    docsHost = `docs.work.test:${sites.port}`;
    mailHost = `mail.work.test:${sites.port}`;
    hearth = await HearthBrowser.launch();
    // No weekly window: this evening's family time is started by hand.
    const settings = settingsWith([]);
    settings.gentleness = {
      ...settings.gentleness,
      waitSeconds: 2,
      grantMinutes: 1,
      endEarlyNeedsFriction: true,
    };
    await hearth.arrange({ settings, runtime: NO_RUNTIME });
    await hearth.settle(false);
  });

  afterAll(async () => {
    await hearth?.close();
    await sites?.close();
  });

  async function reach(url: string): Promise<Page> {
    const tab = await hearth.context.newPage();
    await typeUrl(tab, url);
    await waitForUrl(tab, reminderUrlFor(hearth, url));
    await tab.getByText(`You reached for ${new URL(url).host}.`).waitFor();
    return tab;
  }

  it('the evening: start, a note, two reaches, one step-past, one page saved, ended early', async () => {
    const popup = await hearth.openExtensionPage('popup');
    // No evening in the record yet: the popup offers no "Your week".
    await popup.getByRole('button', { name: 'Start family time' }).waitFor();
    // The hints are the background's answer: absence needs a moment to mean something.
    await popup.waitForTimeout(2000);
    expect(await popup.getByRole('link', { name: 'Your week' }).count()).toBe(0);
    started = Date.now();
    await popup.getByRole('button', { name: 'Start family time' }).click();
    await hearth.settle(true);
    await popup.close();
    await writeNoteInPopup(hearth, NOTE);

    const docs = await reach(sites.url('docs.work.test', '/spec/7'));
    await docs.getByRole('button', { name: 'I need this site for a moment' }).click();
    await docs.getByLabel('What needs you right now?').fill(STEP_REASON);
    const go = docs.getByRole('button', { name: `Open ${docsHost} for 1 minute` });
    await expect.poll(() => go.isEnabled(), { timeout: 10_000 }).toBe(true);
    await go.click();
    await waitForUrl(docs, sites.url('docs.work.test', '/spec/7'));
    // Leaving the site closes the door behind the parent.
    await docs.close();
    await pollFor('the step-past to close', async () =>
      (await hearth.inWorker(async () => {
        const { runtime } = await chrome.storage.local.get('runtime');
        return (runtime as { grants: { closed?: string }[] }).grants.every((g) => g.closed);
      }, undefined))
        ? true
        : undefined,
    );

    const mail = await reach(sites.url('mail.work.test', '/inbox'));
    await mail.getByRole('button', { name: 'Save it for after' }).click();
    await mail
      .getByRole('status')
      .getByText('Saved. It will be waiting when family time ends.')
      .waitFor();
    await mail.close();

    const end = await hearth.openExtensionPage('popup');
    await end.getByRole('button', { name: 'End family time' }).click();
    await end.getByLabel('What needs you right now?').fill(END_REASON);
    const confirm = end.getByRole('button', { name: 'End family time now' });
    await expect.poll(() => confirm.isEnabled(), { timeout: 10_000 }).toBe(true);
    await confirm.click();
    ended = Date.now();
    await hearth.settle(false);
    await end.close();
  });

  it('the popup now links to "Your week", which opens on it', async () => {
    const popup = await hearth.openExtensionPage('popup');
    const link = popup.getByRole('link', { name: 'Your week' });
    await link.waitFor();
    const opened = hearth.context.waitForEvent('page');
    await link.click();
    options = await opened;
    await options.waitForLoadState('load');
    expect(options.url()).toBe(hearth.extensionUrl('options', '#your-week'));
    await popup.close();
    await options.locator('.week-headline').waitFor();
    await options.setViewportSize({ width: 1000, height: 900 });
    seen = await options.evaluate(readYourWeek);
  });

  it('shows exactly the facts of that evening', () => {
    const show = JSON.stringify(seen, null, 1);
    // One evening, not kept whole (a step-past, ended early): told as presence, not as zero.
    expect(seen.headline, show).toBe('One evening of family time this week');
    expect(seen.facts, show).toContain('1 note written for tonight');
    expect(seen.facts, show).toContain('Pages saved for after: 1, opened again: 0');
    expect(seen.sites.sort(), show).toEqual([`${docsHost}: once`, `${mailHost}: once`].sort());
    expect(seen.stepPasts, show).toHaveLength(1);
    expect(seen.stepPasts[0], show).toMatch(
      new RegExp(
        `, ${docsHost}: “${STEP_REASON.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”\\. 1 min given, [01] min used\\.$`,
      ),
    );
    expect(seen.ended, show).toHaveLength(1);
    // The manual session was planned for longer; the minutes left are the honest difference.
    expect(seen.ended[0], show).toMatch(
      new RegExp(`: ended \\d+ min before planned: “${END_REASON}”\\.$`),
    );
    const minutes = Math.round((ended - started) / 60_000);
    const today = Temporal.Now.plainDateISO(TIME_ZONE);
    const row = seen.table[today.dayOfWeek - 1];
    expect(row?.[3], show).toBe('Not this time');
    expect(Math.abs(Number(row?.[1]) - minutes), show).toBeLessThanOrEqual(1);
    // Every other day had no family time.
    expect(
      seen.table.filter((r) => r[3] === 'No family time'),
      show,
    ).toHaveLength(6);
    // Nothing to suggest from one quiet evening.
    expect(seen.thought).toBe('');
  });

  it('the table has the same numbers as the picture, and the picture says them too', () => {
    expect(seen.bars).toHaveLength(7);
    seen.table.forEach((row, i) => {
      const bar = seen.bars[i];
      expect([row[1], row[2]]).toEqual([String(bar?.family), String(bar?.stepped)]);
      expect(bar?.title).toMatch(
        new RegExp(`: ${bar?.family} min of family time, ${bar?.stepped} stepped past\\.$`),
      );
      expect(seen.pictureName).toContain(bar?.title);
    });
  });

  it('the history list tells the evening, grouped, newest first, in short sentences', async () => {
    const rows = (await options.locator('section#history ol.history li').allTextContents()).map(
      plain,
    );
    const seenRows = rows.join('\n');
    expect(rows[0], seenRows).toMatch(new RegExp(`Family time ended early: “${END_REASON}”$`));
    for (const line of [
      `Kept away ${docsHost}`,
      `Kept away ${mailHost}`,
      `Saved for after: ${mailHost}`,
    ]) {
      expect(
        rows.some((r) => r.endsWith(line)),
        `${line} in\n${seenRows}`,
      ).toBe(true);
    }
    const evenings = await options.locator('section#history .history-evening h4').allTextContents();
    expect(evenings).toHaveLength(1);
  });

  it.each(['light', 'dark'] as const)('axe finds nothing, %s; screenshot', async (scheme) => {
    await options.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await options.evaluate(() => document.fonts.ready.then(() => undefined));
    expect(await axeViolations(options)).toEqual([]);
    await options.locator('section#your-week').screenshot({
      path: resolve(SCREENSHOTS, `options-your-week-${scheme}.png`),
    });
    await options.locator('section#history').screenshot({
      path: resolve(SCREENSHOTS, `options-history-evenings-${scheme}.png`),
    });
  });

  /** Presses Tab until the focused element has this accessible text, at most `max` times. */
  async function tabTo(name: string, max = 60): Promise<void> {
    for (let i = 0; i < max; i += 1) {
      await options.keyboard.press('Tab');
      const focused = await options.evaluate(() => {
        const el = document.activeElement;
        return el
          ? (el.textContent ?? '').trim() || (el.closest('label')?.textContent ?? '').trim()
          : '';
      });
      if (focused === name) return;
    }
    throw new Error(`Tab never reached "${name}"`);
  }

  it('works by keyboard: pages to earlier weeks and back, turns on the weekly note, downloads the CSV', async () => {
    await options.emulateMedia({ colorScheme: 'light' });
    await options.evaluate(() => {
      document.getElementById('your-week-title')?.setAttribute('tabindex', '-1');
      document.getElementById('your-week-title')?.focus();
    });
    const thisWeek = seen.range;
    await tabTo('Earlier week');
    await options.keyboard.press('Enter');
    await expect
      .poll(async () => plain(await options.locator('#your-week-range').textContent()))
      .not.toBe(thisWeek);
    await options.getByText('No family time is in the record for this week yet.').waitFor();
    await tabTo('Later week');
    await options.keyboard.press('Enter');
    await expect
      .poll(async () => plain(await options.locator('#your-week-range').textContent()))
      .toBe(thisWeek);

    await tabTo('Send me a weekly note with the first line of my week');
    await options.keyboard.press('Space');
    // Sunday 19:00 by default: the background keeps one alarm at the next one.
    const now = Temporal.Now.zonedDateTimeISO(TIME_ZONE);
    let sunday = now
      .with({ hour: 19, minute: 0, second: 0, millisecond: 0, microsecond: 0, nanosecond: 0 })
      .add({ days: (7 - now.dayOfWeek) % 7 });
    if (Temporal.ZonedDateTime.compare(sunday, now) <= 0) sunday = sunday.add({ days: 7 });
    const due = await pollFor(
      'the weekly-note alarm',
      async () =>
        (await hearth.inWorker(
          async () => (await chrome.alarms.get('hearth-weekly-note'))?.scheduledTime ?? null,
          undefined,
        )) ?? undefined,
    );
    expect(due).toBe(sunday.epochMilliseconds);

    await tabTo('Download the record (CSV)');
    const download = options.waitForEvent('download');
    await options.keyboard.press('Enter');
    const file = await (await download).path();
    const csv = await readFile(file, 'utf8');
    // The reason with its comma and quotes survives as one quoted field.
    expect(csv).toContain(`"${STEP_REASON.replace(/"/g, '""')}"`);
    expect(csv.split('\r\n')[0]).toBe(
      'Time,What happened,Site,Reason,Minutes given,Minutes used,Address,Family time from,Family time until',
    );
    expect(csv).toContain(`,ended-early,,${END_REASON},`);
    await options
      .getByRole('status')
      .getByText(/^Downloaded \d+ entries\.$/)
      .waitFor();
  });

  it('an earlier, fuller week: kept first, a thought linking to its setting, table == picture', async () => {
    const today = Temporal.Now.plainDateISO(TIME_ZONE);
    const monday = today.subtract({ days: today.dayOfWeek - 1 });
    await hearth.inWorker(seedRecord, fullerWeek(monday, TIME_ZONE));
    await options.reload();
    await options.locator('.week-headline').waitFor();
    const thisWeek = await options.evaluate(readYourWeek);
    // This week beside last week, in plain words, never a percentage.
    expect(await options.locator('section#your-week').textContent()).toContain(
      'A fuller week than the last, which had 2 evenings kept.',
    );
    expect(thisWeek.headline).toBe('One evening of family time this week');
    await options.getByRole('button', { name: 'Earlier week' }).click();
    await expect
      .poll(async () => (await options.evaluate(readYourWeek)).headline)
      .toBe('You kept 2 of 5 evenings whole');
    const last = await options.evaluate(readYourWeek);
    const show = JSON.stringify(last, null, 1);
    // 4 × 150 minutes + 120 (ended 30 minutes early) = 720, less 6 + 4 + 10 stepped past = 700.
    expect(last.facts, show).toContain('11 h 40 min of family time, protected');
    expect(last.facts, show).toContain('Pages saved for after: 1, opened again: 1');
    expect(last.sites, show).toEqual(['slack.com: 3 times', 'mail.example: once']);
    expect(
      last.stepPasts.map((s) => s.replace(/^.*?slack\.com: /, '')),
      show,
    ).toEqual([
      '“on call”. 10 min given, 6 min used.',
      '“On call”. 10 min given, 4 min used.',
      '“on call”. 10 min given, 10 min used.',
    ]);
    expect(last.ended[0], show).toMatch(
      /: ended 30 min before planned: “Bath and bed, early night”\.$/,
    );
    expect(last.thought, show).toBe(
      '“on call” 3 times: an allowed site for it might serve you better than stepping past. Go to allowed sites',
    );
    expect(
      last.table.map((r) => r.slice(1)),
      show,
    ).toEqual([
      ['150', '0', 'Yes'],
      ['150', '6', 'Not this time'],
      ['150', '4', 'Not this time'],
      ['120', '10', 'Not this time'],
      ['150', '0', 'Yes'],
      ['0', '0', 'No family time'],
      ['0', '0', 'No family time'],
    ]);
    last.table.forEach((row, i) => {
      expect([row[1], row[2]]).toEqual([
        String(last.bars[i]?.family),
        String(last.bars[i]?.stepped),
      ]);
    });
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      expect(await axeViolations(options)).toEqual([]);
      await options.locator('section#your-week').screenshot({
        path: resolve(SCREENSHOTS, `options-your-week-full-${scheme}.png`),
      });
    }
    // The thought's link goes to the setting it suggests.
    await options.getByRole('link', { name: 'Go to allowed sites' }).click();
    await expect.poll(() => new URL(options.url()).hash).toBe('#sites');
  });
});
