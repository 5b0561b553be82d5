import type { HearthBrowser } from '../../harness/chromium';

/** The options page's "Most recent" history rows, as a parent reads them. */
export async function readHistoryInOptions(hearth: HearthBrowser): Promise<string[]> {
  const options = await hearth.openExtensionPage('options');
  try {
    const list = options.getByRole('region', { name: 'History' }).getByRole('listitem');
    await list.first().waitFor();
    return (await list.allTextContents()).map((text) => text.replace(/\s+/gu, ' ').trim());
  } finally {
    await options.close();
  }
}
