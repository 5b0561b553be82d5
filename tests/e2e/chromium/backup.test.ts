import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HearthBrowser, reminderUrlFor, typeUrl, waitForUrl } from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';
import {
  addBlockedSite,
  addPhoto,
  addStandingNote,
  addWindow,
  chooseBackup,
  comparable,
  exportBackup,
  openOptions,
  PHOTO_FILE,
  type PhotoSummary,
  photoIdentities,
  pollFor,
  storedPhotos,
  storedSettings,
  syncItems,
  windowAroundNow,
} from '../support/backup-flows';

// A parent sets Hearth up in one Chromium profile, exports a backup from the
// settings page, and imports it into a fresh profile: the new one blocks the
// same sites in the same windows and shows the same note and photo.

const NOTE = 'Ask Mia about her drawing <3';

describe('Chromium: a backup file carries settings, notes and photos to a fresh profile', () => {
  let sites: WorkSites;
  let backupFile: string;
  let fromA: ReturnType<typeof comparable>;
  let photosA: PhotoSummary[];

  beforeAll(async () => {
    sites = await startWorkSites();
  });
  afterAll(async () => {
    await sites?.close();
  });

  it('profile A: set up through the page, replicated to storage.sync, exported with photos', async () => {
    const a = await HearthBrowser.launch();
    try {
      const page = await openOptions(a);
      await addWindow(page, { name: 'Evening with Mia', ...windowAroundNow() });
      await addBlockedSite(page, 'work.test');
      await addStandingNote(page, NOTE, 'Mia');
      await addPhoto(page, PHOTO_FILE, 'Mia');
      await a.settle(true);

      // The sync engine runs in the real browser: per-record items appear in storage.sync.
      const items = await pollFor('Hearth items in storage.sync', async () => {
        const got = await syncItems(a);
        const noted = Object.entries(got).some(
          ([k, v]) => k.startsWith('n:') && JSON.stringify(v).includes('drawing'),
        );
        return 'hearth' in got && noted ? got : undefined;
      });
      expect(Object.keys(items)).toEqual(expect.arrayContaining(['g', 'h', 'p:mail']));
      expect(Object.keys(items).some((k) => k.startsWith('s:'))).toBe(true);

      backupFile = await exportBackup(page, true);
      const file = JSON.parse(await readFile(backupFile, 'utf8'));
      expect(file).toMatchObject({
        format: 'hearth-backup',
        version: 1,
        photos: { included: true },
      });
      expect(file.photos.items).toHaveLength(1);
      expect(file.settings.notes.map((n: { text: string }) => n.text)).toContain(NOTE);

      fromA = comparable(await storedSettings(a));
      photosA = await storedPhotos(page);
      expect(photosA).toHaveLength(1);
    } finally {
      await a.close();
    }
  });

  it('profile B: the preview changes nothing; Replace makes B block and remind exactly as A did', async () => {
    const b = await HearthBrowser.launch();
    try {
      const page = await openOptions(b);
      const before = await storedSettings(b);
      await chooseBackup(page, backupFile);

      const heading = page.getByRole('heading', { name: 'What this backup would change' });
      await heading.waitFor();
      await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.getByText(/^A backup from .+ with 3 windows, 1 site, 1 note\.$/).waitFor();
      await page.getByText('It includes 1 photo.').waitFor();
      const merge = page.getByRole('button', { name: 'Merge' });
      const replace = page.getByRole('button', { name: 'Replace' });
      await expect
        .poll(() =>
          replace
            .getAttribute('aria-describedby')
            .then((id) => page.locator(`#${id}`).textContent()),
        )
        .toMatch(
          /^Replace makes your settings exactly the backup’s: it adds 1 window, 1 site, 1 note, 1 photo/,
        );
      expect(await merge.isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Cancel' }).waitFor();

      // The whole section passes axe with the preview open.
      const axe = await new AxeBuilder({ page })
        .include('#sync')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

      // Nothing is written until the parent chooses.
      expect(comparable(await storedSettings(b))).toEqual(comparable(before));

      await replace.focus();
      await page.keyboard.press('Enter');
      await page.getByText('Done. Your settings are now the backup’s.').waitFor();

      await pollFor('B to hold the settings A exported', async () => {
        const got = comparable(await storedSettings(b));
        return JSON.stringify(got) === JSON.stringify(fromA) ? true : undefined;
      });
      const photosB = await storedPhotos(page);
      // The same photos, re-encoded on the way in by the picker's own pipeline (so not byte for byte).
      expect(photoIdentities(photosB)).toEqual(photoIdentities(photosA));
      await b.settle(true);

      // Blocked as in A, and the reminder shows A's note and photo.
      const inbox = sites.url('mail.work.test', '/inbox');
      sites.clearLog();
      const tab = await b.context.newPage();
      await typeUrl(tab, inbox);
      await waitForUrl(tab, reminderUrlFor(b, inbox));
      await tab.getByText(NOTE).waitFor();
      const photo = tab.getByRole('img', { name: 'Photo of Mia' });
      await photo.waitFor();
      await expect
        .poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
        .toBeGreaterThan(0);
      expect(sites.requestsFor('mail.work.test')).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('a hostile or broken file changes nothing, and its text shows as text', async () => {
    const c = await HearthBrowser.launch();
    try {
      const page = await openOptions(c);
      const before = await storedSettings(c);
      const good = JSON.parse(await readFile(backupFile, 'utf8'));
      const hostile = '<img src=x onerror="document.title=\'pwned\'">Hello';
      good.settings.notes[0].text = hostile;
      const dir = tmpdir();
      const hostileFile = join(dir, `hearth-hostile-${process.pid}.json`);
      await writeFile(hostileFile, JSON.stringify(good));
      const title = await page.title();

      await chooseBackup(page, hostileFile);
      const status = page.locator('.import-status');
      await status.getByText(/looks like web code rather than words/).waitFor();
      expect(await status.locator('code').textContent()).toBe(hostile);
      expect(await status.locator('img').count()).toBe(0);
      expect(await page.title()).toBe(title);

      const cut = join(dir, `hearth-cut-${process.pid}.json`);
      await writeFile(cut, (await readFile(backupFile, 'utf8')).slice(0, 300));
      await chooseBackup(page, cut);
      await status.getByText(/seems cut short/).waitFor();

      expect(comparable(await storedSettings(c))).toEqual(comparable(before));
      expect(await storedPhotos(page)).toEqual([]);
    } finally {
      await c.close();
    }
  });
});
