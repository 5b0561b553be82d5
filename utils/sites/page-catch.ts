import { isIpv6, type SitePattern } from '@/utils/sites/parse';
import type { RuleLists } from '@/utils/sites/rules';

/**
 * The page catch (issue 10), the pure part: which documents a registered
 * content script stops at document_start and sends to the reminder. It is for
 * sites that answer a navigation from their own service worker (Gmail, Slack,
 * Docs): no request reaches the network, so no declarativeNetRequest rule
 * sees it, but a document still commits, and the script runs before any of it
 * parses or paints. utils/browser/page-catch.ts registers it.
 *
 * Match patterns are coarser than Hearth's lists, so they are compiled to be
 * never wider: a URL the script matches is one `classifyUrl` blocks (tests
 * check it). What patterns cannot say is left to the rules and the
 * navigation backstop:
 * - block paths match in any letter case and with escaped letters; match
 *   patterns compare paths as written, so the script takes the path as
 *   stored and in lower case, not "/DOCUMENT" or "/%64ocument";
 * - content-script match patterns take no port (Chromium 156 refuses one as
 *   "Invalid port", measured; Firefox's have none): a blocked pattern with a
 *   port is left out, an allowed one is excluded on every port (narrower);
 * - an IPv6 literal, a path with "*" (a glob there), are left out.
 */

export interface CatchPatterns {
  /** Documents the script runs in: blocked hosts and path prefixes. Empty: nothing to register. */
  matches: string[];
  /** Allowed sites and step-past grants, which win over the block list. */
  excludeMatches: string[];
  /** Block patterns match patterns cannot say here (caught by the rules and the backstop only). */
  uncovered: SitePattern[];
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** No port: content-script patterns cannot say one, and without one they match every port. */
function hostPart(p: SitePattern): string {
  return IPV4.test(p.host) || p.host === 'localhost' ? p.host : `*.${p.host}`;
}

/** The prefix itself, below it, and with a query: the segment boundary patternMatches keeps. */
function pathsFor(prefix: string): string[] {
  return prefix === '' ? ['/*'] : [prefix, `${prefix}/*`, `${prefix}?*`];
}

/** A pattern that match patterns cannot say exactly enough to use at all. */
function unsayable(p: SitePattern): boolean {
  return isIpv6(p.host) || p.path.includes('*');
}

/** Match patterns for the documents of one block pattern, never wider than it. */
function blockPatterns(p: SitePattern): string[] | null {
  if (unsayable(p) || p.port !== null) return null;
  const host = hostPart(p);
  const prefixes = [...new Set([p.path, p.path.toLowerCase()])];
  return prefixes.flatMap((prefix) => pathsFor(prefix).map((path) => `*://${host}${path}`));
}

/**
 * Match patterns to leave out for one allow entry or grant, never narrower
 * than it except where only the escaped spelling of its path reaches it.
 * A port cannot be said, so every port is left out: wider, which only makes
 * the script match less.
 */
function excludePatterns(p: SitePattern): string[] | null {
  if (isIpv6(p.host)) return null;
  const host = hostPart(p);
  // A "*" in an exclusion only excludes more: still never wider for the script.
  return pathsFor(p.path).map((path) => `*://${host}${path}`);
}

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** The script's registration for these lists: empty matches when nothing is blocked. */
export function catchPatterns(lists: RuleLists): CatchPatterns {
  const matches: string[] = [];
  const uncovered: SitePattern[] = [];
  for (const p of lists.block) {
    const said = blockPatterns(p);
    if (said) matches.push(...said);
    else uncovered.push(p);
  }
  if (matches.length === 0) return { matches: [], excludeMatches: [], uncovered };
  const excludeMatches: string[] = [];
  for (const p of [...lists.allow, ...lists.grants]) {
    const said = excludePatterns(p);
    // An allowed IPv6 site inside nothing a pattern can name: no domain block covers an IP.
    if (said) excludeMatches.push(...said);
  }
  return { matches: sorted(matches), excludeMatches: sorted(excludeMatches), uncovered };
}

/** Where a caught page goes: the reminder, carrying the address in its #fragment as DNR does. */
export function reminderAddress(reminderUrl: string, originalUrl: string): string {
  return `${reminderUrl}#${originalUrl}`;
}
