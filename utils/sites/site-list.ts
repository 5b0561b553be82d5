import type { SiteRecord } from '@/utils/settings/schema';
import {
  hostCovers,
  isPlainDomain,
  parseSite,
  patternText,
  type SiteError,
  type SitePattern,
} from '@/utils/sites/parse';
import type { RuleLimits } from '@/utils/sites/rules';

export type SiteLineError =
  | SiteError
  | { code: 'duplicate'; text: string }
  | { code: 'too-many'; limit: number }
  /** The browser cannot match this address exactly (its regex is too complex); offers what it can. */
  | { code: 'too-complex'; text: string; instead: string; whole: boolean };

/**
 * What the browser refused, by pattern text: the longest shorter path prefix
 * it can match, or null when only the host is left.
 */
export type TooComplex = ReadonlyMap<string, string | null>;

export interface SiteLineReport {
  /** 1-based line of a pasted list (1 for a single entry). */
  line: number;
  input: string;
  error: SiteLineError;
}

export interface AddSitesResult {
  sites: SiteRecord[];
  added: string[];
  errors: SiteLineReport[];
}

/**
 * Adds what a person typed or pasted (one site a line) to one list. Lines that
 * do not parse, repeat a site already listed, or would not fit the browser's
 * regex-rule limit are reported by line and change nothing; the rest are added.
 */
export function addSites(
  sites: readonly SiteRecord[],
  list: SiteRecord['list'],
  text: string,
  now: number,
  newId: () => string,
  limits: Pick<RuleLimits, 'maxRegexRules'>,
  tooComplex: TooComplex = new Map(),
): AddSitesResult {
  const out = [...sites];
  const added: string[] = [];
  const errors: SiteLineReport[] = [];
  let regexCount = sites.filter((s) => {
    const parsed = parseSite(s.pattern);
    return parsed.ok && !isPlainDomain(parsed.pattern);
  }).length;
  text.split(/\r?\n/).forEach((raw, index) => {
    const input = raw.trim();
    if (!input || input.startsWith('#')) return;
    const line = index + 1;
    const parsed = parseSite(input);
    if (!parsed.ok) {
      errors.push({ line, input, error: parsed.error });
      return;
    }
    if (out.some((s) => s.list === list && s.pattern === parsed.text)) {
      errors.push({ line, input, error: { code: 'duplicate', text: parsed.text } });
      return;
    }
    const shorter = tooComplex.get(parsed.text);
    if (shorter !== undefined) {
      const host = patternText({ ...parsed.pattern, path: '' });
      const instead = shorter ?? host;
      errors.push({
        line,
        input,
        error: { code: 'too-complex', text: parsed.text, instead, whole: shorter === null },
      });
      return;
    }
    if (!isPlainDomain(parsed.pattern)) {
      if (regexCount >= limits.maxRegexRules) {
        errors.push({ line, input, error: { code: 'too-many', limit: limits.maxRegexRules } });
        return;
      }
      regexCount += 1;
    }
    out.push({ id: newId(), pattern: parsed.text, list, updatedAt: now });
    added.push(parsed.text);
  });
  return { sites: out, added, errors };
}

/** Case-insensitive search within a long list. */
export function filterSites(sites: readonly SiteRecord[], query: string): SiteRecord[] {
  const q = query.trim().toLowerCase();
  return q ? sites.filter((s) => s.pattern.includes(q)) : [...sites];
}

/** The patterns a typed or pasted text asks for that need a regex rule of their own. */
export function regexPatternsIn(text: string): { text: string; pattern: SitePattern }[] {
  const out: { text: string; pattern: SitePattern }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const parsed = parseSite(raw.trim());
    if (parsed.ok && !isPlainDomain(parsed.pattern))
      out.push({ text: parsed.text, pattern: parsed.pattern });
  }
  return out;
}

/** Shorter versions of a pattern's path, longest first, down to (not including) none. */
export function shorterPaths(pattern: SitePattern): SitePattern[] {
  const segments = pattern.path.split('/').filter(Boolean);
  const out: SitePattern[] = [];
  for (let n = segments.length - 1; n >= 1; n -= 1)
    out.push({ ...pattern, path: `/${segments.slice(0, n).join('/')}` });
  return out;
}

/**
 * The blocked entries an allow entry would let through whole: allowing
 * `google.com` covers `mail.google.com` and `docs.google.com/document`. The
 * parent is warned, naming them, before such an entry is saved. An allow entry
 * that opens only part of a blocked site (`wiki.example.com/family` under a
 * blocked `wiki.example.com`) is what the allow list is for: no warning.
 */
export function allowLetsThrough(allowText: string, blockTexts: readonly string[]): string[] {
  const covered: string[] = [];
  for (const line of allowText.split(/\r?\n/)) {
    const allow = parseSite(line.trim());
    if (!allow.ok) continue;
    const a = allow.pattern;
    for (const text of blockTexts) {
      const block = parseSite(text);
      if (!block.ok) continue;
      const b = block.pattern;
      const portCovers = a.port === null || a.port === b.port;
      const pathCovers = a.path === '' || b.path === a.path || b.path.startsWith(`${a.path}/`);
      if (hostCovers(a.host, b.host) && portCovers && pathCovers && !covered.includes(block.text))
        covered.push(block.text);
    }
  }
  return covered;
}
