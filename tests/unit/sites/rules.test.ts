import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseSite, type SitePattern } from '@/utils/sites/parse';
import {
  classifyUrl,
  compileRules,
  diffRules,
  fitToLimits,
  type ResourceTypes,
  type Rule,
  type RuleLists,
  type RuleSpec,
  type Verdict,
} from '@/utils/sites/rules';
import { createFakeDnr, type DnrRule, outcome } from '../support/fake-dnr';

const REMINDER = 'chrome-extension://hearth-test/blocked.html';

function pattern(text: string): SitePattern {
  const parsed = parseSite(text);
  if (!parsed.ok) throw new Error(`fixture ${text} does not parse`);
  return parsed.pattern;
}

function lists(block: string[], allow: string[] = [], grants: string[] = []): RuleLists {
  return { block: block.map(pattern), allow: allow.map(pattern), grants: grants.map(pattern) };
}

/** Ids as the diff would hand them out on a first install. */
function withIds(specs: RuleSpec[]): Rule[] {
  return diffRules([], specs).addRules;
}

const isPacked = (r: RuleSpec) => r.condition.requestDomains !== undefined;

describe('compileRules', () => {
  const domains = (n: number) =>
    Array.from({ length: n }, (_, i) => `site${i}.example${i % 7}.com`);

  test('the rule count does not grow with the number of plain domains', () => {
    const ten = compileRules(lists(domains(10)), REMINDER);
    const tenThousand = compileRules(lists(domains(10_000)), REMINDER);
    expect(tenThousand.length).toBe(ten.length);
    expect(tenThousand.length).toBe(1);
    expect(new Set(tenThousand[0]?.condition.requestDomains)).toEqual(new Set(domains(10_000)));
    // ...and every one of them is blocked.
    const rules = withIds(tenThousand);
    const all = domains(10_000);
    for (const host of [all[0], all[9999], `www.${all[4242]}`]) {
      expect(outcome(rules as DnrRule[], `https://${host}/`).action).toBe('redirect');
    }
  });

  test('a subdomain of a listed domain is not listed again', () => {
    const [rule] = compileRules(
      lists(['mail.google.com', 'google.com', 'docs.google.com']),
      REMINDER,
    );
    expect(rule?.condition.requestDomains).toEqual(['google.com']);
  });

  test('each path or port pattern becomes one regex rule of its own', () => {
    const rules = compileRules(
      lists([
        'slack.com',
        'docs.google.com/document',
        'localhost:8080',
        '10.0.0.7:3000/app',
        'docs.google.com/document/',
      ]),
      REMINDER,
    );
    expect(rules.filter(isPacked)).toHaveLength(1);
    const own = rules.filter((r) => !isPacked(r));
    expect(own).toHaveLength(3);
    for (const r of own) expect(r.condition.regexFilter).toBeDefined();
  });

  test('nothing listed, no rules', () => {
    expect(compileRules(lists([]), REMINDER)).toEqual([]);
  });

  test('a blocked navigation is redirected to the reminder with its whole URL', () => {
    const rules = withIds(
      compileRules(lists(['mail.google.com', 'docs.google.com/document']), REMINDER),
    ) as DnrRule[];
    for (const href of [
      'https://mail.google.com/mail/u/0/?q=is%3Aunread#inbox',
      'https://docs.google.com/document/d/1/edit?usp=sharing#heading=h.2',
      'http://user@docs.google.com/document',
    ]) {
      expect(outcome(rules, href)).toEqual({
        action: 'redirect',
        redirectUrl: `${REMINDER}#${href}`,
      });
    }
    expect(outcome(rules, 'https://docs.google.com/spreadsheets/d/1').action).toBeNull();
  });
});

describe('allow beats block, and grants beat allow', () => {
  const both = lists(['google.com'], ['photos.google.com'], ['mail.google.com']);
  test.each<[url: string, verdict: Verdict, dnr: 'redirect' | 'allow' | null]>([
    ['https://google.com/', 'block', 'redirect'],
    ['https://docs.google.com/document', 'block', 'redirect'],
    ['https://photos.google.com/album/1', 'allow', 'allow'],
    ['https://www.photos.google.com/', 'allow', 'allow'],
    ['https://mail.google.com/mail/u/0/', 'grant', 'allow'],
    ['https://example.com/', null, null],
  ])('%s: %s', (url, verdict, dnr) => {
    expect(classifyUrl(both, url)).toBe(verdict);
    expect(outcome(withIds(compileRules(both, REMINDER)) as DnrRule[], url).action).toBe(dnr);
  });

  test('a grant on an allowed site is still a grant', () => {
    expect(
      classifyUrl(
        lists(['google.com'], ['photos.google.com'], ['photos.google.com']),
        'https://photos.google.com/',
      ),
    ).toBe('grant');
  });

  test('a page-scoped grant opens that page only', () => {
    const l = lists(['docs.google.com'], [], ['docs.google.com/document/d/abc']);
    expect(classifyUrl(l, 'https://docs.google.com/document/d/abc/edit')).toBe('grant');
    expect(classifyUrl(l, 'https://docs.google.com/document/d/xyz/edit')).toBe('block');
  });

  // Blocking ignores case (a path cannot be dodged); opening is exact (another id is another document).
  test('a page-scoped grant does not open a document whose id differs only in case', () => {
    const l = lists(['docs.google.com'], [], ['docs.google.com/document/d/abc']);
    const rules = withIds(compileRules(l, REMINDER)) as DnrRule[];
    for (const [url, verdict, dnr] of [
      ['https://docs.google.com/document/d/abc/edit', 'grant', 'allow'],
      ['https://docs.google.com/document/d/ABC/edit', 'block', 'redirect'],
      ['https://docs.google.com/Document/d/abc/edit', 'block', 'redirect'],
    ] as const) {
      expect(classifyUrl(l, url), url).toBe(verdict);
      expect(outcome(rules, url).action, url).toBe(dnr);
    }
  });

  test('what is not a URL is not classified', () => {
    expect(classifyUrl(both, 'not a url')).toBeNull();
    expect(classifyUrl(both, '')).toBeNull();
  });
});

// The navigation backstop (classifyUrl) and the DNR rules must block the same pages.
const SITE_TEXTS = [
  'google.com',
  'mail.google.com',
  'docs.google.com',
  'docs.google.com/document',
  'docs.google.com/document/d/abc',
  'photos.google.com',
  'slack.com',
  'app.slack.com/client',
  'localhost:8080',
  'localhost',
  '10.0.0.7:3000/app',
  'atlassian.net',
];
const HOSTS = [
  'google.com',
  'mail.google.com',
  'docs.google.com',
  'photos.google.com',
  'www.photos.google.com',
  'notgoogle.com',
  'slack.com',
  'app.slack.com',
  'localhost',
  '10.0.0.7',
  'acme.atlassian.net',
  'example.com',
];
// Paths are compared with their letter case, in the rules (isUrlFilterCaseSensitive) as in
// patternMatches: /document/d/abc and /document/d/ABC are two different documents. So the
// paths below are generated in mixed case (each letter flipped or not), and the fake DNR,
// like Chrome, ignores case in a regex rule unless the rule says otherwise.
const PATHS = [
  '/',
  '/document',
  '/documents',
  '/document/d/abc/edit',
  '/document/d/ABC/edit',
  '/client/T1',
  '/app',
  '/app2',
];
const SITE_TEXTS_WITH_CASE = [...SITE_TEXTS, 'docs.google.com/document/d/ABC', 'slack.com/Client'];

/** A path with each letter in upper or lower case, as the flags say (cycled). */
function withCase(path: string, upper: boolean[]): string {
  let i = 0;
  return path.replace(/[a-z]/giu, (letter) => {
    const up = upper.length > 0 && upper[i++ % upper.length];
    return up ? letter.toUpperCase() : letter.toLowerCase();
  });
}

test('mixed-case paths really are generated (the property below needs them)', () => {
  expect(withCase('/document/d/abc', [true, false])).toBe('/DoCuMeNt/D/aBc');
  expect(withCase('/Client', [])).toBe('/client');
});

test('classifyUrl agrees with the compiled DNR rules, letter case included (property)', () => {
  const listArb = fc.subarray(SITE_TEXTS_WITH_CASE, { maxLength: 4 });
  // Half the paths as listed, half with their letters' case shuffled.
  const pathArb = fc.oneof(
    fc.constantFrom(...PATHS),
    fc
      .tuple(fc.constantFrom(...PATHS), fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }))
      .map(([path, upper]) => withCase(path, upper)),
  );
  const urlArb = fc
    .tuple(
      fc.constantFrom('http', 'https'),
      fc.constantFrom('', 'user@'),
      fc.constantFrom(...HOSTS),
      fc.constantFrom('', ':8080', ':3000'),
      pathArb,
      fc.constantFrom('', '?q=1', '#x'),
    )
    .map((parts) => {
      const [scheme, user, host, port, path, rest] = parts;
      return `${scheme}://${user}${host}${port}${path}${rest}`;
    });
  fc.assert(
    fc.property(listArb, listArb, listArb, urlArb, (block, allow, grants, href) => {
      const l = lists(block, allow, grants);
      const verdict = classifyUrl(l, href);
      const met = outcome(withIds(compileRules(l, REMINDER)) as DnrRule[], href);
      const expected = verdict === 'block' ? 'redirect' : verdict === null ? null : 'allow';
      expect(met.action).toBe(expected);
      if (met.action === 'redirect')
        expect(met.redirectUrl).toBe(`${REMINDER}#${new URL(href).href}`);
    }),
    { numRuns: 2000 },
  );
});

describe('diffRules', () => {
  const specs = compileRules(
    lists(
      ['slack.com', 'docs.google.com/document', 'localhost:8080'],
      ['app.slack.com'],
      ['slack.com/help'],
    ),
    REMINDER,
  );
  const keyOf = (r: RuleSpec) => JSON.stringify([r.priority, r.action, r.condition]);

  /** Applies a diff through the fake browser, which refuses colliding ids. */
  async function apply(installed: Rule[], desired: readonly RuleSpec[]): Promise<Rule[]> {
    const dnr = createFakeDnr();
    await dnr.updateDynamicRules({ addRules: installed as DnrRule[] });
    await dnr.updateDynamicRules(
      diffRules(installed, desired) as { removeRuleIds: number[]; addRules: DnrRule[] },
    );
    return dnr.installed() as Rule[];
  }

  test('a first install adds every rule, with unique ids', () => {
    const { removeRuleIds, addRules } = diffRules([], specs);
    expect(removeRuleIds).toEqual([]);
    expect(addRules.map(keyOf)).toEqual(specs.map(keyOf));
    expect(new Set(addRules.map((r) => r.id)).size).toBe(specs.length);
  });

  test('rules that stay keep their ids and are not added again', async () => {
    const installed = withIds(specs);
    const extra = compileRules(lists(['zoom.us/j']), REMINDER);
    const change = diffRules(installed, [...specs, ...extra]);
    expect(change.removeRuleIds).toEqual([]);
    expect(change.addRules.map(keyOf)).toEqual(extra.map(keyOf));
    const after = await apply(installed, [...specs, ...extra]);
    for (const rule of installed)
      expect(after.find((r) => keyOf(r) === keyOf(rule))?.id).toBe(rule.id);
  });

  test('a rule no longer wanted is removed by its id, nothing else changes', () => {
    const installed = withIds(specs);
    const gone = installed[1];
    if (!gone) throw new Error('fixture');
    const change = diffRules(
      installed,
      specs.filter((s) => keyOf(s) !== keyOf(gone)),
    );
    expect(change).toEqual({ removeRuleIds: [gone.id], addRules: [] });
  });

  test('rules echoed back by the browser with keys in another order still match', () => {
    const echoed = withIds(specs).map((r) => {
      const { id, priority, action, condition } = r;
      const reversed = Object.fromEntries(
        Object.entries(condition).reverse(),
      ) as RuleSpec['condition'];
      return { condition: reversed, action, priority, id };
    });
    expect(diffRules(echoed, specs)).toEqual({ removeRuleIds: [], addRules: [] });
  });

  test('duplicate installed rules are removed, one copy stays', async () => {
    const [first] = withIds(specs);
    if (!first) throw new Error('fixture');
    const installed = [first, { ...first, id: 42 }];
    const change = diffRules(installed, [first]);
    expect(change.addRules).toEqual([]);
    expect(change.removeRuleIds).toHaveLength(1);
    expect(await apply(installed, [first])).toHaveLength(1);
  });

  test('everything removed when nothing is wanted', () => {
    const installed = withIds(specs);
    expect(diffRules(installed, [])).toEqual({
      removeRuleIds: installed.map((r) => r.id).sort((a, b) => a - b),
      addRules: [],
    });
  });

  test('applying the diff, then diffing again, changes nothing (property)', async () => {
    const specArb: fc.Arbitrary<RuleSpec> = fc.oneof(
      fc.record({
        priority: fc.integer({ min: 1, max: 3 }),
        action: fc.constant({ type: 'allow' as const }),
        condition: fc.record({
          requestDomains: fc.subarray(['a.com', 'b.com', 'c.org'], { minLength: 1 }),
          resourceTypes: fc.constant<ResourceTypes>(['main_frame', 'sub_frame']),
        }),
      }),
      fc.record({
        priority: fc.integer({ min: 1, max: 3 }),
        action: fc.constantFrom(
          { type: 'allow' as const },
          { type: 'redirect' as const, redirect: { regexSubstitution: `${REMINDER}#\\0` } },
        ),
        condition: fc.record({
          regexFilter: fc.constantFrom(
            '^https?://a\\.com/x',
            '^.*$',
            '^https?://b\\.com(?::\\d+)?/y',
          ),
          resourceTypes: fc.constant<ResourceTypes>(['main_frame', 'sub_frame']),
        }),
      }),
    );
    const installedArb = fc
      .array(fc.tuple(specArb, fc.integer({ min: 1, max: 60 })), { maxLength: 8 })
      .map((pairs) => {
        const seen = new Set<number>();
        return pairs.flatMap(([spec, id]) => {
          if (seen.has(id)) return [];
          seen.add(id);
          return [{ id, ...spec }];
        });
      });
    await fc.assert(
      fc.asyncProperty(
        installedArb,
        fc.array(specArb, { maxLength: 8 }),
        async (installed, desired) => {
          const after = await apply(installed, desired);
          expect(new Set(after.map(keyOf))).toEqual(new Set(desired.map(keyOf)));
          expect(after).toHaveLength(new Set(desired.map(keyOf)).size);
          expect(diffRules(after, desired)).toEqual({ removeRuleIds: [], addRules: [] });
          for (const rule of after) {
            const before = installed.filter((r) => keyOf(r) === keyOf(rule));
            if (before.length > 0) expect(before.map((r) => r.id)).toContain(rule.id);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('fitToLimits', () => {
  const paths = ['a.com/1', 'a.com/2', 'a.com/3', 'b.com/4', 'b.com/5'];
  const rules = compileRules(
    lists(['a.com', 'b.com', ...paths], ['x.a.com', 'a.com/ok']),
    REMINDER,
  );
  const regexCount = (rs: RuleSpec[]) =>
    rs.filter((r) => r.condition.regexFilter !== undefined).length;

  test('everything is kept when it fits', () => {
    expect(fitToLimits(rules, { maxRules: 5000, maxRegexRules: 1000 })).toEqual({
      rules,
      dropped: 0,
    });
  });

  test.each([
    { maxRules: 3, maxRegexRules: 1000 },
    { maxRules: 5000, maxRegexRules: 3 },
    { maxRules: 1, maxRegexRules: 1 },
    { maxRules: 4, maxRegexRules: 2 },
  ])('under %o it keeps the packed domain rule and says how many it dropped', async (limits) => {
    const fitted = fitToLimits(rules, limits);
    expect(fitted.rules[0]).toEqual(rules[0]);
    expect(isPacked(fitted.rules[0] as RuleSpec)).toBe(true);
    expect(fitted.dropped).toBe(rules.length - fitted.rules.length);
    expect(fitted.dropped).toBeGreaterThan(0);
    expect(fitted.rules.length).toBeLessThanOrEqual(limits.maxRules);
    expect(regexCount(fitted.rules)).toBeLessThanOrEqual(limits.maxRegexRules);
    // What is kept installs in a browser with those limits, and still blocks both domains.
    const dnr = createFakeDnr(limits);
    await dnr.updateDynamicRules({ addRules: withIds(fitted.rules) as DnrRule[] });
    for (const href of ['https://a.com/', 'https://www.b.com/']) {
      expect(outcome(dnr.installed(), href).action).toBe('redirect');
    }
  });
});
