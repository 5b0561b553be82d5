import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * A small, honest stand-in for declarativeNetRequest's dynamic rules, which
 * WXT's fakeBrowser lacks. It behaves as Chrome documents: updateDynamicRules
 * is atomic (removes, then adds, and a refused change changes nothing), ids must
 * be unique positive integers, and the rule-count limits are enforced. It also
 * says what a navigation would meet (`outcome`), by priority then action.
 *
 * Like Chrome it refuses a regexFilter whose compiled form passes RE2's memory
 * limit (about 2 KB), and answers `isRegexSupported` by the same measure. RE2's
 * real program size is not reachable from here, so `regexCost` estimates it
 * conservatively (see there): the fake refuses everything Chromium was measured
 * to refuse, and a little more.
 */

export interface DnrCondition {
  requestDomains?: string[];
  regexFilter?: string;
  isUrlFilterCaseSensitive?: boolean;
  resourceTypes?: string[];
}

export type DnrAction =
  | { type: 'redirect'; redirect: { regexSubstitution?: string; url?: string } }
  | { type: 'allow' | 'block' | 'upgradeScheme' | 'allowAllRequests' };

export interface DnrRule {
  id: number;
  priority?: number;
  action: DnrAction;
  condition: DnrCondition;
}

export interface UpdateOptions {
  removeRuleIds?: number[];
  addRules?: DnrRule[];
}

export interface FakeDnr {
  MAX_NUMBER_OF_DYNAMIC_RULES: number;
  MAX_NUMBER_OF_REGEX_RULES: number;
  getDynamicRules(): Promise<DnrRule[]>;
  updateDynamicRules(options: UpdateOptions): Promise<void>;
  isRegexSupported(options: {
    regex: string;
    isCaseSensitive?: boolean;
  }): Promise<{ isSupported: boolean; reason?: 'syntaxError' | 'memoryLimitExceeded' }>;
  resetState(): void;
  /** The installed rules (a copy). */
  installed(): DnrRule[];
  /** Every updateDynamicRules call, refused ones included. */
  updates: UpdateOptions[];
  getCalls: number;
}

const DEFAULT_LIMITS = { maxRules: 5000, maxRegexRules: 1000 };

/**
 * An estimate of RE2's instruction count for a regex: a literal character,
 * an escape, a positive class, an anchor, a quantifier and an alternation
 * cost 1 each; `.` and a negated class 4 (RE2 compiles them to several UTF-8
 * byte ranges); a capturing group 2. Case-insensitivity costs nothing (RE2
 * folds case in the same instruction; measured: no difference).
 *
 * Calibrated on Chromium 156 (`isRegexSupported`, five shapes: Hearth's own
 * pattern regex with a long Docs path and with a long host, a plain literal,
 * `a.*` repeated, `(?:d|%64)` repeated). The smallest regex Chromium refused
 * costs 109 here (Hearth's shape: `docs.google.com/document/d/` + 44
 * characters, the first refused; 43 passed). The fake refuses above
 * REGEX_BUDGET = 100, so it refuses all of those with a margin of about 8%,
 * and shapes it over-estimates (`.`, negated classes) earlier still.
 */
export const REGEX_BUDGET = 100;

export function regexCost(regex: string): number {
  let cost = 0;
  for (let i = 0; i < regex.length; ) {
    const ch = regex[i];
    if (ch === '\\') {
      cost += 1;
      i += 2;
    } else if (ch === '[') {
      let end = i + 1;
      if (regex[end] === '^') end += 1;
      if (regex[end] === ']') end += 1;
      while (end < regex.length && regex[end] !== ']') end += regex[end] === '\\' ? 2 : 1;
      cost += regex[i + 1] === '^' ? 4 : 1;
      i = end + 1;
    } else if (ch === '.') {
      cost += 4;
      i += 1;
    } else if (ch === '(') {
      if (regex.startsWith('(?:', i)) i += 3;
      else {
        cost += 2;
        i += 1;
      }
    } else if (ch === ')') {
      i += 1;
    } else {
      cost += 1;
      i += 1;
    }
  }
  return cost;
}

function regexProblem(regex: string): 'syntaxError' | 'memoryLimitExceeded' | null {
  try {
    new RegExp(regex);
  } catch {
    return 'syntaxError';
  }
  return regexCost(regex) > REGEX_BUDGET ? 'memoryLimitExceeded' : null;
}
const ACTIONS = new Set(['redirect', 'allow', 'block', 'upgradeScheme', 'allowAllRequests']);

function validate(rule: DnrRule): string | null {
  if (!Number.isInteger(rule.id) || rule.id < 1) return `Rule with id ${rule.id}: id must be >= 1`;
  const priority = rule.priority ?? 1;
  if (!Number.isInteger(priority) || priority < 1) return `Rule with id ${rule.id}: bad priority`;
  if (!ACTIONS.has(rule.action.type)) return `Rule with id ${rule.id}: bad action`;
  const { condition } = rule;
  if (condition.requestDomains !== undefined) {
    if (condition.requestDomains.length === 0)
      return `Rule with id ${rule.id}: empty requestDomains`;
    if (condition.requestDomains.some((d) => !/^[a-z0-9.-]+$/.test(d))) {
      return `Rule with id ${rule.id}: requestDomains must be lowercase ASCII`;
    }
  }
  if (condition.regexFilter !== undefined) {
    const problem = regexProblem(condition.regexFilter);
    if (problem === 'syntaxError') return `Rule with id ${rule.id}: invalid regexFilter`;
    // Chrome's own words for it.
    if (problem === 'memoryLimitExceeded')
      return `Rule with id ${rule.id} specified a more complex regex than allowed as part of the "regexFilter" key.`;
  }
  if (rule.action.type === 'redirect') {
    const { redirect } = rule.action;
    if (redirect.regexSubstitution !== undefined && condition.regexFilter === undefined) {
      return `Rule with id ${rule.id}: regexSubstitution needs a regexFilter`;
    }
    if (redirect.regexSubstitution === undefined && redirect.url === undefined) {
      return `Rule with id ${rule.id}: redirect without a target`;
    }
  }
  return null;
}

export function createFakeDnr(limits = DEFAULT_LIMITS): FakeDnr {
  let rules: DnrRule[] = [];
  const fake: FakeDnr = {
    MAX_NUMBER_OF_DYNAMIC_RULES: limits.maxRules,
    MAX_NUMBER_OF_REGEX_RULES: limits.maxRegexRules,
    updates: [],
    getCalls: 0,
    async getDynamicRules() {
      fake.getCalls += 1;
      return structuredClone(rules);
    },
    async updateDynamicRules(options) {
      fake.updates.push(structuredClone(options));
      const remove = new Set(options.removeRuleIds ?? []);
      const next = rules.filter((r) => !remove.has(r.id));
      const ids = new Set(next.map((r) => r.id));
      for (const rule of options.addRules ?? []) {
        const problem = validate(rule);
        if (problem) throw new Error(problem);
        if (ids.has(rule.id)) throw new Error(`Rule with id ${rule.id} does not have a unique ID.`);
        ids.add(rule.id);
        next.push(structuredClone(rule));
      }
      if (next.length > fake.MAX_NUMBER_OF_DYNAMIC_RULES) {
        throw new Error('Dynamic rule count exceeded.');
      }
      if (
        next.filter((r) => r.condition.regexFilter !== undefined).length >
        fake.MAX_NUMBER_OF_REGEX_RULES
      ) {
        throw new Error('Regex rule count exceeded.');
      }
      rules = next;
    },
    async isRegexSupported({ regex }) {
      const reason = regexProblem(regex);
      return reason === null ? { isSupported: true } : { isSupported: false, reason };
    },
    resetState() {
      rules = [];
      fake.updates = [];
      fake.getCalls = 0;
      fake.MAX_NUMBER_OF_DYNAMIC_RULES = limits.maxRules;
      fake.MAX_NUMBER_OF_REGEX_RULES = limits.maxRegexRules;
    },
    installed: () => structuredClone(rules),
  };
  return fake;
}

/**
 * Puts a fake onto `fakeBrowser.declarativeNetRequest`, the object `wxt/browser`
 * resolves to under WxtVitest. Its resetState runs on every fakeBrowser.reset().
 */
export function installFakeDnr(limits = DEFAULT_LIMITS): FakeDnr {
  const fake = createFakeDnr(limits);
  const target = fakeBrowser.declarativeNetRequest as unknown as Record<string, unknown>;
  // Methods are bound to `fake` by closure; state lives there, the browser object forwards.
  Object.assign(target, {
    getDynamicRules: () => fake.getDynamicRules(),
    updateDynamicRules: (options: UpdateOptions) => fake.updateDynamicRules(options),
    isRegexSupported: (options: { regex: string }) => fake.isRegexSupported(options),
    resetState: () => fake.resetState(),
  });
  Object.defineProperty(target, 'MAX_NUMBER_OF_DYNAMIC_RULES', {
    get: () => fake.MAX_NUMBER_OF_DYNAMIC_RULES,
    configurable: true,
  });
  Object.defineProperty(target, 'MAX_NUMBER_OF_REGEX_RULES', {
    get: () => fake.MAX_NUMBER_OF_REGEX_RULES,
    configurable: true,
  });
  return fake;
}

// Chrome: the highest priority wins; at equal priority allow > allowAllRequests > block >
// upgradeScheme > redirect.
const ACTION_RANK: Record<DnrAction['type'], number> = {
  allow: 5,
  allowAllRequests: 4,
  block: 3,
  upgradeScheme: 2,
  redirect: 1,
};

function ruleMatches(rule: Pick<DnrRule, 'condition'>, url: URL, type: string): boolean {
  const { condition } = rule;
  // Chrome: a rule without resourceTypes matches every type but main_frame.
  if (condition.resourceTypes ? !condition.resourceTypes.includes(type) : type === 'main_frame')
    return false;
  if (condition.requestDomains) {
    const host = url.hostname;
    if (!condition.requestDomains.some((d) => host === d || host.endsWith(`.${d}`))) return false;
  }
  if (condition.regexFilter !== undefined) {
    // Chrome's default (isUrlFilterCaseSensitive: false) matches without regard to case.
    const flags = condition.isUrlFilterCaseSensitive ? '' : 'i';
    if (!new RegExp(condition.regexFilter, flags).test(url.href)) return false;
  }
  return true;
}

export interface Outcome {
  action: DnrAction['type'] | null;
  /** Where a redirect sends the navigation. */
  redirectUrl?: string;
}

/** What a request to `href` meets (a top-level navigation unless `type` says otherwise). */
export function outcome(
  rules: readonly Omit<DnrRule, 'id'>[],
  href: string,
  type: 'main_frame' | 'sub_frame' = 'main_frame',
): Outcome {
  const url = new URL(href);
  let best: Omit<DnrRule, 'id'> | null = null;
  for (const rule of rules) {
    if (!ruleMatches(rule, url, type)) continue;
    if (
      best === null ||
      (rule.priority ?? 1) > (best.priority ?? 1) ||
      ((rule.priority ?? 1) === (best.priority ?? 1) &&
        ACTION_RANK[rule.action.type] > ACTION_RANK[best.action.type])
    ) {
      best = rule;
    }
  }
  if (best === null) return { action: null };
  if (best.action.type !== 'redirect') return { action: best.action.type };
  const { redirect } = best.action;
  if (redirect.url !== undefined) return { action: 'redirect', redirectUrl: redirect.url };
  const regex = new RegExp(
    best.condition.regexFilter ?? '',
    best.condition.isUrlFilterCaseSensitive ? '' : 'i',
  );
  const match = regex.exec(url.href);
  if (!match) return { action: null };
  // \0 is the whole match, \1-\9 the groups (Chrome's regexSubstitution syntax).
  const substituted = (redirect.regexSubstitution ?? '').replace(
    /\\(\d)/g,
    (_, n: string) => match[Number(n)] ?? '',
  );
  const full = url.href;
  const redirectUrl =
    full.slice(0, match.index) + substituted + full.slice(match.index + match[0].length);
  return { action: 'redirect', redirectUrl };
}
