import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * Records what the adapters ask of the browser that a parent would see: the
 * notifications shown and the tabs opened or closed. WXT's fakeBrowser keeps
 * these in memory but only the latest notification per id, and its
 * tabs.remove fails after removing a tab (it looks the window up by the tab's
 * id), so both are wrapped here. Installed once per test file; the records
 * are cleared with fakeBrowser.reset().
 */

export interface ShownNotification {
  id: string;
  title: string;
  message: string;
}

export interface BrowserRecords {
  notifications: ShownNotification[];
  openedTabs: { url: string | undefined; active: boolean | undefined }[];
  closedTabs: number[];
}

type Api = Record<string, unknown>;
type Create = (id: string, options: { title: string; message: string }) => Promise<string>;
type CreateTab = (props: { url?: string; active?: boolean }) => Promise<unknown>;
type RemoveTabs = (ids: number | number[]) => Promise<void>;
type GetTab = (id: number) => Promise<unknown>;

export function installBrowserRecords(): BrowserRecords {
  const records: BrowserRecords = { notifications: [], openedTabs: [], closedTabs: [] };

  const notifications = fakeBrowser.notifications as unknown as Api;
  const create = (notifications.create as Create).bind(notifications);
  const resetNotifications = (notifications.resetState as () => void).bind(notifications);
  Object.assign(notifications, {
    create: async (id: string, options: { title: string; message: string }) => {
      records.notifications.push({ id, title: options.title, message: options.message });
      return create(id, options);
    },
    resetState: () => {
      resetNotifications();
      records.notifications = [];
    },
  });

  const tabs = fakeBrowser.tabs as unknown as Api;
  const createTab = (tabs.create as CreateTab).bind(tabs);
  const removeTabs = (tabs.remove as RemoveTabs).bind(tabs);
  const getTab = (tabs.get as GetTab).bind(tabs);
  const resetTabs = (tabs.resetState as () => void).bind(tabs);
  Object.assign(tabs, {
    create: async (props: { url?: string; active?: boolean }) => {
      records.openedTabs.push({ url: props.url, active: props.active });
      return createTab(props);
    },
    remove: async (ids: number | number[]) => {
      const list = Array.isArray(ids) ? ids : [ids];
      records.closedTabs.push(...list);
      for (const id of list) {
        // The fake removes the tab, then trips over its window bookkeeping; the tab is gone.
        await removeTabs(id).catch(async (error: unknown) => {
          if (await getTab(id)) throw error;
        });
      }
    },
    resetState: () => {
      resetTabs();
      records.openedTabs = [];
      records.closedTabs = [];
    },
  });

  return records;
}
