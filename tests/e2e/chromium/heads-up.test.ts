import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../utils/settings/schema';
import {
  type ExtensionApi,
  HearthBrowser,
  NO_RUNTIME,
  pollFor,
  zonedNow,
} from '../../harness/chromium';
import { addWindow, hhmm, openOptions, waitForStored } from '../support/options-page';

declare const chrome: ExtensionApi;

const HEADS_UP_ID = 'hearth-heads-up';
/** How late the notification may come after its moment (alarm delivery plus a reconcile). */
const LATE_MS = 5_000;

/**
 * The heads-up before family time, set up on the settings page: "Minutes
 * before" = 1 and a window that starts a little over a minute from now.
 *
 * How it is observed: headless Chromium shows no notification anywhere a test
 * can look (no message center, no OS popup), so the observation is
 * chrome.notifications.getAll() in Hearth's service worker, which lists the
 * notifications Chromium holds for the extension. It is polled; the test
 * asserts it is absent at every look before the moment, and present within
 * a few seconds after it.
 */
describe('Chromium: the heads-up notification', () => {
  let hearth: HearthBrowser;

  beforeAll(async () => {
    hearth = await HearthBrowser.launch();
    // No windows, so nothing else can be due; heads-up on (the default), 10 minutes.
    await hearth.arrange({
      settings: { ...defaultSettings(), windows: [], sites: [] },
      runtime: NO_RUNTIME,
    });
    await hearth.settle(false);
  });

  afterAll(async () => {
    await hearth?.close();
  });

  const notificationIds = () =>
    hearth.inWorker(async () => Object.keys(await chrome.notifications.getAll()), undefined);

  it('comes "Minutes before" the start of a window, not earlier, and once', async () => {
    const options = await openOptions(hearth);
    const minutes = options.getByRole('spinbutton', { name: 'Minutes before' });
    await options.getByRole('checkbox', { name: 'Give me a heads-up before family time' }).check();
    await minutes.fill('1');
    await waitForStored(hearth, 'a one-minute heads-up', (s) => s.headsUp.minutesBefore === 1);

    // The heads-up is due at the first whole minute at least 15 s away; the window starts a
    // minute after that (the form takes whole minutes).
    const dueAt = zonedNow()
      .add({ seconds: 15 })
      .round({ smallestUnit: 'minute', roundingMode: 'ceil' });
    const start = dueAt.add({ minutes: 1 });
    await addWindow(options, {
      name: 'Bath time',
      days: [start.dayOfWeek],
      start: hhmm(start),
      end: hhmm(start.add({ minutes: 30 })),
    });
    await waitForStored(hearth, 'the Bath time window', (s) =>
      s.windows.some((w) => w.label === 'Bath time'),
    );
    const due = dueAt.epochMilliseconds;
    expect(Date.now()).toBeLessThan(due);
    // The background has its alarm set for that moment.
    await pollFor('the edge alarm at the heads-up moment', async () => {
      const alarm = await hearth.inWorker(() => chrome.alarms.get('hearth-edge'), undefined);
      return alarm?.scheduledTime === due ? true : undefined;
    });

    const looks: { at: number; present: boolean }[] = [];
    const seenAt = await pollFor(
      'the heads-up notification',
      async () => {
        const present = (await notificationIds()).includes(HEADS_UP_ID);
        const at = Date.now();
        looks.push({ at, present });
        return present ? at : undefined;
      },
      due - Date.now() + LATE_MS + 5_000,
      250,
    );

    const early = looks.filter((l) => l.present && l.at < due);
    expect(early, 'seen before its moment').toEqual([]);
    expect(looks.filter((l) => !l.present && l.at < due).length).toBeGreaterThan(0);
    expect(seenAt - due).toBeLessThan(LATE_MS);

    // Family time itself is not on yet; the notification is the only sign.
    expect((await hearth.enforcement()).badge).toBe('');
    // Once: a later reconcile (any settings change) does not say it again.
    // The heartbeat alarm is re-created only at the end of a reconcile (after the heads-up
    // step): with it cleared first, its return says the reconcile for this change has run.
    await hearth.inWorker(() => chrome.notifications.clear('hearth-heads-up'), undefined);
    await hearth.inWorker(() => chrome.alarms.clear('hearth-heartbeat'), undefined);
    await options.getByRole('checkbox', { name: /^Chat\b/ }).uncheck();
    await waitForStored(hearth, 'Chat off', (s) => !s.presets.chat);
    await pollFor('the reconcile after the change (heartbeat alarm set again)', async () =>
      (await hearth.inWorker(() => chrome.alarms.get('hearth-heartbeat'), undefined))
        ? true
        : undefined,
    );
    expect(await notificationIds()).not.toContain(HEADS_UP_ID);
    await options.close();
  });
});
