import { describe, expect, it } from 'vitest';
import type { SiteRecord } from '@/utils/settings/schema';
import {
  addSites,
  allowLetsThrough,
  filterSites,
  regexPatternsIn,
  shorterPaths,
} from '@/utils/sites/site-list';

let n = 0;
const newId = () => `id-${++n}`;
const LIMITS = { maxRegexRules: 1000 };
const record = (pattern: string, list: SiteRecord['list'] = 'block'): SiteRecord => ({
  id: newId(),
  pattern,
  list,
  updatedAt: 0,
});

describe('addSites', () => {
  it('adds what parses, normalised, and reports each bad line by number', () => {
    const pasted = [
      'mail.example.com',
      'slack',
      'https://Docs.Example.com/document/',
      '',
      'ftp://files.example.com',
      '  notion.so  ',
    ].join('\n');
    const result = addSites([], 'block', pasted, 7, newId, LIMITS);
    expect(result.added).toEqual(['mail.example.com', 'docs.example.com/document', 'notion.so']);
    expect(result.errors).toEqual([
      {
        line: 2,
        input: 'slack',
        error: { code: 'no-dot', host: 'slack', suggestion: 'slack.com' },
      },
      { line: 5, input: 'ftp://files.example.com', error: { code: 'scheme', scheme: 'ftp' } },
    ]);
    expect(result.sites.map((s) => [s.pattern, s.list, s.updatedAt])).toEqual([
      ['mail.example.com', 'block', 7],
      ['docs.example.com/document', 'block', 7],
      ['notion.so', 'block', 7],
    ]);
  });

  it('changes nothing when every line is bad', () => {
    const before = [record('a.example')];
    const result = addSites(before, 'block', 'not a site\nmail.*.com', 1, newId, LIMITS);
    expect(result.sites).toEqual(before);
    expect(result.added).toEqual([]);
    expect(result.errors.map((e) => e.error.code)).toEqual(['spaces', 'wildcard']);
  });

  it('reports a site already on the same list, but allows it on the other list', () => {
    const before = [record('google.com')];
    expect(addSites(before, 'block', 'Google.com', 1, newId, LIMITS).errors[0]?.error).toEqual({
      code: 'duplicate',
      text: 'google.com',
    });
    expect(addSites(before, 'allow', 'google.com', 1, newId, LIMITS).added).toEqual(['google.com']);
  });

  it('refuses path patterns past the browser regex-rule limit, naming the limit, but still takes plain domains', () => {
    const before = [record('a.example/x'), record('b.example/y')];
    const result = addSites(before, 'block', 'c.example/z\nplain.example', 1, newId, {
      maxRegexRules: 2,
    });
    expect(result.errors).toEqual([
      { line: 1, input: 'c.example/z', error: { code: 'too-many', limit: 2 } },
    ]);
    expect(result.added).toEqual(['plain.example']);
  });

  it('skips blank lines and # comments without reporting them', () => {
    const result = addSites([], 'block', '# work\n\nexample.com\n', 1, newId, LIMITS);
    expect(result).toMatchObject({ added: ['example.com'], errors: [] });
  });
});

describe('filterSites', () => {
  it('finds sites by any part of their address, ignoring case', () => {
    const sites = [
      record('mail.google.com'),
      record('slack.com'),
      record('docs.google.com/document'),
    ];
    expect(filterSites(sites, ' GOOGLE ').map((s) => s.pattern)).toEqual([
      'mail.google.com',
      'docs.google.com/document',
    ]);
    expect(filterSites(sites, '')).toHaveLength(3);
  });
});

describe('an address the browser cannot match exactly', () => {
  const LONG = 'docs.google.com/document/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_aBcDe/edit';

  it('is refused with what would work instead, and nothing is added', () => {
    const tooComplex = new Map([[LONG, 'docs.google.com/document/d']]);
    const result = addSites(
      [],
      'block',
      `https://${LONG}?usp=sharing`,
      1,
      newId,
      LIMITS,
      tooComplex,
    );
    expect(result.added).toEqual([]);
    expect(result.sites).toEqual([]);
    expect(result.errors).toEqual([
      {
        line: 1,
        input: `https://${LONG}?usp=sharing`,
        error: {
          code: 'too-complex',
          text: LONG,
          instead: 'docs.google.com/document/d',
          whole: false,
        },
      },
    ]);
  });

  it('offers the whole host when no shorter path would do', () => {
    const result = addSites([], 'block', LONG, 1, newId, LIMITS, new Map([[LONG, null]]));
    expect(result.errors[0]?.error).toEqual({
      code: 'too-complex',
      text: LONG,
      instead: 'docs.google.com',
      whole: true,
    });
  });

  it('the other lines of a paste are still added', () => {
    const result = addSites(
      [],
      'block',
      `${LONG}\nslack.com`,
      1,
      newId,
      LIMITS,
      new Map([[LONG, null]]),
    );
    expect(result.added).toEqual(['slack.com']);
  });

  it('the shorter addresses to try are the path cut at each segment, longest first', () => {
    const parsed = regexPatternsIn(`${LONG}\nslack.com\n10.0.0.7:3000`);
    expect(parsed.map((p) => p.text)).toEqual([LONG, '10.0.0.7:3000']);
    const [first] = parsed;
    if (!first) throw new Error('fixture');
    expect(shorterPaths(first.pattern).map((p) => p.path)).toEqual([
      '/document/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_aBcDe',
      '/document/d',
      '/document',
    ]);
  });
});

describe('an allow entry that would let blocked sites through', () => {
  const blocked = ['mail.google.com', 'docs.google.com/document', 'slack.com', 'wiki.example.com'];
  it.each<[string, string[]]>([
    ['google.com', ['mail.google.com', 'docs.google.com/document']],
    ['docs.google.com', ['docs.google.com/document']],
    ['slack.com\ngoogle.com', ['slack.com', 'mail.google.com', 'docs.google.com/document']],
    // Opening part of a blocked site is what the allow list is for.
    ['wiki.example.com/family', []],
    ['docs.google.com/spreadsheets', []],
    ['example.org', []],
    ['not a site', []],
  ])('allowing %j names %j', (allow, expected) => {
    expect(allowLetsThrough(allow, blocked)).toEqual(expected);
  });
});
