import { browser } from 'wxt/browser';
import { patternRegex, patternText, type UrlEscapes } from '@/utils/sites/parse';
import { diffRules, type Rule, type RuleLimits, type RuleSpec } from '@/utils/sites/rules';
import { regexPatternsIn, shorterPaths, type TooComplex } from '@/utils/sites/site-list';

type DnrRule = Parameters<typeof browser.declarativeNetRequest.updateDynamicRules>[0]['addRules'];

/** Absolute URL of the reminder page, where blocked navigations land. */
export function reminderUrl(): string {
  return browser.runtime.getURL('/blocked.html');
}

interface RegexCheck {
  isRegexSupported?: (options: {
    regex: string;
    isCaseSensitive?: boolean;
  }) => Promise<{ isSupported: boolean; reason?: string }>;
}

/** The browser's own limits, read rather than assumed (they differ by vendor and version). */
export function ruleLimits(): RuleLimits {
  const dnr = browser.declarativeNetRequest as unknown as Record<string, unknown>;
  const num = (key: string, fallback: number) =>
    typeof dnr[key] === 'number' ? (dnr[key] as number) : fallback;
  return {
    maxRules: num(
      'MAX_NUMBER_OF_DYNAMIC_RULES',
      num('MAX_NUMBER_OF_DYNAMIC_AND_SESSION_RULES', 5000),
    ),
    maxRegexRules: num('MAX_NUMBER_OF_REGEX_RULES', 1000),
  };
}

/** Firefox can hold escape-tolerant path regexes; Chromium refuses them as too complex (measured). */
export function urlEscapes(): UrlEscapes {
  return import.meta.env.BROWSER === 'firefox' ? 'tolerant' : 'exact';
}

// The answer depends only on the regex and the browser's build: remembered for the worker's life.
const SUPPORTED = new Map<string, boolean>();

/**
 * Whether the browser can match this regex (Chrome refuses one whose compiled
 * form passes its memory limit). True where the browser cannot say.
 */
export async function regexSupported(regex: string): Promise<boolean> {
  const known = SUPPORTED.get(regex);
  if (known !== undefined) return known;
  const check = (browser.declarativeNetRequest as unknown as RegexCheck).isRegexSupported;
  if (typeof check !== 'function') return true;
  let supported = true;
  try {
    supported = (await check({ regex, isCaseSensitive: false })).isSupported;
  } catch {
    return true; // unknown: updateDynamicRules will say
  }
  if (SUPPORTED.size > 5000) SUPPORTED.clear();
  SUPPORTED.set(regex, supported);
  return supported;
}

/** A rule of one site pattern (a regex of its own), not the packed domain rule. */
const isPatternRule = (spec: RuleSpec) =>
  spec.condition.regexFilter !== undefined && spec.condition.requestDomains === undefined;

/**
 * Before a site is added: which of the typed patterns this browser cannot
 * match, each with the longest shorter address it can (null: only the host).
 */
export async function tooComplexIn(text: string): Promise<TooComplex> {
  const out = new Map<string, string | null>();
  const escapes = urlEscapes();
  for (const { text: typed, pattern } of regexPatternsIn(text)) {
    if (await regexSupported(patternRegex(pattern, escapes))) continue;
    let instead: string | null = null;
    for (const shorter of shorterPaths(pattern)) {
      if (await regexSupported(patternRegex(shorter, escapes))) {
        instead = patternText(shorter);
        break;
      }
    }
    out.set(typed, instead);
  }
  return out;
}

export interface Converged {
  added: number;
  removed: number;
  /** Desired rules the browser would not take; everything else is installed. */
  refused: RuleSpec[];
}

/**
 * Installs `desired`, touching only rules that change, in one atomic update.
 * updateDynamicRules is all-or-nothing, so one refused rule would leave the
 * evening without any: regexes are checked first (isRegexSupported) and a
 * refused one is left out; if the browser still refuses the update, each
 * new rule goes in on its own and only the ones it refuses stay out.
 */
export async function convergeRules(desired: readonly RuleSpec[]): Promise<Converged> {
  const refused: RuleSpec[] = [];
  const wanted: RuleSpec[] = [];
  for (const spec of desired) {
    const regex = spec.condition.regexFilter;
    if (regex !== undefined && isPatternRule(spec) && !(await regexSupported(regex))) {
      refused.push(spec);
      continue;
    }
    wanted.push(spec);
  }
  const dnr = browser.declarativeNetRequest;
  const installed = (await dnr.getDynamicRules()) as unknown as Rule[];
  const { removeRuleIds, addRules } = diffRules(installed, wanted);
  if (removeRuleIds.length === 0 && addRules.length === 0) return { added: 0, removed: 0, refused };
  try {
    await dnr.updateDynamicRules({ removeRuleIds, addRules: addRules as unknown as DnrRule });
    return { added: addRules.length, removed: removeRuleIds.length, refused };
  } catch (error) {
    console.warn('Hearth: the browser refused the rules as one update; trying each', error);
  }
  // Stale rules first (they may be what made room run out), then each new rule alone.
  if (removeRuleIds.length > 0) await dnr.updateDynamicRules({ removeRuleIds });
  let added = 0;
  let broken: unknown = null;
  for (const rule of addRules) {
    try {
      await dnr.updateDynamicRules({ addRules: [rule] as unknown as DnrRule });
      added += 1;
    } catch (error) {
      const { id: _id, ...spec } = rule;
      // Only a pattern's own regex rule can be "refused"; the packed domain rule failing is a failure.
      if (isPatternRule(spec)) refused.push(spec);
      else broken = error;
    }
  }
  if (broken !== null) throw broken;
  return { added, removed: removeRuleIds.length, refused };
}

/** The dynamic rules installed now. */
export async function installedRules(): Promise<Rule[]> {
  return (await browser.declarativeNetRequest.getDynamicRules()) as unknown as Rule[];
}
