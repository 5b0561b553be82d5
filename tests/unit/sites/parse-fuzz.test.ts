import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseAll, parseSite, patternMatches, patternRegex } from '@/utils/sites/parse';

/** Runs in CI at this size; FUZZ_RUNS=20000 by hand. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);

const siteLike = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .tuple(fc.domain(), fc.constantFrom('', '/', '/a/b', ':8080', ':99999', '/*', '*'), fc.string())
    .map(([d, tail, junk]) => `${d}${tail}${junk}`),
  fc.constantFrom('*.', '.', '..com', 'http://', 'xn--', '[::1]', '@', '%00', '\u202e'),
);

describe('the site parser on anything typed or pasted (fuzz)', () => {
  test('never throws; what it accepts prints to text that parses to itself and compiles', () => {
    fc.assert(
      fc.property(siteLike, (input) => {
        const parsed = parseSite(input);
        if (!parsed.ok) return;
        const again = parseSite(parsed.text);
        expect(again.ok && again.text).toBe(parsed.text);
        expect(() => new RegExp(patternRegex(parsed.pattern))).not.toThrow();
        expect(() => patternMatches(parsed.pattern, new URL('https://example.com/'))).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  }, 600_000);

  test('a pasted list of anything never throws, and counts every line', () => {
    fc.assert(
      fc.property(fc.array(siteLike, { maxLength: 30 }), (lines) => {
        const { patterns, invalid } = parseAll(lines);
        expect(patterns.length + invalid).toBeLessThanOrEqual(lines.length);
      }),
      { numRuns: Math.ceil(RUNS / 5) },
    );
  }, 600_000);
});
