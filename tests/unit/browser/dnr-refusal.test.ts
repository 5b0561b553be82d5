import { describe, expect, test } from 'vitest';
import { parseSite, patternRegex } from '@/utils/sites/parse';
import { createFakeDnr, REGEX_BUDGET, regexCost } from '../support/fake-dnr';

const pattern = (text: string) => {
  const parsed = parseSite(text);
  if (!parsed.ok) throw new Error(`fixture ${text}`);
  return parsed.pattern;
};
const regexOf = (text: string) => patternRegex(pattern(text));
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Measured in Chromium 156 with declarativeNetRequest.isRegexSupported: for
 * each shape, the smallest n it refused ("memoryLimitExceeded"). The fake must
 * refuse at that n or earlier (conservative), and not far earlier.
 */
const CHROMIUM_156: [shape: string, make: (n: number) => string, firstRefused: number][] = [
  ['Docs path', (n) => regexOf(`docs.google.com/document/d/${'a'.repeat(n)}`), 44],
  ['long host with a path', (n) => regexOf(`${'ab.'.repeat(n)}com/x`), 22],
  // Firefox's escape-tolerant form of a path: Chromium refuses it already with one character.
  [
    'escape-tolerant Docs path',
    (n) => patternRegex(pattern(`docs.google.com/document/d/${'a'.repeat(n)}`), 'tolerant'),
    1,
  ],
  ['plain literal', (n) => 'a'.repeat(n), 113],
  ['a.* repeated', (n) => `^${'a.*'.repeat(n)}`, 23],
  ['(?:d|%64) repeated', (n) => `^https?://x\\.com/${'(?:d|%64)'.repeat(n)}`, 21],
];

describe('the fake refuses what Chromium refuses', () => {
  test.each(CHROMIUM_156)('%s: refused at or before the measured length', (_, make, first) => {
    let fakeFirst = 1;
    while (regexCost(make(fakeFirst)) <= REGEX_BUDGET) fakeFirst += 1;
    expect(fakeFirst).toBeLessThanOrEqual(first);
    expect(fakeFirst).toBeGreaterThanOrEqual(Math.floor(first * 0.7));
  });

  test('isRegexSupported says why, and updateDynamicRules is all-or-nothing', async () => {
    const dnr = createFakeDnr();
    const long = regexOf(`docs.google.com/document/d/${'a'.repeat(44)}/edit`);
    expect(await dnr.isRegexSupported({ regex: long })).toEqual({
      isSupported: false,
      reason: 'memoryLimitExceeded',
    });
    expect(await dnr.isRegexSupported({ regex: '(' })).toEqual({
      isSupported: false,
      reason: 'syntaxError',
    });
    expect(await dnr.isRegexSupported({ regex: regexOf('docs.google.com/document') })).toEqual({
      isSupported: true,
    });
    const ok = {
      id: 1,
      action: { type: 'block' as const },
      condition: { requestDomains: ['a.com'] },
    };
    const refused = { id: 2, action: { type: 'block' as const }, condition: { regexFilter: long } };
    await expect(dnr.updateDynamicRules({ addRules: [ok, refused] })).rejects.toThrow(
      /more complex regex/,
    );
    expect(dnr.installed()).toEqual([]);
  });

  test('a host longer than the budget is refused as the real limit is, not by length alone', () => {
    expect(regexCost(`^${esc('x'.repeat(90))}$`)).toBeLessThanOrEqual(REGEX_BUDGET);
    expect(regexCost(`^${esc('x'.repeat(120))}$`)).toBeGreaterThan(REGEX_BUDGET);
  });
});
