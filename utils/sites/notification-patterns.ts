import { hostCovers, type SitePattern } from '@/utils/sites/parse';

/**
 * Quiet work notifications (issue 13), the pure part: which contentSettings
 * patterns say "block" for `notifications` while family time is on, and what
 * reconcile does about them. utils/browser/quiet-notifications.ts applies it.
 *
 * Chrome ranks an extension's content settings above the parent's own site
 * choices and removes them when the extension clears them (or is disabled or
 * uninstalled). So Hearth never writes to the parent's own settings: it lays
 * "block" over the work sites and, to restore, clears everything it set;
 * what the parent had chosen shows through again unchanged.
 */

export interface NotificationLists {
  block: readonly SitePattern[];
  allow: readonly SitePattern[];
}

export interface NotificationPatterns {
  /** contentSettings primary patterns, sorted, no duplicates. */
  patterns: string[];
  /**
   * Blocked hosts quieted only on their own address, not their subdomains,
   * because a site inside them is allowed ("atlassian.net" with
   * "family.atlassian.net" allowed).
   */
  narrowed: string[];
  /** Blocked hosts not quieted at all: the same host, or a site around it, is allowed. */
  skipped: string[];
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * A content-settings pattern for one host. Notification permission belongs
 * to a site (scheme, host, port), never to a path, and content-settings
 * patterns must end in "/*" anyway. No port: every port (as the docs say).
 */
function patternFor(host: string, port: number | null, subdomains: boolean): string {
  const name = subdomains && !IPV4.test(host) ? `*.${host}` : host;
  return `*://${name}${port === null ? '' : `:${port}`}/*`;
}

/**
 * The notification patterns the lists ask for. Paths are ignored on both
 * lists (a permission has no path). A block entry covers its host and every
 * subdomain, as the block list does, with its port if it names one. A site
 * the parent allowed is never touched: Chrome has no "leave this one as the
 * parent set it" value for an extension to lay over a wider block, so a
 * blocked host with an allowed site inside it is quieted on its own address
 * only, and a blocked host that is itself allowed (or inside an allowed
 * site) is not quieted at all.
 */
export function notificationPatterns(lists: NotificationLists): NotificationPatterns {
  const allowedHosts = [...new Set(lists.allow.map((p) => p.host))];
  const patterns = new Set<string>();
  const narrowed = new Set<string>();
  const skipped = new Set<string>();
  for (const { host, port } of lists.block) {
    // Allowed itself, or inside an allowed site (an allow entry covers subdomains too).
    if (allowedHosts.some((allowed) => hostCovers(allowed, host))) {
      skipped.add(host);
      continue;
    }
    const inside = allowedHosts.some((allowed) => hostCovers(host, allowed));
    if (inside) narrowed.add(host);
    patterns.add(patternFor(host, port, !inside));
  }
  // A host both narrowed (one entry) and skipped (another) is not quieted.
  for (const host of skipped) narrowed.delete(host);
  return {
    patterns: [...patterns].sort(),
    narrowed: [...narrowed].sort(),
    skipped: [...skipped].sort(),
  };
}

export interface QuietInput {
  /** The parent's setting. */
  enabled: boolean;
  /** This browser has the contentSettings API (Firefox has none). */
  available: boolean;
  /** Family time is on (a step-past grant changes nothing here). */
  active: boolean;
  lists: NotificationLists;
}

/** The patterns that should say "block" right now: none outside family time. */
export function wantedPatterns(input: QuietInput): string[] {
  if (!input.enabled || !input.available || !input.active) return [];
  return notificationPatterns(input.lists).patterns;
}

/**
 * What Hearth has set in contentSettings, stored before it is set (so a
 * background killed half way still knows to clear). `complete` turns true
 * once every pattern was set.
 */
export interface Quieted {
  patterns: string[];
  complete: boolean;
}

export type QuietStep =
  /** The browser already looks right. */
  | { kind: 'keep' }
  /** Clear whatever Hearth set, then block exactly these. */
  | { kind: 'quiet'; patterns: string[] }
  /** Clear whatever Hearth set: the parent's own choices show through again. */
  | { kind: 'restore' };

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * From what is wanted and what was set, the one step to take. An unfinished
 * or different set is cleared and set again whole (clear is the only way to
 * take one pattern back); anything set while nothing is wanted is cleared,
 * whatever the reason (family time ended or was ended early, the setting
 * was turned off, the browser was closed during family time and started
 * after it).
 */
export function quietStep(wanted: readonly string[], quieted: Quieted | null): QuietStep {
  if (wanted.length === 0) return quieted === null ? { kind: 'keep' } : { kind: 'restore' };
  if (quieted?.complete && same(quieted.patterns, wanted)) return { kind: 'keep' };
  return { kind: 'quiet', patterns: [...wanted] };
}

/** What storage holds as the record of what was set, read forgivingly. */
export function readQuieted(raw: unknown): Quieted | null {
  if (raw === undefined || raw === null) return null;
  // Anything unreadable is treated as unfinished, so the next step clears it.
  if (typeof raw !== 'object' || Array.isArray(raw)) return { patterns: [], complete: false };
  const r = raw as Record<string, unknown>;
  const patterns = Array.isArray(r.patterns)
    ? r.patterns.filter((p): p is string => typeof p === 'string')
    : [];
  return { patterns, complete: r.complete === true && Array.isArray(r.patterns) };
}
