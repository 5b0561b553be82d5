import type { SiteRecord } from '@/utils/settings/schema';
import { isPlainDomain, parseSite, type SiteError } from '@/utils/sites/parse';
import type { RuleLimits } from '@/utils/sites/rules';

export type SiteLineError =
  | SiteError
  | { code: 'duplicate'; text: string }
  | { code: 'too-many'; limit: number };

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
