import type { Page } from 'playwright-core';
import type { Gentleness, Settings } from '../../../utils/settings/schema';
import { type ExtensionApi, type HearthBrowser, plain, pollFor } from '../../harness/chromium';
import { CHILD, drawEveningPhoto, PHOTO, PHOTO_PROBES, samplePhoto, saveDataUrl } from './reminder';

/**
 * What the reminder tests do in Chromium the way a parent would: add a photo
 * and name the child on the options page, choose the gentleness there, write
 * tonight's note in the popup.
 */

declare const chrome: ExtensionApi;

/** A tab on one of Hearth's pages, by file name (no dependence on the fixture's page list). */
export async function openHearthPage(hearth: HearthBrowser, file: string): Promise<Page> {
  const tab = await hearth.context.newPage();
  await tab.goto(`chrome-extension://${hearth.extensionId}/${file}`);
  return tab;
}

/** Draws the test photo in a blank tab of this browser and saves it as a JPEG file. */
export async function makePhotoFile(hearth: HearthBrowser): Promise<string> {
  const tab = await hearth.context.newPage();
  try {
    return await saveDataUrl(await tab.evaluate(drawEveningPhoto), PHOTO.name);
  } finally {
    await tab.close();
  }
}

/** Options → Photos: "Add photos" (the labelled file input), then the child's name. */
export async function addPhotoInOptions(hearth: HearthBrowser, file: string): Promise<void> {
  const options = await openHearthPage(hearth, 'options.html#photos');
  try {
    await addPhotoOn(options, file);
  } finally {
    await options.close();
  }
}

/** The same on an options page already open at #photos (e.g. in a profile of its own). */
export async function addPhotoOn(options: Page, file: string): Promise<void> {
  await options.getByLabel('Add photos').setInputFiles(file);
  await options.getByRole('status').getByText(`Added ${PHOTO.name}.`).waitFor();
  const name = options.getByLabel('Name', { exact: true });
  await name.fill(CHILD);
  // The name is kept when the field is left (its change event).
  await name.press('Tab');
  await options.getByRole('button', { name: `Remove photo of ${CHILD}` }).waitFor();
}

/** The reminder's photo once decoded, sampled at PHOTO_PROBES (compare with offProbes). */
export function photoSamples(page: Page): Promise<number[][]> {
  return pollFor('the photo pixels', () =>
    page
      .evaluate(
        samplePhoto,
        PHOTO_PROBES.map(({ x, y }) => ({ x, y })),
      )
      .then((s) => s ?? undefined),
  );
}

export type ChosenGentleness = Pick<
  Gentleness,
  'waitSeconds' | 'grantMinutes' | 'budgetPerEvening'
>;

/** Options → Gentleness: the three number fields, then waits until the settings are stored. */
export async function chooseGentleness(
  hearth: HearthBrowser,
  chosen: ChosenGentleness,
): Promise<void> {
  const options = await openHearthPage(hearth, 'options.html#gentleness');
  try {
    await options
      .getByLabel('Calm wait before stepping past, in seconds')
      .fill(String(chosen.waitSeconds));
    await options.getByLabel('Minutes for each step-past').fill(String(chosen.grantMinutes));
    await options.getByLabel('Step-pasts each evening').fill(String(chosen.budgetPerEvening));
    await pollFor(
      'the gentleness chosen on the options page to be stored',
      async () => {
        const stored = await storedSettings(hearth);
        const g = stored.gentleness;
        return g.waitSeconds === chosen.waitSeconds &&
          g.grantMinutes === chosen.grantMinutes &&
          g.budgetPerEvening === chosen.budgetPerEvening
          ? true
          : undefined;
      },
      10_000,
      200,
    );
    await pollFor('the options page to say "Saved"', async () =>
      plain(await options.locator('.save-state').textContent()) === 'Saved' ? true : undefined,
    );
  } finally {
    await options.close();
  }
}

/**
 * Popup → "A note for tonight" + Enter. Returns the time span in which the
 * note was written, for the "You wrote this at …" line.
 */
export async function writeNoteInPopup(
  hearth: HearthBrowser,
  text: string,
): Promise<{ before: number; after: number }> {
  const popup = await openHearthPage(hearth, 'popup.html');
  try {
    const field = popup.getByLabel('A note for tonight');
    await field.fill(text);
    const before = Date.now();
    await field.press('Enter');
    await popup.getByText('Saved', { exact: true }).waitFor();
    const after = Date.now();
    await pollFor('the note field to empty', async () =>
      (await field.inputValue()) === '' ? true : undefined,
    );
    // The popup shows it as tonight's note straight away.
    await popup.getByText(text).waitFor();
    return { before, after };
  } finally {
    await popup.close();
  }
}

export function storedSettings(hearth: HearthBrowser): Promise<Settings> {
  return hearth.inWorker(
    async () => (await chrome.storage.local.get('settings')).settings as Settings,
    undefined,
  );
}
