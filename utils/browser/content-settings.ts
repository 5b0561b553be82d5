import { browser } from 'wxt/browser';

/**
 * The one door to chrome.contentSettings.notifications (Chrome, Edge).
 * Firefox has no contentSettings at all: every function here then does
 * nothing and says so, it never throws for a missing API.
 */

type NotificationSetting = 'allow' | 'block' | 'ask';

interface NotificationContentSetting {
  set(details: {
    primaryPattern: string;
    setting: NotificationSetting;
    scope?: 'regular';
  }): Promise<void>;
  /** Clears every notification setting this extension made, and only those. */
  clear(details: { scope?: 'regular' }): Promise<void>;
}

function notificationSettings(): NotificationContentSetting | null {
  const api = (
    browser as unknown as { contentSettings?: { notifications?: NotificationContentSetting } }
  ).contentSettings;
  return api?.notifications ?? null;
}

/** Whether this browser lets Hearth quiet a site's notifications. */
export function quietNotificationsAvailable(): boolean {
  return notificationSettings() !== null;
}

/**
 * Lays "block" over each pattern, in the regular scope (incognito inherits it).
 * A pattern the browser refuses is left out, not fatal: the rest still go
 * quiet. Answers the refused ones.
 */
export async function blockNotifications(patterns: readonly string[]): Promise<string[]> {
  const api = notificationSettings();
  if (!api) return [...patterns];
  const refused: string[] = [];
  for (const primaryPattern of patterns) {
    try {
      await api.set({ primaryPattern, setting: 'block', scope: 'regular' });
    } catch (error) {
      console.error(`Hearth: the browser refused to quiet ${primaryPattern}`, error);
      refused.push(primaryPattern);
    }
  }
  return refused;
}

/** Takes back every notification setting Hearth made; the parent's own show through again. */
export async function clearNotificationSettings(): Promise<void> {
  await notificationSettings()?.clear({ scope: 'regular' });
}
