import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeWindow,
  HearthBrowser,
  NO_RUNTIME,
  pollFor,
  reminderUrlFor,
  settingsWith,
  typeUrl,
  waitForUrl,
} from '../../harness/chromium';
import { startWorkSites, type WorkSites } from '../../harness/work-sites';
import { removePhotoFile, samplePhoto, saveDataUrl } from '../support/reminder';
import { openHearthPage } from '../support/reminder-chromium';

// Two children, two photos: each visit to the reminder shows the next photo
// in the parent's order, and a photo removed on the settings page never shows
// again, not even for a moment (the reminder keeps the next visit's photo
// ready in advance, so this is where a stale one would appear).

const CHILDREN = [
  { name: 'Leo', file: 'leo-at-the-park.jpg', rgb: [40, 120, 200] },
  { name: 'Mia', file: 'mia-baking.jpg', rgb: [220, 150, 40] },
] as const;

/** Runs in a blank tab: a plain photo of one colour, as a JPEG data URL. */
function drawPlainPhoto(rgb: readonly number[]): string {
  const canvas = document.createElement('canvas');
  canvas.width = 800;
  canvas.height = 600;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('No 2D canvas');
  g.fillStyle = `rgb(${rgb.join(',')})`;
  g.fillRect(0, 0, 800, 600);
  return canvas.toDataURL('image/jpeg', 0.9);
}

/** Runs in the reminder before its own scripts: notes every photo the page ever shows. */
const RECORD_PHOTOS = `(() => {
  if (location.protocol !== 'chrome-extension:') return;
  const seen = (globalThis.hearthPhotosSeen = []);
  new MutationObserver(() => {
    for (const img of document.querySelectorAll('figure.photo img')) {
      if (seen[seen.length - 1] !== img.alt) seen.push(img.alt);
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
})();`;

describe('Chromium: the reminder shows the children in turn', () => {
  let sites: WorkSites;
  let hearth: HearthBrowser;
  const files: string[] = [];

  beforeAll(async () => {
    sites = await startWorkSites();
    hearth = await HearthBrowser.launch();
    await hearth.arrange({
      settings: settingsWith([activeWindow(90).window]),
      runtime: NO_RUNTIME,
    });
    await hearth.settle(true);
    const blank = await hearth.context.newPage();
    for (const child of CHILDREN) {
      files.push(await saveDataUrl(await blank.evaluate(drawPlainPhoto, child.rgb), child.file));
    }
    await blank.close();
  });

  afterAll(async () => {
    await hearth?.close();
    await sites?.close();
    for (const file of files) await removePhotoFile(file);
  });

  /** Reaches a blocked site in a new tab; returns the child whose photo the reminder shows. */
  async function visit(n: number): Promise<{ child: string; everShown: string[]; tab: Page }> {
    const url = sites.url('mail.work.test', `/inbox/${n}`);
    const tab = await hearth.context.newPage();
    await tab.addInitScript(RECORD_PHOTOS);
    await typeUrl(tab, url);
    await waitForUrl(tab, reminderUrlFor(hearth, url));
    const rgb = await pollFor('a decoded photo on the reminder', async () => {
      const [centre] = (await tab.evaluate(samplePhoto, [{ x: 400, y: 300 }])) ?? [];
      return centre;
    });
    const alt = await tab.locator('figure.photo img').getAttribute('alt');
    const child = CHILDREN.find((c) => alt === `Photo of ${c.name}`);
    if (!child) throw new Error(`The reminder shows "${alt}"`);
    // The picture itself is that child's, not only its label.
    for (const [k, value] of child.rgb.entries()) {
      expect(Math.abs((rgb[k] ?? -999) - value)).toBeLessThan(24);
    }
    const everShown = await tab.evaluate(
      () => (globalThis as unknown as { hearthPhotosSeen: string[] }).hearthPhotosSeen,
    );
    return { child: child.name, everShown, tab };
  }

  it('shows each photo in turn, in the order set on the settings page', async () => {
    const options = await openHearthPage(hearth, 'options.html#photos');
    await options.getByLabel('Add photos').setInputFiles(files);
    for (const child of CHILDREN) {
      await options.getByRole('status').getByText(`Added ${child.file}.`).waitFor();
    }
    for (const [i, child] of CHILDREN.entries()) {
      const name = options.getByLabel('Name', { exact: true }).nth(i);
      await name.fill(child.name);
      await name.press('Tab');
      await options.getByRole('button', { name: `Remove photo of ${child.name}` }).waitFor();
    }
    await options.close();

    const seen: string[] = [];
    for (let n = 0; n < 4; n += 1) {
      const { child, everShown, tab } = await visit(n);
      seen.push(child);
      // One photo per visit: no other child's photo showed first.
      expect(everShown).toEqual([`Photo of ${child}`]);
      await tab.close();
    }
    expect(seen).toEqual(['Leo', 'Mia', 'Leo', 'Mia']);
  });

  it('follows a new order at once, though the next photo was already made ready', async () => {
    // The next visit is Leo's turn (first in the order); his photo was made ready during the last one.
    const options = await openHearthPage(hearth, 'options.html#photos');
    const earlier = options.getByRole('button', { name: 'Show earlier: photo of Mia' });
    await earlier.click();
    // First in the order now: there is nothing earlier to move to.
    await expect.poll(() => earlier.isDisabled()).toBe(true);
    await options.close();

    const seen: string[] = [];
    for (let n = 4; n < 6; n += 1) {
      const { child, everShown, tab } = await visit(n);
      seen.push(child);
      expect(everShown).toEqual([`Photo of ${child}`]);
      await tab.close();
    }
    expect(seen).toEqual(['Mia', 'Leo']);
  });

  it('never shows a photo again once it is removed, not even the one made ready for the next visit', async () => {
    // The next visit is Mia's turn again, and her photo is the one made ready.
    const options = await openHearthPage(hearth, 'options.html#photos');
    await options.getByRole('button', { name: 'Remove photo of Mia' }).click();
    await options
      .getByRole('button', { name: 'Remove photo of Mia' })
      .waitFor({ state: 'detached' });
    await options.close();

    for (let n = 6; n < 8; n += 1) {
      const { child, everShown, tab } = await visit(n);
      expect(child).toBe('Leo');
      expect(everShown).toEqual(['Photo of Leo']);
      await tab.close();
    }
  });
});
