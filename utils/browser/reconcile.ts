import { browser } from 'wxt/browser';
import { type Desired, decide } from '../decide';
import { formatClock } from '../format';
import type { Status } from '../messages';
import { classifyUrl } from '../rules';
import { systemTimeZone } from '../temporal';
import { convergeRules, ruleLimits } from './dnr';
import { t, uiLanguage } from './i18n';
import { loadEnforced, loadRuntime, loadSettings, saveEnforced } from './storage';

export const ALARMS = { edge: 'hearth-edge', heartbeat: 'hearth-heartbeat' } as const;
const HEARTBEAT_MINUTES = 1;
const BADGE_COLOR = '#2f6f6a';

export function reminderUrl(): string {
  return browser.runtime.getURL('/blocked.html');
}

export function reminderUrlFor(originalUrl: string): string {
  return `${reminderUrl()}#${originalUrl}`;
}

/** Reads everything decide needs from storage, fresh each time. */
export async function currentDesired(now = Date.now()): Promise<Desired> {
  const [{ settings, problems }, runtime] = await Promise.all([loadSettings(), loadRuntime()]);
  const desired = decide({
    settings,
    runtime,
    now,
    timeZone: systemTimeZone(),
    limits: ruleLimits(),
    reminderUrl: reminderUrl(),
  });
  return { ...desired, problems: [...problems.map((code) => ({ code })), ...desired.problems] };
}

export async function hasHostAccess(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: ['http://*/*', 'https://*/*'] });
  } catch {
    return false;
  }
}

export async function statusOf(desired: Desired): Promise<Status> {
  const { schedule } = desired;
  return {
    active: schedule.active,
    until: schedule.until,
    nextStart: schedule.nextStart,
    source: schedule.source,
    label: schedule.label,
    timeZone: systemTimeZone(),
    hostAccess: await hasHostAccess(),
    problems: desired.problems,
  };
}

/** Sends every open tab on a now-blocked site to the reminder, keeping its URL. */
async function redirectOpenTabs(desired: Desired): Promise<number> {
  const tabs = await browser.tabs.query({ url: ['http://*/*', 'https://*/*'] });
  let moved = 0;
  for (const tab of tabs) {
    if (tab.id === undefined || !tab.url || classifyUrl(desired.lists, tab.url) !== 'block') continue;
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
    ? t('badgeTitleActive', schedule.until === null ? '' : formatClock(schedule.until, timeZone, locale))
    : schedule.nextStart !== null
      ? t('badgeTitleNext', formatClock(schedule.nextStart, timeZone, locale))
      : t('extName');
  await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOR });
  await browser.action.setBadgeText({ text: schedule.active ? t('badgeOn') : '' });
  await browser.action.setTitle({ title });
}

async function scheduleAlarms(nextAlarmAt: number | null): Promise<void> {
  const edge = await browser.alarms.get(ALARMS.edge);
  if (nextAlarmAt === null) {
    if (edge) await browser.alarms.clear(ALARMS.edge);
  } else if (!edge || edge.scheduledTime !== nextAlarmAt) {
    await browser.alarms.create(ALARMS.edge, { when: nextAlarmAt });
  }
  // The heartbeat heals a missed edge (sleep, a killed worker); alarms may not survive a restart.
  if (!(await browser.alarms.get(ALARMS.heartbeat))) {
    await browser.alarms.create(ALARMS.heartbeat, { periodInMinutes: HEARTBEAT_MINUTES });
  }
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * The one thing every trigger calls: read storage, decide, converge the
 * browser. Idempotent; runs are queued so two triggers never interleave.
 */
export function reconcile(now: () => number = Date.now): Promise<Desired> {
  const run = queue.then(async () => {
    const at = now();
    const desired = await currentDesired(at);
    await convergeRules(desired.rules);
    const enforced = await loadEnforced();
    const grantIds = desired.lists.grants.length;
    if (desired.schedule.active && (!enforced.active || enforced.grants > grantIds)) {
      await redirectOpenTabs(desired);
    }
    if (enforced.active !== desired.schedule.active || enforced.grants !== grantIds) {
      await saveEnforced({ active: desired.schedule.active, grants: grantIds });
    }
    await showBadge(desired);
    await scheduleAlarms(desired.nextAlarmAt);
    return desired;
  });
  queue = run.catch((error) => console.error('Hearth: reconcile failed', error));
  return run;
}
