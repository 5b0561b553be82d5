import { browser } from 'wxt/browser';
import { appendHistory } from '@/utils/browser/history-store';
import { type Desired, decide } from '@/utils/decide';
import { edgesBetween } from '@/utils/edges';
import type { Status } from '@/utils/messages';
import type { Runtime } from '@/utils/runtime/runtime';
import { headsUpDue, minutesUntil } from '@/utils/schedule/heads-up';
import type { Settings } from '@/utils/settings/schema';
import { reminderAddress } from '@/utils/sites/page-catch';
import type { SiteProblem } from '@/utils/sites/problems';
import { classifyUrl, patternsOfRules } from '@/utils/sites/rules';
import type { ClockReading } from '@/utils/time/clock-jump';
import { formatClock } from '@/utils/time/format';
import { systemTimeZone } from '@/utils/time/temporal';
import { holdThroughClockMove, noteClock, systemClock } from './clock';
import { convergeRules, reminderUrl, ruleLimits, urlEscapes } from './dnr';
import { t, uiLanguage } from './i18n';
import { convergePageCatch } from './page-catch';
import { quietWorkNotifications } from './quiet-notifications';
import { readStatus } from './status';
import {
  loadEnforced,
  loadHeadsUpSaidFor,
  loadRuntime,
  loadSaved,
  loadSettings,
  type ReconcileStep,
  saveEnforced,
  saveEnforcementReport,
  saveHeadsUpSaidFor,
} from './storage';
import { webTabs } from './tabs';
import { scheduleWeeklyNote } from './weekly-note';

export const ALARMS = { edge: 'hearth-edge', heartbeat: 'hearth-heartbeat' } as const;
/** A performance mark the background sets when its first reconcile after starting has finished. */
export const FIRST_RECONCILE_MARK = 'hearth-first-reconcile';
export const NOTIFICATIONS = { saved: 'hearth-saved', headsUp: 'hearth-heads-up' } as const;
const HEARTBEAT_MINUTES = 1;
const BADGE_COLOR = '#2f6f6a';

export { reminderUrl };

export function reminderUrlFor(originalUrl: string): string {
  return reminderAddress(reminderUrl(), originalUrl);
}

/** The decision for these settings and runtime, stored or about to be (actions.ts converges first). */
export function decideFor(settings: Settings, runtime: Runtime, now: number): Desired {
  return decide({
    settings,
    runtime,
    now,
    timeZone: systemTimeZone(),
    limits: ruleLimits(),
    reminderUrl: reminderUrl(),
    escapes: urlEscapes(),
  });
}

/** Reads everything decide needs from storage, fresh each time, and decides. */
async function readState(now: number) {
  const [{ settings }, runtime] = await Promise.all([loadSettings(), loadRuntime()]);
  return { settings, runtime, desired: decideFor(settings, runtime, now) };
}

export async function currentDesired(now = Date.now()): Promise<Desired> {
  return (await readState(now)).desired;
}

/** Everything a page shows, from one read of storage. */
export function currentStatus(now = Date.now()): Promise<Status> {
  // The same definition (utils/status.ts) the pages compute for themselves.
  return readStatus(now);
}

/** Sends every open tab on a now-blocked site to the reminder, keeping its URL. */
async function redirectOpenTabs(desired: Desired): Promise<number> {
  let moved = 0;
  for (const tab of await webTabs()) {
    if (classifyUrl(desired.lists, tab.url) !== 'block') continue;
    await browser.tabs.update(tab.id, { url: reminderUrlFor(tab.url) }).catch(() => undefined);
    moved += 1;
  }
  return moved;
}

async function showBadge(desired: Desired): Promise<void> {
  const { schedule } = desired;
  const timeZone = systemTimeZone();
  const locale = uiLanguage();
  const title = schedule.active
    ? t(
        'badgeTitleActive',
        schedule.until === null ? '' : formatClock(schedule.until, timeZone, locale),
      )
    : schedule.nextStart !== null
      ? t('badgeTitleNext', formatClock(schedule.nextStart, timeZone, locale))
      : t('extName');
  await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  await browser.action.setBadgeText({ text: schedule.active ? t('badgeOn') : '' });
  await browser.action.setTitle({ title });
}

/** `undefined`: the next edge is not known (state could not be read); the heartbeat still is made sure of. */
async function scheduleAlarms(nextAlarmAt: number | null | undefined): Promise<void> {
  const edge = nextAlarmAt === undefined ? undefined : await browser.alarms.get(ALARMS.edge);
  if (nextAlarmAt === undefined) {
    // leave the edge alarm as it is
  } else if (nextAlarmAt === null) {
    if (edge) await browser.alarms.clear(ALARMS.edge);
  } else if (!edge || edge.scheduledTime !== nextAlarmAt) {
    await browser.alarms.create(ALARMS.edge, { when: nextAlarmAt });
  }
  // The heartbeat heals a missed edge (sleep, a killed worker); alarms may not survive a restart.
  if (!(await browser.alarms.get(ALARMS.heartbeat))) {
    await browser.alarms.create(ALARMS.heartbeat, { periodInMinutes: HEARTBEAT_MINUTES });
  }
}

/** "3 pages saved for after": one click opens them again. */
async function offerSavedPages(): Promise<void> {
  const saved = await loadSaved();
  if (saved.length === 0) return;
  await browser.notifications.create(NOTIFICATIONS.saved, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: t('savedNotificationTitle'),
    message:
      saved.length === 1
        ? t('savedNotificationOne')
        : t('savedNotificationMany', String(saved.length)),
  });
}

/** "Family time in 10 minutes — a good moment to wrap up", once per start. */
async function giveHeadsUp(settings: Settings, desired: Desired, now: number): Promise<void> {
  const { schedule } = desired;
  if (
    !headsUpDue(settings.headsUp, schedule, now, await loadHeadsUpSaidFor()) ||
    schedule.nextStart === null
  )
    return;
  await saveHeadsUpSaidFor(schedule.nextStart);
  const options = {
    type: 'basic' as const,
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title:
      minutesUntil(schedule.nextStart, now) === 1
        ? t('headsUpTitleOne')
        : t('headsUpTitle', String(minutesUntil(schedule.nextStart, now))),
    message: t('headsUpMessage'),
  };
  // Firefox has no notification buttons; a click on the notification opens the wind-down there.
  await browser.notifications
    .create(NOTIFICATIONS.headsUp, {
      ...options,
      buttons: [{ title: t('headsUpWindDown') }],
    } as typeof options)
    .catch(() => browser.notifications.create(NOTIFICATIONS.headsUp, options));
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * The one thing every trigger calls: read storage, decide, converge the
 * browser. Idempotent; runs are queued so two triggers never interleave.
 *
 * Each step runs guarded on its own: a refused rule, a closed tab or a full
 * IndexedDB never keeps the badge, the history, the start-edge redirect or
 * the alarms from happening. The alarms run in `finally`, whatever happened
 * before: the heartbeat is what tries again a minute later. What failed is
 * stored (enforcementReport) for Coverage to tell the parent.
 *
 * `clock` reads the clocks to notice a jump or a time-zone change (issue 11;
 * ./clock.ts): the system's when reconcile runs on the real clock, none when
 * a test hands it a made-up `now` (unless the test hands a clock too).
 */
export function reconcile(
  now: () => number = Date.now,
  clock: ((at: number) => ClockReading) | null = now === Date.now ? systemClock : null,
): Promise<Desired> {
  const run = queue.then(async () => {
    const at = now();
    const failed: ReconcileStep[] = [];
    const step = async <T>(name: ReconcileStep, work: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await work();
      } catch (error) {
        console.error(`Hearth: reconcile step "${name}" failed`, error);
        if (!failed.includes(name)) failed.push(name);
        return undefined;
      }
    };
    let nextAlarmAt: number | null | undefined;
    let refused: string[] = [];
    // Undefined when nothing was decided (the read failed): the stored ones stand.
    let problems: SiteProblem[] | undefined;
    try {
      // Before anything is read for deciding: a clock that moved during family time is held first.
      const reading = clock?.(at);
      const seen =
        reading &&
        (await step('clock', () =>
          // Holding is a tightening: its rules and page catch go in before it is recorded.
          holdThroughClockMove(reading, async (held) => {
            const ahead = decideFor((await loadSettings()).settings, held, at);
            await convergeRules(ahead.rules);
            await convergePageCatch(ahead.lists).catch((error) =>
              console.error('Hearth: could not register the page catch', error),
            );
          }),
        ));
      let state: [Awaited<ReturnType<typeof readState>>, Awaited<ReturnType<typeof loadEnforced>>];
      try {
        state = await Promise.all([readState(at), loadEnforced()]);
      } catch (error) {
        failed.push('read');
        throw error;
      }
      const [{ desired, runtime, settings }, previous] = state;
      nextAlarmAt = desired.nextAlarmAt;
      problems = desired.problems;
      const converged = await step('rules', () => convergeRules(desired.rules));
      if (converged) refused = patternsOfRules(desired.lists, converged.refused, urlEscapes());
      // With the rules, before anything is recorded: the script that stops a site its own
      // service worker answers (no request, so no rule sees it) before it paints.
      await step('page-catch', () => convergePageCatch(desired.lists));
      await step('quiet-notifications', () => quietWorkNotifications(desired));
      const edges = edgesBetween(previous, desired, runtime, at);
      if (edges.changed) await step('edges', () => saveEnforced(edges.next));
      for (const entry of edges.history) await step('history', () => appendHistory(entry));
      if (edges.started || edges.grantClosed) await step('tabs', () => redirectOpenTabs(desired));
      if (edges.ended) await step('saved', offerSavedPages);
      await step('heads-up', () => giveHeadsUp(settings, desired, at));
      await step('badge', () => showBadge(desired));
      if (seen) await step('clock', () => noteClock(seen, desired));
      return desired;
    } finally {
      await step('alarms', () => scheduleAlarms(nextAlarmAt));
      await step('alarms', () => scheduleWeeklyNote(at));
      await saveEnforcementReport({ refused, failed, problems }).catch((error) =>
        console.error('Hearth: could not store what reconcile could not do', error),
      );
    }
  });
  queue = run.catch((error) => console.error('Hearth: reconcile failed', error));
  return run;
}

// ---- ordered writes (issue 15; docs/ARCHITECTURE.md "Order of writes") ----

/**
 * Runs `fn` in the reconcile queue: no reconcile interleaves with it. An
 * action that converges the rules before it records its intention runs here,
 * so a reconcile that read storage before the record cannot undo the rules
 * after they were converged.
 */
export function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn);
  queue = run.catch((error) => console.error('Hearth: ordered write failed', error));
  return run;
}

/** Resolves once every reconcile queued so far has run (whatever its outcome). */
export function settled(): Promise<void> {
  return exclusive(async () => undefined);
}
