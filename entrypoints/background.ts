import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { weekHeadline } from '@/components/text/week';
import { handleMessage } from '@/utils/browser/actions';
import { catchEarly, forgetSelfServedOrigins } from '@/utils/browser/backstop';
import { grantTabs } from '@/utils/browser/grant-tabs';
import { compactHistory, drainPrivateHistory, isInboxChange } from '@/utils/browser/history-store';
import { refreshPrivatePhotos } from '@/utils/browser/private-photos';
import { ALARMS, FIRST_RECONCILE_MARK, NOTIFICATIONS, reconcile } from '@/utils/browser/reconcile';
import { KEYS } from '@/utils/browser/storage';
import { createBrowserSync, onStorageChangedForSync, SYNC_ALARM } from '@/utils/browser/sync';
import {
  giveWeeklyNote,
  WEEKLY_NOTE_ALARM,
  WEEKLY_NOTE_NOTIFICATION,
} from '@/utils/browser/weekly-note';
import { type MessageSender, parseMessage, senderAllowed } from '@/utils/messages';
import { systemTimeZone } from '@/utils/time/temporal';

// Wiring only. Every listener is registered synchronously at the top so a
// woken worker hears the event that woke it, and each one reads what it needs
// from storage: nothing that matters is kept in memory.
export default defineBackground(() => {
  // Every start converges before anything else it does (issue 15): a worker
  // killed half-way through an action left storage and the rules apart, and
  // this is where they meet again. Every listener below waits for it.
  // The mark lets `npm run bench` time the background's own start (bench/pages.ts).
  const started = reconcile().then(
    () => void performance.mark(FIRST_RECONCILE_MARK),
    () => undefined,
  );
  const afterStart = <T>(work: () => Promise<T>): Promise<T> => started.then(() => work());
  // A step-past lasts while the parent stays on the site; leaving it closes the door again.
  // Tabs are listened to only while a grant is live (utils/browser/grant-tabs.ts), so an
  // ordinary navigation or tab update never wakes this background.
  const grants = grantTabs((work) => void afterStart(work));
  void afterStart(() => grants.follow());

  // Chrome's private windows run a copy of Hearth with an IndexedDB of its own
  // (docs/ARCHITECTURE.md "Private windows"): the regular copy takes in what
  // they recorded, and keeps their reminder's photos. Both are no-ops in the
  // private copy and in Firefox.
  const drain = () =>
    void afterStart(drainPrivateHistory).catch((error) =>
      console.error('Hearth: could not take in the private windows’ history', error),
    );
  drain();
  void afterStart(refreshPrivatePhotos).catch((error) =>
    console.error('Hearth: could not refresh the private windows’ photos', error),
  );
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && isInboxChange(changes)) drain();
  });

  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    await afterStart(() => reconcile());
    if (reason === 'install')
      await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
    if (reason === 'update') await forgetSelfServedOrigins();
  });
  browser.runtime.onStartup.addListener(() => void afterStart(() => reconcile()));
  // History stays bounded: older entries fold into per-evening counts, once a browser start.
  browser.runtime.onStartup.addListener(
    () => void afterStart(() => compactHistory(Date.now(), systemTimeZone())),
  );
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARMS.edge || alarm.name === ALARMS.heartbeat)
      void afterStart(() => reconcile().then(() => grants.follow()));
    if (alarm.name === WEEKLY_NOTE_ALARM)
      void afterStart(() =>
        giveWeeklyNote(alarm.scheduledTime, weekHeadline).finally(() => reconcile()),
      );
  });
  browser.storage.onChanged.addListener((changes, area) => {
    const watched = [KEYS.settings, KEYS.runtime, KEYS.quietNotifications, KEYS.weeklyNote];
    if (area === 'local' && watched.some((key) => key in changes))
      void afterStart(() => reconcile());
    if (area === 'local' && KEYS.runtime in changes) void afterStart(() => grants.follow());
  });
  // Settings follow the parent: local edits go out to storage.sync, other
  // devices' come in (and their settings change reconciles, just above).
  const sync = createBrowserSync();
  browser.storage.onChanged.addListener(
    (changes, area) => void afterStart(async () => onStorageChangedForSync(sync, changes, area)),
  );
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM || alarm.name === ALARMS.heartbeat)
      void afterStart(() => sync.flush());
  });
  browser.runtime.onStartup.addListener(() => void afterStart(() => sync.flush()));
  browser.runtime.onInstalled.addListener(() => void afterStart(() => sync.flush()));
  browser.commands.onCommand.addListener((command) => {
    if (command === 'start-family-time')
      void afterStart(() => handleMessage({ type: 'startFamilyTime' }));
  });
  // Only Hearth's own pages (utils/messages.ts senderAllowed); anything else gets no answer.
  const base = new URL(browser.runtime.getURL('/'));
  const ownOrigin = `${base.protocol}//${base.host}`;
  browser.runtime.onMessage.addListener((raw: unknown, sender: MessageSender) => {
    const message = parseMessage(raw);
    if (
      !message ||
      !senderAllowed(message.type, sender, { id: browser.runtime.id, origin: ownOrigin })
    )
      return undefined;
    return afterStart(async () => {
      const answer = await handleMessage(message, Date.now(), {
        tabId: sender.tab?.id,
        url: sender.url,
      });
      // Listening to tabs before the reminder hears "granted" and goes on to the site.
      if (message.type === 'stepPast') await grants.follow();
      return answer;
    });
  });

  const openWindDown = () => browser.tabs.create({ url: browser.runtime.getURL('/winddown.html') });
  browser.notifications.onClicked.addListener((id) => {
    if (id === NOTIFICATIONS.saved) void afterStart(() => handleMessage({ type: 'reopenSaved' }));
    if (id === NOTIFICATIONS.headsUp) void openWindDown();
    if (id === WEEKLY_NOTE_NOTIFICATION)
      void browser.tabs.create({ url: browser.runtime.getURL('/options.html#your-week') });
  });
  browser.notifications.onButtonClicked?.addListener((id) => {
    if (id === NOTIFICATIONS.headsUp) void openWindDown();
  });
  // Before a top-level navigation starts: storage says family time but the rules are
  // missing (reconcile at once, issue 15), or an escaped path walks past an exact rule
  // (utils/browser/backstop.ts). A site its own service worker answers is stopped
  // before it paints by the registered page catch (utils/browser/page-catch.ts).
  const web = { url: [{ schemes: ['http', 'https'] }] };
  browser.webNavigation.onBeforeNavigate.addListener(({ tabId, frameId, url }) => {
    if (frameId === 0) void afterStart(() => catchEarly(tabId, url));
  }, web);
});
