import { browser } from 'wxt/browser';

/** The keys that start family time now, as the parent set them ("" when none is set). */
export async function startShortcut(): Promise<string> {
  try {
    const commands = await browser.commands.getAll();
    return commands.find((c) => c.name === 'start-family-time')?.shortcut ?? '';
  } catch {
    return '';
  }
}
