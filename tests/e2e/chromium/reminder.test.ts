import type { Page } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeeklyWindow } from '../../../utils/settings/schema';
import {
  activeWindow,
  clockText,
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
  zonedNow,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';
import { CHILD, NOTE_TEXT, offProbes, PHOTO, REASON, removePhotoFile } from '../support/reminder';
import {
  addPhotoInOptions,
  chooseGentleness,
  makePhotoFile,
  openHearthPage,
  photoSamples,
  storedSettings,
  writeNoteInPopup,
} from '../support/reminder-chromium';

declare const chrome: ExtensionApi;

// The reminder, end to end in real Chromium: a photo imported through the
// options page and tonight's note from the popup greet the parent on a
// blocked site; "Save it for after" brings the page back when family time
// ends; stepping past (a reason, a calm wait) opens the site for a minute,
// after which it is blocked again, in the open tab and in a new one; the
// evening's budget runs out kindly; and History tells each step.
//
// The tests run in order on one browser, as one evening. The one-minute grant
// is the long wait; the save-for-after steps run inside it.
describe('Chromium: the reminder, from photo to history', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;
  let photoFile: string | undefined;
  let noteWritten: { before: number; after: number };

  // Every "site" here is on the block list through work.test.
  const specPath = '/spec/42';
  const savedPath = '/inbox?folder=family&sort=new';
  let docsHost: string;
  let mailHost: string;

  /** The tab that stepped past, kept on the site while the grant runs out. */
  let steppedTab: Page;
  let grantEnd: number;
  /** Family time ends here (a whole minute), set once the grant has started. */
  let windowEnd: Temporal.ZonedDateTime;

  beforeAll(async () => {
    sites = await startWorkSites();
    docsHost = `docs.work.test:${sites.port}`;
    mailHost = `mail.work.test:${sites.port}`;
    hearth = await HearthBrowser.launch();
    // Family time on now (a window that began half an hour ago); its end is
    // moved close once the step-past has begun.
    await hearth.arrange({
      settings: settingsWith([activeWindow(90).window]),
      runtime: NO_RUNTIME,
    });
    await hearth.settle(true);
    photoFile = await makePhotoFile(hearth);
    await addPhotoInOptions(hearth, photoFile);
    await chooseGentleness(hearth, { waitSeconds: 2, grantMinutes: 1, budgetPerEvening: 2 });
    noteWritten = await writeNoteInPopup(hearth, NOTE_TEXT);
  });

  afterAll(async () => {
    await hearth?.close();
    await sites?.close();
    await removePhotoFile(photoFile);
  });

  /** A new tab, the address typed, landing on the reminder. */
  async function reach(url: string): Promise<Page> {
    const tab = await hearth.context.newPage();
    await typeUrl(tab, url);
    await waitForUrl(tab, reminderUrlFor(hearth, url));
    await tab.getByText(`You reached for ${new URL(url).host}.`).waitFor();
    return tab;
  }

  /** Moves the end of the family-time window to `end` (a whole minute), in storage. */
  async function endWindowAt(end: Temporal.ZonedDateTime): Promise<void> {
    const settings = await storedSettings(hearth);
    const [first] = settings.windows;
    if (!first) throw new Error('No window to move');
    const startOfWindow = end
      .with({ hour: Math.floor(first.startMinute / 60), minute: first.startMinute % 60 })
      .round({ smallestUnit: 'minute', roundingMode: 'floor' });
    // The window began before `end`, maybe yesterday.
    const began =
      Temporal.ZonedDateTime.compare(startOfWindow, end) < 0
        ? startOfWindow
        : startOfWindow.subtract({ days: 1 });
    const lengthMinutes = Math.round(began.until(end).total('minutes'));
    const windows: WeeklyWindow[] = [{ ...first, lengthMinutes, updatedAt: Date.now() }];
    await hearth.inWorker(async (s) => chrome.storage.local.set({ settings: s }), {
      ...settings,
      windows,
    });
    const heading = `Family time until ${clockText(end)}`;
    const popup = await openHearthPage(hearth, 'popup.html');
    await expect
      .poll(async () => plain(await popup.getByRole('heading', { level: 1 }).textContent()))
      .toBe(heading);
    await popup.close();
  }

  it("shows the imported photo, the child's name and tonight's note", async () => {
    const spec = sites.url('docs.work.test', specPath);
    sites.clearLog();
    steppedTab = await reach(spec);
    const tab = steppedTab;

    const photo = tab.getByRole('img', { name: `Photo of ${CHILD}` });
    await photo.waitFor();
    const natural = await pollFor('the photo to be decoded', () =>
      photo.evaluate((img: HTMLImageElement) =>
        img.complete && img.naturalWidth > 0
          ? { w: img.naturalWidth, h: img.naturalHeight }
          : undefined,
      ),
    );
    expect(natural).toEqual({ w: PHOTO.width, h: PHOTO.height });
    expect(offProbes(await photoSamples(tab))).toEqual([]);
    expect(plain(await tab.locator('figure.photo figcaption').textContent())).toBe(CHILD);

    const note = tab.locator('blockquote.note');
    expect(plain(await note.locator('.note-text').textContent())).toBe(NOTE_TEXT);
    const wrote = [noteWritten.before, noteWritten.after].map(
      (at) =>
        `You wrote this at ${clockText(Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(TIME_ZONE))}`,
    );
    expect(wrote).toContain(plain(await note.locator('footer').textContent()));
    expect(sites.requestsFor('docs.work.test')).toEqual([]);
  });
  it('steps past with a reason and a calm wait: the site opens for the chosen minute', async () => {
    const tab = steppedTab;
    const spec = sites.url('docs.work.test', specPath);
    // Family time ends at a whole minute well after the grant's minute (plus
    // the steps below): the grant must end on its own, not with family time.
    windowEnd = zonedNow()
      .add({ seconds: 100 })
      .round({ smallestUnit: 'minute', roundingMode: 'ceil' });
    await endWindowAt(windowEnd);
    await tab.getByText('2 step-pasts left this evening.').waitFor();

    await tab.getByRole('button', { name: 'I need this site for a moment' }).click();
    await tab.getByRole('heading', { name: 'Step past, on purpose' }).waitFor();
    const go = tab.getByRole('button', { name: `Open ${docsHost} for 1 minute` });
    // The calm wait runs first; until it is over (and a reason is written) the way is closed.
    await tab
      .getByRole('timer')
      .getByText(/^Take a breath\. [12] seconds…$/)
      .waitFor();
    expect(await go.isDisabled()).toBe(true);
    await tab.getByLabel('What needs you right now?').fill(REASON);
    expect(await tab.getByRole('radio', { name: '1 minute' }).isChecked()).toBe(true);
    await pollFor(
      'the calm wait to end',
      async () => ((await go.isEnabled()) ? true : undefined),
      5_000,
    );
    expect(await tab.getByRole('timer').count()).toBe(0);

    sites.clearLog();
    const before = Date.now();
    await go.click();
    await waitForUrl(tab, spec);
    expect(await tab.locator('#site').textContent()).toBe(`docs.work.test${specPath}`);
    expect(sites.requestsFor('docs.work.test')).toContain(specPath);

    const runtime = await hearth.inWorker(
      async () =>
        (await chrome.storage.local.get('runtime')).runtime as {
          grants: { start: number; end: number; pattern: string }[];
        },
      undefined,
    );
    const [grant] = runtime.grants;
    expect(grant?.pattern).toBe(docsHost);
    expect(grant && grant.end - grant.start).toBe(60_000);
    expect(grant?.start).toBeGreaterThanOrEqual(before);
    grantEnd = grant?.end ?? 0;
    expect(grantEnd).toBeLessThan(windowEnd.epochMilliseconds - 20_000);
  });

  // Runs while the grant's minute passes.
  it('"Save it for after" keeps the page, and the popup lists it', async () => {
    const saved = sites.url('mail.work.test', savedPath);
    const tab = await reach(saved);
    await tab.getByText('1 step-past left this evening.').waitFor();
    await tab.getByRole('button', { name: 'Save it for after' }).click();
    await tab
      .getByRole('status')
      .getByText('Saved. It will be waiting when family time ends.')
      .waitFor();
    const stored = await hearth.inWorker(
      async () =>
        (await chrome.storage.local.get('savedForAfter')).savedForAfter as { url: string }[],
      undefined,
    );
    expect(stored.map((p) => p.url)).toEqual([saved]);

    const popup = await openHearthPage(hearth, 'popup.html');
    await popup.getByRole('heading', { name: 'Saved for after' }).waitFor();
    await popup.getByRole('button', { name: `Reopen ${mailHost}` }).waitFor();
    // Reopening everything waits for the end of family time.
    expect(await popup.getByRole('button', { name: 'Reopen all' }).count()).toBe(0);
    await popup.close();

    // "Close this tab" does what it says.
    const closed = tab.waitForEvent('close');
    await tab.getByRole('button', { name: 'Close this tab' }).click();
    await closed;
    expect(sites.requestsFor('mail.work.test')).toEqual([]);
  });

  it('when the minute is over, the site is blocked again: in the open tab and in a new one', async () => {
    const spec = sites.url('docs.work.test', specPath);
    const reminder = reminderUrlFor(hearth, spec);
    // The tab still on the site is sent to the reminder when the grant ends, not before.
    expect(steppedTab.url()).toBe(spec);
    const movedAt = await pollFor(
      () => `the tab on ${docsHost} to be sent to the reminder (it is on ${steppedTab.url()})`,
      () => (steppedTab.url() === reminder ? Date.now() : undefined),
      grantEnd - Date.now() + 15_000,
      50,
    );
    expect(movedAt).toBeGreaterThanOrEqual(grantEnd);
    await waitForUrl(steppedTab, reminder);
    await steppedTab.getByText(`You reached for ${docsHost}.`).waitFor();

    sites.clearLog();
    const fresh = await reach(spec);
    expect(sites.requestsFor('docs.work.test')).toEqual([]);
    await fresh.getByText('1 step-past left this evening.').waitFor();
    await fresh.close();
  });

  it("after the evening's step-pasts, the reminder says so kindly and offers no more", async () => {
    const spec = sites.url('docs.work.test', specPath);
    const tab = steppedTab;
    await tab.getByRole('button', { name: 'I need this site for a moment' }).click();
    await tab.getByLabel('What needs you right now?').fill(REASON);
    const go = tab.getByRole('button', { name: `Open ${docsHost} for 1 minute` });
    await pollFor(
      'the calm wait to end',
      async () => ((await go.isEnabled()) ? true : undefined),
      5_000,
    );
    await go.click();
    await waitForUrl(tab, spec);

    const calendar = await reach(sites.url('mail.work.test', '/calendar'));
    await calendar
      .getByText(
        "This evening's step-pasts are used. If work truly needs you, you can end family time from the Hearth button in your toolbar.",
      )
      .waitFor();
    expect(
      await calendar.getByRole('button', { name: 'I need this site for a moment' }).count(),
    ).toBe(0);
    expect(await calendar.getByText(/step-pasts? left this evening/).count()).toBe(0);
    // Saving for after is still there.
    await calendar.getByRole('button', { name: 'Save it for after' }).waitFor();
    await calendar.close();
  });

  it('when family time ends, the saved page is offered back and "Reopen all" opens it exactly', async () => {
    const saved = sites.url('mail.work.test', savedPath);
    // Headless Chromium shows no notification on screen; the one Hearth made is
    // there for chrome.notifications.getAll() in its service worker.
    await pollFor(
      'the "saved for after" notification at the end of family time',
      async () => {
        const all = await hearth.inWorker(() => chrome.notifications.getAll(), undefined);
        return 'hearth-saved' in all ? true : undefined;
      },
      windowEnd.epochMilliseconds - Date.now() + 20_000,
      250,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(windowEnd.epochMilliseconds);

    const popup = await openHearthPage(hearth, 'popup.html');
    await popup.getByRole('heading', { name: 'Saved for after' }).waitFor();
    await popup.getByRole('button', { name: 'Start family time' }).waitFor();
    sites.clearLog();
    const opened = hearth.context.waitForEvent('page', { predicate: (p) => p.url() === saved });
    await popup.getByRole('button', { name: 'Reopen all' }).click();
    const tab = await opened;
    await tab.waitForLoadState('load');
    expect(tab.url()).toBe(saved);
    expect(await tab.locator('#site').textContent()).toBe('mail.work.test/inbox');
    expect(sites.requestsFor('mail.work.test')).toContain(savedPath);
    // Offered once: the list is empty now.
    await pollFor('the saved list to empty', async () =>
      (await popup.getByRole('heading', { name: 'Saved for after' }).count()) === 0
        ? true
        : undefined,
    );
    await popup.close();
  });

  it('History lists each step in plain words', async () => {
    const options = await openHearthPage(hearth, 'options.html#history');
    const rows = options.locator('ol.history li');
    await rows.first().waitFor();
    const texts = (await rows.allTextContents()).map(plain);
    const seen = `history rows:\n${texts.join('\n')}`;
    const has = (text: string) => texts.some((row) => row.endsWith(text));
    for (const expected of [
      `Kept away ${docsHost}`,
      `Kept away ${mailHost}`,
      `Stepped past to ${docsHost} for 1 minute: “${REASON}”`,
      'Step-past ended after 1 minute',
      `Saved for after: ${mailHost}`,
      `Reopened: ${mailHost}`,
    ]) {
      expect(has(expected), `${expected} in ${seen}`).toBe(true);
    }
    expect(
      texts.filter((row) => row.includes(`Stepped past to ${docsHost}`)),
      seen,
    ).toHaveLength(2);
    await options.close();
  });
});
