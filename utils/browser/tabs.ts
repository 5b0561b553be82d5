import { browser } from 'wxt/browser';

export interface WebTab {
  id: number;
  url: string;
  title: string;
}

/** Every open tab showing an http(s) page: the only tabs Hearth ever moves. */
export async function webTabs(): Promise<WebTab[]> {
  const tabs = await browser.tabs.query({ url: ['http://*/*', 'https://*/*'] });
  return tabs.flatMap((tab) =>
    tab.id !== undefined && tab.url
      ? [{ id: tab.id, url: tab.url, title: tab.title ?? tab.url }]
      : [],
  );
}
