import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { Temporal } from 'temporal-polyfill';
import { readSettings } from '../../../utils/settings/read';
import type { Settings } from '../../../utils/settings/schema';
import { type ExtensionApi, type HearthBrowser, pollFor, zonedNow } from '../../harness/chromium';

/**
 * The parent's flows on Chromium's settings page, by the labels and roles the
 * page shows (en-US), for the backup tests: adding a window, a site, a note and
 * a photo, exporting a backup and importing one.
 */

declare const chrome: ExtensionApi;

/** A real picture for the photo picker (Hearth's own icon). */
export const PHOTO_FILE = resolve(import.meta.dirname, '../../../public/icon/128.png');

export const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export function hhmm(at: Temporal.ZonedDateTime): string {
  return `${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}`;
}

/** A window that began 30 minutes ago and runs 90 more, as the form takes it (TIME_ZONE). */
export function windowAroundNow(): { day: number; start: string; end: string } {
  const start = zonedNow()
    .round({ smallestUnit: 'minute', roundingMode: 'floor' })
    .subtract({ minutes: 30 });
  return { day: start.dayOfWeek, start: hhmm(start), end: hhmm(start.add({ minutes: 120 })) };
}

export async function openOptions(hearth: HearthBrowser): Promise<Page> {
  const page = await hearth.context.newPage();
  await page.goto(`chrome-extension://${hearth.extensionId}/options.html`);
  await page.getByRole('heading', { level: 1, name: 'Hearth settings' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Sync & backup' }).waitFor();
  return page;
}

/** "Add a window", name, the one day, start and end typed, "Save window". */
export async function addWindow(
  page: Page,
  entry: { name: string; day: number; start: string; end: string },
): Promise<void> {
  await page.getByRole('button', { name: 'Add a window' }).click();
  const form = page.getByRole('form', { name: 'New window' });
  await form.getByLabel('Name (optional)').fill(entry.name);
  for (const [i, name] of DAY_NAMES.entries()) {
    const box = form
      .getByRole('group', { name: 'Days' })
      .getByRole('checkbox', { name, exact: true });
    if ((await box.isChecked()) !== (i + 1 === entry.day)) {
      await box.focus();
      await page.keyboard.press('Space');
    }
  }
  await form.getByLabel('Starts').fill(entry.start);
  await form.getByLabel('Ends').fill(entry.end);
  await form.getByRole('button', { name: 'Save window' }).click();
  await form.waitFor({ state: 'detached' });
}

/** Types a site into "Also keep away" and presses Enter. */
export async function addBlockedSite(page: Page, site: string): Promise<void> {
  const list = page
    .locator('.site-list')
    .filter({ has: page.getByRole('heading', { name: 'Also keep away' }) });
  await list.getByLabel('Site address').fill(site);
  await list.getByLabel('Site address').press('Enter');
  await list.getByText(`Added ${site}.`).waitFor();
}

export async function addStandingNote(page: Page, text: string, child: string): Promise<void> {
  const form = page.locator('form.note-form');
  await form.getByLabel('Note', { exact: true }).fill(text);
  await form.getByRole('radio', { name: 'Every family time' }).check();
  await form.getByLabel('For (optional)').fill(child);
  await form.getByRole('button', { name: 'Save note' }).click();
  await form.getByText('Saved').waitFor();
}

/** Picks a photo with "Add photos" and names it. */
export async function addPhoto(page: Page, file: string, child: string): Promise<void> {
  await page.getByLabel('Add photos').setInputFiles(file);
  // Scoped: the sites section says "Added work.test." in the same words.
  await page
    .locator('#photos')
    .getByText(/^Added .+\.$/)
    .waitFor({ timeout: 20_000 });
  const name = page.locator('.photo-list li').first().getByLabel('Name');
  await name.fill(child);
  await name.press('Tab');
  await page.getByRole('button', { name: `Remove photo of ${child}` }).waitFor();
}

/** Ticks (or not) "Include photos" with the keyboard, presses "Export backup", keeps the download. */
export async function exportBackup(page: Page, includePhotos: boolean): Promise<string> {
  const box = page.getByRole('checkbox', { name: 'Include photos' });
  if ((await box.isChecked()) !== includePhotos) {
    await box.focus();
    await page.keyboard.press('Space');
  }
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export backup' }).click(),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'hearth-e2e-backup-'));
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  await page.getByText(`Saved as ${download.suggestedFilename()}.`).waitFor();
  return path;
}

/** Chooses a backup file; waits for the preview (or a refusal). */
export async function chooseBackup(page: Page, file: string): Promise<void> {
  await page.getByLabel('Choose a backup file').setInputFiles(file);
}

/** Settings as the extension reads them (defaults while nothing is stored yet). */
export async function storedSettings(hearth: HearthBrowser): Promise<Settings> {
  const raw = await hearth.inWorker(async () => {
    const { settings } = await chrome.storage.local.get('settings');
    return settings as unknown;
  }, undefined);
  return readSettings(raw).settings;
}

/** Items Hearth's sync wrote into storage.sync (with --disable-sync it stays on the profile). */
export function syncItems(hearth: HearthBrowser): Promise<Record<string, unknown>> {
  return hearth.inWorker(() => chrome.storage.sync.get(null), undefined);
}

export interface PhotoSummary {
  id: string;
  child: string;
  bytes: number;
}

/**
 * The photos the reminder can show (id, name, size), read from Hearth's
 * IndexedDB. Self-contained, so Playwright and puppeteer can both evaluate it
 * on an extension page.
 */
export function photosInPage(): Promise<PhotoSummary[]> {
  return new Promise((resolvePhotos, reject) => {
    const open = indexedDB.open('hearth-photos');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const all = open.result.transaction('photos').objectStore('photos').getAll();
      all.onerror = () => reject(all.error);
      all.onsuccess = () =>
        resolvePhotos(
          (all.result as { id: string; child: string; blob: Blob }[])
            .map((p) => ({ id: p.id, child: p.child, bytes: p.blob.size }))
            .sort((a, b) => (a.id < b.id ? -1 : 1)),
        );
    };
  });
}

export function storedPhotos(page: Page): Promise<PhotoSummary[]> {
  return page.evaluate(photosInPage);
}

/** What makes two settings "the same" for blocking and the reminder: everything but edit times. */
export function comparable(s: Settings) {
  const strip = <T extends { updatedAt: number }>(r: T) => ({ ...r, updatedAt: 0 });
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : 1);
  return {
    windows: s.windows.map(strip).sort(byId),
    exceptions: s.exceptions.map(strip).sort(byId),
    sites: s.sites.map(strip).sort(byId),
    notes: s.notes.map(strip).sort(byId),
    presets: s.presets,
    gentleness: s.gentleness,
    headsUp: s.headsUp,
  };
}

export { pollFor };

/**
 * The same photos after an import: same ids and names, each with bytes. Not
 * byte for byte: an import re-encodes photos through the picker's own pipeline.
 */
export function photoIdentities(photos: PhotoSummary[]): { id: string; child: string }[] {
  for (const p of photos) if (!(p.bytes > 0)) throw new Error(`photo ${p.id} has no bytes`);
  return photos.map(({ id, child }) => ({ id, child }));
}
