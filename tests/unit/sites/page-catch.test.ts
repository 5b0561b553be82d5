import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { catchPatterns, reminderAddress } from '@/utils/sites/page-catch';
import { parseAll } from '@/utils/sites/parse';
import { classifyUrl, type RuleLists } from '@/utils/sites/rules';
import { matchPatternCovers, validMatchPattern } from '../support/fake-scripting';

const lists = (block: string[], allow: string[] = [], grants: string[] = []): RuleLists => ({
  block: parseAll(block).patterns,
  allow: parseAll(allow).patterns,
  grants: parseAll(grants).patterns,
});

/** Where the registered script would run: a match, and no exclusion. */
function runsAt(l: RuleLists, url: string): boolean {
  const { matches, excludeMatches } = catchPatterns(l);
  return (
    matches.some((p) => matchPatternCovers(p, url)) &&
    !excludeMatches.some((p) => matchPatternCovers(p, url))
  );
}

describe('catchPatterns', () => {
  test('a plain site: the host and every subdomain, any port, any path', () => {
    expect(catchPatterns(lists(['mail.google.com']))).toEqual({
      matches: ['*://*.mail.google.com/*'],
      excludeMatches: [],
      uncovered: [],
    });
  });

  test('a path prefix ends at a segment boundary, as typed and in lower case', () => {
    const { matches } = catchPatterns(lists(['slack.com/Client']));
    expect(matches).toEqual([
      '*://*.slack.com/Client',
      '*://*.slack.com/Client/*',
      '*://*.slack.com/Client?*',
      '*://*.slack.com/client',
      '*://*.slack.com/client/*',
      '*://*.slack.com/client?*',
    ]);
    const l = lists(['slack.com/Client']);
    expect(runsAt(l, 'https://app.slack.com/client/T1')).toBe(true);
    expect(runsAt(l, 'https://app.slack.com/client?x=1')).toBe(true);
    expect(runsAt(l, 'https://app.slack.com/clients')).toBe(false);
  });

  test('allowed sites and step-past grants are left out', () => {
    const l = lists(['google.com'], ['photos.google.com'], ['docs.google.com/document/d/abc']);
    expect(catchPatterns(l).excludeMatches).toEqual([
      '*://*.docs.google.com/document/d/abc',
      '*://*.docs.google.com/document/d/abc/*',
      '*://*.docs.google.com/document/d/abc?*',
      '*://*.photos.google.com/*',
    ]);
    expect(runsAt(l, 'https://mail.google.com/mail/u/0')).toBe(true);
    expect(runsAt(l, 'https://photos.google.com/')).toBe(false);
    expect(runsAt(l, 'https://docs.google.com/document/d/abc/edit')).toBe(false);
    expect(runsAt(l, 'https://docs.google.com/document/d/ABC/edit')).toBe(true);
  });

  test('a port cannot be said (both browsers refuse one): left to the rules', () => {
    const l = lists(['localhost:8080', '10.0.0.7:3000/app', 'slack.com']);
    expect(catchPatterns(l)).toEqual({
      matches: ['*://*.slack.com/*'],
      excludeMatches: [],
      uncovered: l.block.slice(0, 2),
    });
    // An allowed site with a port is left out on every port: the script matches less.
    const allowed = lists(['work.test'], ['mail.work.test:8443']);
    expect(catchPatterns(allowed).excludeMatches).toEqual(['*://*.mail.work.test/*']);
    expect(runsAt(allowed, 'http://mail.work.test:8080/')).toBe(false);
    expect(runsAt(allowed, 'http://work.test:8080/')).toBe(true);
  });

  test('an IPv6 literal is left to the rules; an IPv4 one has no subdomains', () => {
    const l = lists(['[2001:db8::1]', '10.0.0.7']);
    const caught = catchPatterns(l);
    expect(caught.matches).toEqual(['*://10.0.0.7/*']);
    expect(caught.uncovered).toEqual([l.block[0]]);
  });

  test('nothing blocked: nothing to register (a script without matches is refused)', () => {
    expect(catchPatterns(lists([], ['photos.google.com']))).toEqual({
      matches: [],
      excludeMatches: [],
      uncovered: [],
    });
  });

  test('the reminder address carries the page as DNR does, in the #fragment', () => {
    expect(reminderAddress('chrome-extension://id/blocked.html', 'https://a.b/c?d=1&e=2')).toBe(
      'chrome-extension://id/blocked.html#https://a.b/c?d=1&e=2',
    );
  });
});

// ---- properties: the script is never wider than the lists, and as wide as patterns allow ----

const SITE_TEXTS = [
  'google.com',
  'mail.google.com',
  'docs.google.com/document',
  'docs.google.com/document/d/abc',
  'docs.google.com/Document/d/ABC',
  'slack.com',
  'app.slack.com/client',
  'localhost:8080',
  'localhost',
  '10.0.0.7:3000/app',
  '10.0.0.7',
  '[2001:db8::1]:8443/x',
  'atlassian.net',
  'work.test/a*b',
];
const HOSTS = [
  'google.com',
  'mail.google.com',
  'docs.google.com',
  'www.docs.google.com',
  'notgoogle.com',
  'slack.com',
  'app.slack.com',
  'localhost',
  '10.0.0.7',
  '[2001:db8::1]',
  'acme.atlassian.net',
  'work.test',
];
const PATHS = [
  '/',
  '/document',
  '/documents',
  '/document/d/abc/edit',
  '/document/d/ABC',
  '/Document/d/ABC/edit',
  '/client/T1',
  '/app',
  '/app2',
  '/a*b/c',
];
const listArb = fc.subarray(SITE_TEXTS, { maxLength: 4 });
const urlArb = fc
  .tuple(
    fc.constantFrom('http', 'https'),
    fc.constantFrom(...HOSTS),
    fc.constantFrom('', ':8080', ':3000', ':8443'),
    fc.constantFrom(...PATHS),
    fc.constantFrom('', '?q=1', '#x', '?q=/document'),
  )
  .map(([scheme, host, port, path, rest]) => `${scheme}://${host}${port}${path}${rest}`);

test('every pattern it compiles is one the browsers take', () => {
  fc.assert(
    fc.property(listArb, listArb, listArb, (block, allow, grants) => {
      const { matches, excludeMatches } = catchPatterns(lists(block, allow, grants));
      for (const p of [...matches, ...excludeMatches]) expect(validMatchPattern(p), p).toBe(true);
    }),
    { numRuns: 500 },
  );
});

test('a page the script runs in is one classifyUrl blocks (property)', () => {
  fc.assert(
    fc.property(listArb, listArb, listArb, urlArb, (block, allow, grants, href) => {
      const l = lists(block, allow, grants);
      if (runsAt(l, href)) expect(classifyUrl(l, href), href).toBe('block');
    }),
    { numRuns: 3000 },
  );
});

test('where patterns can say it, a page classifyUrl blocks is one the script runs in (property)', () => {
  // What match patterns can say: a path in the case it is stored or in lower case (here:
  // lower case), no port, no IPv6 literal, no "*" in the path.
  const sayable = (text: string) => !text.includes('[') && !text.includes('*') && !/:\d/.test(text);
  fc.assert(
    fc.property(listArb, listArb, listArb, urlArb, (block, allow, grants, raw) => {
      const href = raw.replace(
        /^([^:]+:\/\/[^/]+)([^?#]*)/,
        (_, origin: string, path: string) => `${origin}${path.toLowerCase()}`,
      );
      // An allowed site with a port is left out on every port (a port cannot be said).
      const l = lists(block.filter(sayable), allow.filter(sayable), grants.filter(sayable));
      if (classifyUrl(l, href) === 'block') expect(runsAt(l, href), href).toBe(true);
    }),
    { numRuns: 3000 },
  );
});
