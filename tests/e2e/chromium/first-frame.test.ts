import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeWindow,
  clockText,
  HearthBrowser,
  NO_RUNTIME,
  plain,
  settingsWith,
  windowAt,
  zonedNow,
} from '../../harness/chromium';
import { FIRST_FRAME_PROBE, type Frames, READ_FRAMES } from '../../harness/first-frame';

// Issue 16: the popup (and the other pages) compute the state from storage,
// so the first frame a parent sees already says it, even with the worker
// stopped; and an open popup follows a change made from another page.
describe('Chromium: pages show the state in their first frame', () => {
  let hearth: HearthBrowser;
  const { window: evening, until } = activeWindow(90);
  const untilLine = `Family time until ${clockText(until)}`;
  const later = zonedNow()
    .round({ smallestUnit: 'minute', roundingMode: 'floor' })
    .add({ hours: 3 });
  const day = later.toPlainDate().equals(zonedNow().toPlainDate()) ? 'today' : 'tomorrow';
  const nextLine = `Next: ${day} ${clockText(later)}`;

  beforeAll(async () => {
    hearth = await HearthBrowser.launch();
  });
  afterAll(async () => {
    await hearth?.close();
  });

  /** Opens an extension page in a new tab with the first-frame probe in it. */
  async function openProbed(page: 'popup' | 'options' | 'winddown' | 'welcome'): Promise<Page> {
    const tab = await hearth.context.newPage();
    await tab.addInitScript(FIRST_FRAME_PROBE);
    await tab.goto(hearth.extensionUrl(page));
    return tab;
  }

  /**
   * The text of the first frame that showed anything. Every frame before it
   * must have been blank: the page never paints a "One moment…" or a guess.
   */
  async function firstShown(tab: Page): Promise<string> {
    await expect
      .poll(async () => ((await tab.evaluate(READ_FRAMES)) as Frames | null)?.frames.at(-1)?.text)
      .toBeTruthy();
    const { frames } = (await tab.evaluate(READ_FRAMES)) as Frames;
    expect(frames.slice(0, -1).map((f) => f.text)).toEqual(frames.slice(0, -1).map(() => ''));
    return plain(frames.at(-1)?.text ?? '');
  }

  for (const [state, arrange, line] of [
    ['during family time', () => settingsWith([evening]), untilLine],
    ['before family time', () => settingsWith([windowAt(later, 60)]), nextLine],
  ] as const) {
    it(`the popup opened with the worker stopped says the state ${state} in its first frame`, async () => {
      await hearth.wakeWorker(); // the test before left it stopped
      await hearth.arrange({ settings: arrange(), runtime: NO_RUNTIME });
      await hearth.settle(state === 'during family time');
      await hearth.stopServiceWorker();

      const popup = await openProbed('popup');
      const shown = await firstShown(popup);
      expect(shown.startsWith(line), `first frame shown: ${shown}`).toBe(true);
      expect(shown).not.toContain('One moment');
      expect(plain(await popup.getByRole('heading', { level: 1 }).textContent())).toBe(line);
      await popup.close();
    });
  }

  it('the options, wind-down and welcome pages show the state in their first frame', async () => {
    await hearth.wakeWorker(); // the test before left it stopped
    await hearth.arrange({ settings: settingsWith([windowAt(later, 60)]), runtime: NO_RUNTIME });
    await hearth.settle(false);
    await hearth.stopServiceWorker();
    for (const page of ['welcome', 'winddown'] as const) {
      const tab = await openProbed(page);
      expect(await firstShown(tab), page).toContain(nextLine);
      await tab.close();
    }
    const options = await openProbed('options');
    const shown = await firstShown(options);
    expect(shown).not.toContain('One moment');
    // The week section's own line says when family time is next.
    expect(shown).toContain(`${nextLine}–`);
    await options.close();
  });

  it('an open popup follows family time started and ended from another page, without reopening', async () => {
    await hearth.wakeWorker(); // the test before left it stopped
    await hearth.arrange({ settings: settingsWith([windowAt(later, 60)]), runtime: NO_RUNTIME });
    await hearth.settle(false);
    const popup = await hearth.context.newPage();
    await popup.goto(hearth.extensionUrl('popup'));
    const heading = popup.getByRole('heading', { level: 1 });
    await expect.poll(async () => plain(await heading.textContent())).toBe(nextLine);
    // Marks this document: a reload would lose the mark.
    await popup.evaluate(() => {
      (globalThis as { stillHere?: boolean }).stillHere = true;
    });

    const other = await hearth.openExtensionPage('popup');
    const before = zonedNow();
    await other.getByRole('button', { name: 'Start family time' }).click();
    const after = zonedNow();
    await other.getByRole('button', { name: 'End family time' }).waitFor();
    const started = [before, after].map(
      (at) => `Family time until ${clockText(at.add({ hours: 2 }))}`,
    );
    await expect
      .poll(async () => plain(await heading.textContent()))
      .toSatisfy((text: string) => started.includes(text));
    await popup.getByRole('button', { name: 'End family time' }).waitFor();

    await other.getByRole('button', { name: 'End family time' }).click();
    await expect.poll(async () => plain(await heading.textContent())).toBe(nextLine);
    await popup.getByRole('button', { name: 'Start family time' }).waitFor();
    expect(await popup.evaluate(() => (globalThis as { stillHere?: boolean }).stillHere)).toBe(
      true,
    );
    await other.close();
    await popup.close();
  });
});
