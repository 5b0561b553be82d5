import { GRANT_PATTERN_MAX, type Grant } from '@/utils/runtime/runtime';
import type { ScheduleState } from '@/utils/schedule/schedule';
import type { Gentleness } from '@/utils/settings/schema';
import type { Verdict } from '@/utils/sites/rules';
import { MINUTE_MS } from '@/utils/time/temporal';

export const GRANT_MINUTE_CHOICES = [5, 10, 15, 30] as const;

export type StepPastError =
  | 'not-active'
  | 'not-blocked'
  | 'reason-short'
  | 'budget-spent'
  /** The calm wait, counted by the background from when the form was opened, is not over. */
  | 'too-soon'
  /** Minutes the form does not offer. */
  | 'minutes-not-offered';

/** The lengths the step-past form offers: the usual choices and the parent's own. */
export function offeredMinutes(gentleness: Gentleness): number[] {
  return [...new Set([...GRANT_MINUTE_CHOICES, gentleness.grantMinutes])].sort((a, b) => a - b);
}

/**
 * Has the calm wait passed? `openedAt` is when the background heard the form
 * open (null: it never did, e.g. a message sent by hand), so the wait cannot
 * be skipped by sending the message without the form.
 */
export function waitedEnough(
  openedAt: number | null,
  now: number,
  gentleness: Gentleness,
): boolean {
  if (gentleness.waitSeconds <= 0) return true;
  return openedAt !== null && openedAt <= now && now - openedAt >= gentleness.waitSeconds * 1000;
}

/** The reason the parent wrote is as long as they asked of themselves. */
export function reasonEnough(reason: string, gentleness: Gentleness): boolean {
  return (
    !gentleness.reasonRequired || reason.trim().length >= Math.max(1, gentleness.reasonMinLength)
  );
}

/** Step-pasts taken in the family time that is on now: the budget is per evening. */
export function stepPastsUsed(grants: readonly Grant[], schedule: ScheduleState): number {
  if (!schedule.active || schedule.since === null) return 0;
  const since = schedule.since;
  return grants.filter((g) => g.start >= since).length;
}

export function stepPastsLeft(
  gentleness: Gentleness,
  grants: readonly Grant[],
  schedule: ScheduleState,
): number {
  return Math.max(0, gentleness.budgetPerEvening - stepPastsUsed(grants, schedule));
}

/**
 * What a grant opens: the site (host, with a port if one was asked for), or
 * just this page. A page longer than a grant may store, or than the browser
 * can match (`pageFits` false), is granted as its host: a page grant the
 * browser refused would open nothing. The parent is told (`wholeSite`).
 */
export function grantPattern(url: URL, scope: Gentleness['grantScope'], pageFits = true): string {
  const { host, page } = hostAndPage(url);
  return scope === 'page' && page !== host && pageFits && page.length <= GRANT_PATTERN_MAX
    ? page
    : host;
}

function hostAndPage(url: URL): { host: string; page: string } {
  const host = url.port ? `${url.hostname}:${url.port}` : url.hostname;
  return { host, page: `${host}${url.pathname.replace(/\/+$/, '')}` };
}

/** The parent asked for this page only but got the whole site (see grantPattern). */
export function grantedWholeSite(url: URL, scope: Gentleness['grantScope'], grant: Grant): boolean {
  return scope === 'page' && grant.pattern !== hostAndPage(url).page;
}

export interface StepPastRequest {
  url: URL;
  verdict: Verdict;
  reason: string;
  minutes: number;
  now: number;
  id: string;
  /** False when the browser could not match this page's own rule (Chrome's regex limit). */
  pageFits?: boolean;
  /** When the background heard this step-past form open (null: never). */
  openedAt: number | null;
}

/** The friction the parent chose, checked once more where it counts (the background). */
export function grantStepPast(
  request: StepPastRequest,
  gentleness: Gentleness,
  grants: readonly Grant[],
  schedule: ScheduleState,
): { ok: true; grant: Grant } | { ok: false; error: StepPastError } {
  const refuse = (error: StepPastError) => ({ ok: false, error }) as const;
  if (!schedule.active || schedule.until === null) return refuse('not-active');
  if (request.verdict !== 'block') return refuse('not-blocked');
  if (!reasonEnough(request.reason, gentleness)) return refuse('reason-short');
  if (stepPastsLeft(gentleness, grants, schedule) <= 0) return refuse('budget-spent');
  if (!offeredMinutes(gentleness).includes(request.minutes)) return refuse('minutes-not-offered');
  if (!waitedEnough(request.openedAt, request.now, gentleness)) return refuse('too-soon');
  const minutes = request.minutes;
  const grant: Grant = {
    id: request.id,
    pattern: grantPattern(request.url, gentleness.grantScope, request.pageFits),
    start: request.now,
    // A grant never outlasts family time: after it, nothing is blocked anyway.
    end: Math.min(request.now + minutes * MINUTE_MS, schedule.until),
    seen: false,
  };
  return { ok: true, grant };
}
