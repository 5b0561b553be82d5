import type { ManualState } from '@/utils/schedule/schedule';
import { scheduleAt } from '@/utils/schedule/schedule';
import type { Settings } from './schema';

/**
 * Whether a settings change loosens blocking while family time is on. Pure:
 * the options page asks before applying a change, the background records
 * what the parent chose. Tightening (adding a site, a longer evening, more
 * friction) is never a loosening and applies at once.
 */
export const LOOSENINGS = [
  /** A group of common work sites switched off. */
  'preset-off',
  /** A blocked site removed (or changed to something else). */
  'site-removed',
  /** A new allowed site. */
  'site-allowed',
  /** Tonight's family time switched off (its window off or removed, a skip added, …). */
  'window-off',
  /** Tonight's family time made shorter. */
  'window-shortened',
  /** More step-pasts a evening. */
  'budget-raised',
  /** Less friction: no reason asked, a shorter reason or wait, longer grants, whole sites, ending early made easy. */
  'friction-lowered',
] as const;
export type Loosening = (typeof LOOSENINGS)[number];

export interface LooseningContext {
  runtime: ManualState;
  now: number;
  timeZone: string;
}

const siteKey = (s: Settings['sites'][number]) => `${s.list} ${s.pattern}`;

/** What in `after` is looser than `before` (nothing when family time is off now). */
export function looseningsBetween(
  before: Settings,
  after: Settings,
  { runtime, now, timeZone }: LooseningContext,
): Loosening[] {
  const was = scheduleAt(before, runtime, now, timeZone);
  if (!was.active) return [];
  const found = new Set<Loosening>();

  for (const [id, on] of Object.entries(before.presets)) {
    if (on && after.presets[id as keyof Settings['presets']] === false) found.add('preset-off');
  }
  const afterSites = new Set(after.sites.map(siteKey));
  const beforeSites = new Set(before.sites.map(siteKey));
  for (const s of before.sites) {
    if (s.list === 'block' && !afterSites.has(siteKey(s))) found.add('site-removed');
  }
  for (const s of after.sites) {
    if (s.list === 'allow' && !beforeSites.has(siteKey(s))) found.add('site-allowed');
  }

  const is = scheduleAt(after, runtime, now, timeZone);
  if (!is.active) found.add('window-off');
  else if (was.until !== null && is.until !== null && is.until < was.until)
    found.add('window-shortened');

  const g0 = before.gentleness;
  const g1 = after.gentleness;
  if (g1.budgetPerEvening > g0.budgetPerEvening) found.add('budget-raised');
  const minReason = (g: Settings['gentleness']) =>
    g.reasonRequired ? Math.max(1, g.reasonMinLength) : 0;
  if (
    minReason(g1) < minReason(g0) ||
    g1.waitSeconds < g0.waitSeconds ||
    g1.grantMinutes > g0.grantMinutes ||
    (g0.grantScope === 'page' && g1.grantScope === 'host') ||
    (g0.endEarlyNeedsFriction && !g1.endEarlyNeedsFriction)
  ) {
    found.add('friction-lowered');
  }
  return LOOSENINGS.filter((l) => found.has(l));
}
