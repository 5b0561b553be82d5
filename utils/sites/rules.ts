import {
  isPlainDomain,
  minimalDomains,
  type PathMatch,
  patternMatches,
  patternRegex,
  patternText,
  type SitePattern,
  type UrlEscapes,
} from '@/utils/sites/parse';

/** A declarativeNetRequest rule without its id; ids are handed out by the diff. */
export interface RuleSpec {
  priority: number;
  action: { type: 'redirect'; redirect: { regexSubstitution: string } } | { type: 'allow' };
  condition: {
    requestDomains?: string[];
    regexFilter?: string;
    /**
     * Said out loud on every regex rule (Firefox before 118 defaulted to true):
     * false for blocking, so "/Document" cannot walk past "/document"; true
     * for allow entries and grants, which open exactly the page named.
     */
    isUrlFilterCaseSensitive?: boolean;
    resourceTypes: ResourceTypes;
  };
}

export interface Rule extends RuleSpec {
  id: number;
}

export interface RuleLists {
  block: SitePattern[];
  allow: SitePattern[];
  /** Step-past grants: win over everything while they last. */
  grants: SitePattern[];
}

export interface RuleLimits {
  maxRules: number;
  maxRegexRules: number;
}

const PRIORITY = { block: 1, allow: 2, grant: 3 } as const;
/** A work site embedded in another page (an <iframe> of a Doc) is kept away as well. */
export type ResourceTypes = ['main_frame', 'sub_frame'];
const FRAMES: ResourceTypes = ['main_frame', 'sub_frame'];

/**
 * The fewest rules that say the lists: every plain domain of a list packs into
 * one rule (so the count does not grow with the list), and each pattern with a
 * port or path gets a regex rule of its own.
 */
export function compileRules(
  lists: RuleLists,
  reminderUrl: string,
  escapes: UrlEscapes = 'exact',
): RuleSpec[] {
  const redirect = {
    type: 'redirect' as const,
    redirect: { regexSubstitution: `${reminderUrl}#\\0` },
  };
  const allow = { type: 'allow' as const };
  const rules: RuleSpec[] = [];
  const add = (
    patterns: SitePattern[],
    priority: number,
    action: RuleSpec['action'],
    match: PathMatch,
  ) => {
    const domains = minimalDomains(patterns.filter(isPlainDomain).map((p) => p.host));
    if (domains.length > 0) {
      rules.push({
        priority,
        action,
        // A redirect needs the regex to capture the whole URL; allow rules do not.
        condition:
          action.type === 'redirect'
            ? { requestDomains: domains, regexFilter: '^.*$', resourceTypes: FRAMES }
            : { requestDomains: domains, resourceTypes: FRAMES },
      });
    }
    const seen = new Set<string>();
    for (const p of patterns) {
      if (isPlainDomain(p)) continue;
      const regexFilter = patternRegex(p, match === 'wide' ? escapes : 'exact');
      if (seen.has(regexFilter)) continue;
      seen.add(regexFilter);
      rules.push({
        priority,
        action,
        condition: {
          regexFilter,
          isUrlFilterCaseSensitive: match === 'exact',
          resourceTypes: FRAMES,
        },
      });
    }
  };
  add(lists.block, PRIORITY.block, redirect, 'wide');
  add(lists.allow, PRIORITY.allow, allow, 'exact');
  add(lists.grants, PRIORITY.grant, allow, 'exact');
  return rules;
}

/**
 * The patterns some regex rules were compiled from, as text, so the parent can
 * be told which site the browser would not take (a packed domain rule names none).
 */
export function patternsOfRules(
  lists: RuleLists,
  rules: readonly RuleSpec[],
  escapes: UrlEscapes = 'exact',
): string[] {
  const regexes = new Set(rules.map((r) => r.condition.regexFilter));
  const names = new Set<string>();
  const named = (patterns: SitePattern[], how: UrlEscapes) => {
    for (const p of patterns) {
      if (!isPlainDomain(p) && regexes.has(patternRegex(p, how))) names.add(patternText(p));
    }
  };
  named(lists.block, escapes);
  named([...lists.allow, ...lists.grants], 'exact');
  return [...names];
}

export function countRegexRules(rules: readonly RuleSpec[]): number {
  return rules.filter((r) => r.condition.regexFilter !== undefined).length;
}

/**
 * Cuts a rule list that would not fit the browser's limits, so the rest still
 * installs (one refused rule would fail the whole atomic update). The packed
 * domain rule comes first and is always kept; the caller reports what was cut.
 */
export function fitToLimits(
  rules: readonly RuleSpec[],
  limits: RuleLimits,
): { rules: RuleSpec[]; dropped: number } {
  const kept: RuleSpec[] = [];
  let regex = 0;
  let dropped = 0;
  for (const rule of rules) {
    const isRegex = rule.condition.regexFilter !== undefined;
    if (kept.length >= limits.maxRules || (isRegex && regex >= limits.maxRegexRules)) {
      dropped += 1;
      continue;
    }
    if (isRegex) regex += 1;
    kept.push(rule);
  }
  return { rules: kept, dropped };
}

export type Verdict = 'grant' | 'allow' | 'block' | null;

/** What the rules decide for a URL, by the same priorities: the navigation backstop uses it. */
export function classifyUrl(lists: RuleLists, url: string): Verdict {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const hit = (patterns: SitePattern[], match: PathMatch) =>
    patterns.some((p) => patternMatches(p, parsed, match));
  if (hit(lists.grants, 'exact')) return 'grant';
  if (hit(lists.allow, 'exact')) return 'allow';
  if (hit(lists.block, 'wide')) return 'block';
  return null;
}

/** Field by field, so a browser that echoes rules back with keys reordered still matches. */
const ruleKey = (r: RuleSpec) =>
  JSON.stringify([
    r.priority,
    r.action.type,
    r.action.type === 'redirect' ? r.action.redirect.regexSubstitution : null,
    r.condition.requestDomains ?? null,
    r.condition.regexFilter ?? null,
    // Rules installed by an older Hearth said true; the browser may echo false or leave it out.
    (r.condition as { isUrlFilterCaseSensitive?: boolean }).isUrlFilterCaseSensitive === true,
    r.condition.resourceTypes,
  ]);

/**
 * The change that turns the installed rules into the desired ones: rules that
 * stay are untouched (same id), so updateDynamicRules gets the smallest atomic swap.
 */
export function diffRules(
  installed: readonly Rule[],
  desired: readonly RuleSpec[],
): { removeRuleIds: number[]; addRules: Rule[] } {
  const installedByKey = new Map<string, Rule>();
  const removeRuleIds: number[] = [];
  for (const rule of installed) {
    const key = ruleKey(rule);
    if (installedByKey.has(key)) removeRuleIds.push(rule.id);
    else installedByKey.set(key, rule);
  }
  const usedIds = new Set(installed.map((r) => r.id));
  const desiredKeys = new Set<string>();
  const addRules: Rule[] = [];
  let nextId = 1;
  for (const spec of desired) {
    const key = ruleKey(spec);
    if (desiredKeys.has(key)) continue;
    desiredKeys.add(key);
    if (installedByKey.has(key)) continue;
    while (usedIds.has(nextId)) nextId += 1;
    usedIds.add(nextId);
    addRules.push({ id: nextId, ...spec });
  }
  for (const [key, rule] of installedByKey) if (!desiredKeys.has(key)) removeRuleIds.push(rule.id);
  return { removeRuleIds: removeRuleIds.sort((a, b) => a - b), addRules };
}
