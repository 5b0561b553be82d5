import { liveGrants, type Runtime } from '@/utils/runtime/runtime';
import { type ScheduleState, scheduleAt } from '@/utils/schedule/schedule';
import { PRESETS } from '@/utils/settings/presets';
import type { SettingsProblem } from '@/utils/settings/read';
import type { Settings } from '@/utils/settings/schema';
import { parseAll, type UrlEscapes } from '@/utils/sites/parse';
import type { SiteProblem } from '@/utils/sites/problems';
import {
  compileRules,
  fitToLimits,
  type RuleLimits,
  type RuleLists,
  type RuleSpec,
} from '@/utils/sites/rules';
import { MINUTE_MS } from '@/utils/time/temporal';

export interface DecideInput {
  settings: Settings;
  runtime: Runtime;
  now: number;
  timeZone: string;
  limits: RuleLimits;
  /** Absolute URL of blocked.html, where blocked navigations land. */
  reminderUrl: string;
  /** How this browser hands URLs to its rules (Firefox keeps path escapes). */
  escapes?: UrlEscapes;
}

export type Problem = { code: SettingsProblem } | SiteProblem;

/**
 * How long before the clock tightens blocking (family time starts, a
 * step-past's minutes run out) the rules already do: a woken worker needs a
 * moment (the alarm, its start, one reconcile), and a navigation in that
 * moment must meet the rules. Loosening never runs ahead: it follows the
 * clock (docs/ARCHITECTURE.md, "Order of writes").
 */
export const TIGHTEN_AHEAD_MS = 5_000;

export interface Desired {
  schedule: ScheduleState;
  /**
   * The block rules are in force: family time is on, or starts within
   * TIGHTEN_AHEAD_MS. The reminder never sends a tab back while this holds.
   */
  blocking: boolean;
  /** The lists in force now (grants only while they last); the backstop matches against them. */
  lists: RuleLists;
  /** Ids of the grants in force (only during family time). */
  grantIds: string[];
  /** DNR rules to install: none outside family time (or the TIGHTEN_AHEAD_MS before it). */
  rules: RuleSpec[];
  /** When reconcile must run next: the next edge, a grant's end, or the heads-up. */
  nextAlarmAt: number | null;
  /** When to say "family time soon", if it is still ahead. */
  headsUpAt: number | null;
  problems: SiteProblem[];
}

/**
 * Whether the block rules are in force: family time is on, or starts within
 * TIGHTEN_AHEAD_MS. Tightening by the clock converges ahead of the clock
 * (issue 15), so a worker asleep or killed at the edge cannot leave a moment
 * in which a work site loads.
 */
export function blockingAt(schedule: ScheduleState, now: number): boolean {
  return (
    schedule.active || (schedule.nextStart !== null && schedule.nextStart - now <= TIGHTEN_AHEAD_MS)
  );
}

/** Every block and allow pattern the settings name, whatever the time. */
export function siteLists(settings: Settings): { block: string[]; allow: string[] } {
  const block: string[] = [];
  for (const preset of PRESETS) if (settings.presets[preset.id]) block.push(...preset.sites);
  const allow: string[] = [];
  for (const site of settings.sites) (site.list === 'block' ? block : allow).push(site.pattern);
  return { block, allow };
}

/** The lists as they stand whatever the time (the wind-down uses them before family time starts). */
export function listsOf(settings: Settings): RuleLists {
  const texts = siteLists(settings);
  return {
    block: parseAll(texts.block).patterns,
    allow: parseAll(texts.allow).patterns,
    grants: [],
  };
}

/**
 * Settings whose lists keep away everything either one keeps away: the block
 * list of both, the allow list only where both allow, a preset on where
 * either has it on; the rest is `next`'s. A settings change converges to
 * this before it is stored (issue 15), so a new site is blocked before it is
 * recorded and a site taken off stays blocked until the change is recorded.
 */
export function stricterLists(stored: Settings, next: Settings): Settings {
  const presets = { ...next.presets };
  for (const id of Object.keys(presets) as (keyof typeof presets)[])
    presets[id] = presets[id] || stored.presets[id] === true;
  const has = (sites: Settings['sites'], list: 'block' | 'allow', pattern: string) =>
    sites.some((s) => s.list === list && s.pattern === pattern);
  const sites = [
    ...next.sites.filter((s) => s.list === 'block' || has(stored.sites, 'allow', s.pattern)),
    ...stored.sites.filter((s) => s.list === 'block' && !has(next.sites, 'block', s.pattern)),
  ];
  return { ...next, presets, sites };
}

/** The whole decision, pure: settings + runtime + now -> what the browser should look like. */
export function decide(input: DecideInput): Desired {
  const { settings, runtime, now, timeZone } = input;
  const schedule = scheduleAt(settings, runtime, now, timeZone);
  const problems: SiteProblem[] = [];

  const texts = siteLists(settings);
  const block = parseAll(texts.block);
  const allow = parseAll(texts.allow);
  const live = liveGrants(runtime.grants, now);
  const blocking = blockingAt(schedule, now);
  // Like the block rules before a start, a grant's allow rule leaves TIGHTEN_AHEAD_MS before its end.
  const opening = live.filter((g) => g.end - now > TIGHTEN_AHEAD_MS);
  const grants = parseAll(opening.map((g) => g.pattern));
  const invalid = block.invalid + allow.invalid;
  if (invalid > 0) problems.push({ code: 'invalid-sites', count: invalid });
  if (block.patterns.length === 0) problems.push({ code: 'nothing-to-block' });

  const lists: RuleLists = blocking
    ? { block: block.patterns, allow: allow.patterns, grants: grants.patterns }
    : { block: [], allow: [], grants: [] };
  const fitted = fitToLimits(compileRules(lists, input.reminderUrl, input.escapes), input.limits);
  if (fitted.dropped > 0) problems.push({ code: 'rules-dropped', count: fitted.dropped });

  const headsUpAt =
    settings.headsUp.enabled && !schedule.active && schedule.nextStart !== null
      ? schedule.nextStart - settings.headsUp.minutesBefore * MINUTE_MS
      : null;
  // Woken ahead of a tightening edge, and once more halfway should that wake be lost
  // (Firefox can drop an event that arrives while its event page is shutting down).
  const ahead = (t: number | null) =>
    t === null ? [] : [t - TIGHTEN_AHEAD_MS, t - TIGHTEN_AHEAD_MS / 2];
  const candidates = [
    schedule.nextEdge,
    ...ahead(schedule.nextStart),
    ...(schedule.active ? live.flatMap((g) => [...ahead(g.end), g.end]) : []),
    headsUpAt !== null && headsUpAt > now ? headsUpAt : null,
  ].filter((t): t is number => t !== null && t > now);
  const nextAlarmAt = candidates.length > 0 ? Math.min(...candidates) : null;

  return {
    schedule,
    blocking,
    lists,
    grantIds: schedule.active ? live.map((g) => g.id) : [],
    rules: fitted.rules,
    nextAlarmAt,
    headsUpAt: headsUpAt !== null && headsUpAt > now ? headsUpAt : null,
    problems,
  };
}
