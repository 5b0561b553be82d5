import { browser } from 'wxt/browser';

/** Hearth's own pages, by the path WXT builds them at. */
export type HearthPage =
  | '/options.html'
  | `/options.html#${string}`
  | '/welcome.html'
  | `/welcome.html#${string}`
  | '/popup.html';

/** The address of one of Hearth's own pages (chrome-extension://… or moz-extension://…). */
export function pageUrl(page: HearthPage): string {
  return browser.runtime.getURL(page);
}

/** Closes the tab this page is shown in (the reminder's "Close this tab"). */
export async function closeThisTab(): Promise<void> {
  const tab = await browser.tabs.getCurrent();
  if (tab?.id !== undefined) await browser.tabs.remove(tab.id);
}
