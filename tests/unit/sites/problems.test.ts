import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readSiteProblems, type SiteProblem } from '@/utils/sites/problems';

describe('readSiteProblems', () => {
  test('gives back what the background stored', () => {
    const stored: SiteProblem[] = [
      { code: 'invalid-sites', count: 2 },
      { code: 'rules-dropped', count: 40 },
      { code: 'nothing-to-block' },
    ];
    expect(readSiteProblems(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
  });

  test('leaves out what no reconcile writes: unknown codes, bad counts, anything not a list', () => {
    expect(readSiteProblems('nothing-to-block')).toEqual([]);
    expect(readSiteProblems(undefined)).toEqual([]);
    expect(
      readSiteProblems([
        { code: 'unreadable' },
        { code: 'invalid-sites' },
        { code: 'rules-dropped', count: -1 },
        { code: 'rules-dropped', count: 1.5 },
        null,
      ]),
    ).toEqual([]);
  });

  test('on arbitrary JSON it never throws and gives only well-formed problems', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        for (const p of readSiteProblems(raw)) {
          if (p.code === 'nothing-to-block') expect(Object.keys(p)).toEqual(['code']);
          else expect(Number.isSafeInteger(p.count) && p.count > 0).toBe(true);
        }
      }),
    );
  });
});
