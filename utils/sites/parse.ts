/**
 * What a person types as a site ("mail.google.com", "https://Slack.com/",
 * "*.atlassian.net", "docs.google.com/document", "bücher.de", "10.0.0.7:8080")
 * becomes a SitePattern, or a specific error. A pattern covers its host and
 * every subdomain (as declarativeNetRequest's requestDomains does), an optional
 * port, and an optional path prefix that ends at a segment boundary.
 */
export interface SitePattern {
  /** ASCII (punycode) lowercase host, without a leading "*."; an IPv6 literal keeps its brackets. */
  host: string;
  port: number | null;
  /** "" or a path prefix such as "/document" (no trailing slash). */
  path: string;
}

export type SiteError =
  | { code: 'empty' }
  | { code: 'spaces' }
  | { code: 'scheme'; scheme: string }
  | { code: 'no-dot'; host: string; suggestion: string }
  | { code: 'wildcard' }
  | { code: 'characters'; host: string }
  | { code: 'too-long' }
  | { code: 'port' };

export type SiteParse =
  | { ok: true; pattern: SitePattern; text: string }
  | { ok: false; error: SiteError };

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** Two or more valid lowercase ASCII labels, nothing else: already what URL would give back. */
const PLAIN_ASCII_HOST =
  /^(?=.{1,253}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+(?!-)[a-z0-9-]{1,63}(?<!-)$/;

const NUMBER_LIKE_LAST_LABEL = /\.(?:\d+|0x[0-9a-f]*)$/;
const PUNYCODE_LABEL = /(?:^|\.)xn--/;

/**
 * Stored lists hold normalised plain hosts; they skip the slow URL round
 * trip. Only hosts URL would give back unchanged: punycode labels ("xn--")
 * must be checked by URL (Firefox refuses a whole DNR update over one invalid
 * one), and a number-like last label ("0x1f", or an IPv4's) is not a domain.
 */
function plainHostPattern(text: string): SitePattern | null {
  return PLAIN_ASCII_HOST.test(text) &&
    !NUMBER_LIKE_LAST_LABEL.test(text) &&
    !PUNYCODE_LABEL.test(text)
    ? { host: text, port: null, path: '' }
    : null;
}

export function parseSite(input: string): SiteParse {
  const fail = (error: SiteError): SiteParse => ({ ok: false, error });
  let rest = input.trim();
  const plain = plainHostPattern(rest);
  if (plain) return { ok: true, pattern: plain, text: rest };
  if (!rest) return fail({ code: 'empty' });
  if (/\s/.test(rest)) return fail({ code: 'spaces' });
  if (rest.length > 2048) return fail({ code: 'too-long' });

  // A dotted name before ":" is a host with a bad port ("x.com:abc"), not a scheme.
  const scheme = /^([a-z][a-z0-9+-]*):(?!\d)/i.exec(rest);
  if (scheme) {
    const name = (scheme[1] ?? '').toLowerCase();
    if (name !== 'http' && name !== 'https') return fail({ code: 'scheme', scheme: name });
    rest = rest.slice(scheme[0].length).replace(/^\/\//, '');
  }

  const cut = rest.search(/[/?#]/);
  let hostPart = cut === -1 ? rest : rest.slice(0, cut);
  const afterHost = cut === -1 ? '' : rest.slice(cut);
  const rawPath = afterHost.startsWith('/') ? (afterHost.split(/[?#]/)[0] ?? '') : '';

  if (hostPart.includes('@')) return fail({ code: 'characters', host: hostPart });
  if (hostPart.startsWith('[')) return parseIpv6(hostPart, rawPath, fail);
  if (hostPart.startsWith('*.')) hostPart = hostPart.slice(2);
  if (hostPart.includes('*')) return fail({ code: 'wildcard' });

  let port: number | null = null;
  const portMatch = /:(\d*)$/.exec(hostPart);
  if (portMatch) {
    port = Number(portMatch[1]);
    if (!portMatch[1] || !Number.isInteger(port) || port < 1 || port > 65535)
      return fail({ code: 'port' });
    hostPart = hostPart.slice(0, portMatch.index);
  }
  if (hostPart.includes(':')) return fail({ code: 'port' });

  const displayHost = hostPart.toLowerCase().replace(/\.$/, '');
  if (!displayHost) return fail({ code: 'empty' });
  let host: string;
  try {
    host = new URL(`http://${displayHost}/`).hostname;
  } catch {
    return fail({ code: 'characters', host: displayHost });
  }
  if (host.length > 253) return fail({ code: 'too-long' });
  if (!IPV4.test(host)) {
    const labels = host.split('.');
    if (!labels.every((l) => LABEL.test(l)) || host !== host.toLowerCase()) {
      return fail({ code: 'characters', host: displayHost });
    }
    if (labels.length < 2 && host !== 'localhost') {
      return fail({ code: 'no-dot', host: displayHost, suggestion: `${displayHost}.com` });
    }
    if (/^\d+$/.test(labels[labels.length - 1] ?? ''))
      return fail({ code: 'characters', host: displayHost });
  }

  const path = normalPath(rawPath);
  const text = `${displayHost}${port === null ? '' : `:${port}`}${path}`;
  return { ok: true, pattern: { host, port, path }, text };
}

/** "/Document/" -> "/Document": the URL parser's escaping, no trailing slash. */
function normalPath(rawPath: string): string {
  if (!rawPath || rawPath === '/') return '';
  return new URL(`http://h${rawPath}`).pathname.replace(/\/+$/, '');
}

/** "[2001:db8::1]:8080/x": an IPv6 literal, written as URLs write it (in brackets). */
function parseIpv6(
  hostPart: string,
  rawPath: string,
  fail: (error: SiteError) => SiteParse,
): SiteParse {
  const m = /^(\[[0-9a-fA-F:.]+\])(?::(\d*))?$/.exec(hostPart);
  if (!m?.[1]) return fail({ code: 'characters', host: hostPart });
  let host: string;
  try {
    host = new URL(`http://${m[1]}/`).hostname;
  } catch {
    return fail({ code: 'characters', host: hostPart });
  }
  let port: number | null = null;
  if (m[2] !== undefined) {
    port = Number(m[2]);
    if (!m[2] || !Number.isInteger(port) || port < 1 || port > 65535) return fail({ code: 'port' });
  }
  const path = normalPath(rawPath);
  return {
    ok: true,
    pattern: { host, port, path },
    text: `${host}${port === null ? '' : `:${port}`}${path}`,
  };
}

/** A pattern written back as text ("docs.google.com/document", "[::1]:3000"). */
export function patternText(p: SitePattern): string {
  return `${p.host}${p.port === null ? '' : `:${p.port}`}${p.path}`;
}

export function isIpv6(host: string): boolean {
  return host.startsWith('[');
}

const UNRESERVED_ESCAPE = /%(2[dDeE]|3\d|[46][1-9a-fA-F]|[57][0-9aA]|5[fF]|7[eE])/g;

/** The path escapes a character that needs none ("%64" for "d"): a way round an exact regex. */
export function hasUnreservedEscape(pathname: string): boolean {
  return new RegExp(UNRESERVED_ESCAPE.source).test(pathname);
}

/**
 * A path as the server reads it, for comparing with a pattern: escapes of
 * unreserved characters ("%64" for "d") decoded, letters in lower case.
 * Neither browser decodes those escapes itself, so without this
 * "/%64ocument" or "/Document" would walk past "/document".
 */
/** "/%64oc" -> "/doc": characters that never needed escaping, written plainly (case kept). */
export function decodeUnreserved(pathname: string): string {
  return pathname.replace(UNRESERVED_ESCAPE, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

export function comparablePath(pathname: string): string {
  return decodeUnreserved(pathname).toLowerCase();
}

const PARSED = new Map<string, SitePattern | null>();
const PARSED_MAX = 100_000;

/**
 * Patterns from stored texts; a text that no longer parses is skipped, and
 * counted. Every reconcile re-reads the same lists, so parses are remembered
 * (parseSite is pure, so a remembered answer is the same answer).
 */
export function parseAll(texts: readonly string[]): { patterns: SitePattern[]; invalid: number } {
  const patterns: SitePattern[] = [];
  let invalid = 0;
  for (const text of texts) {
    // Plain hosts (nearly every stored site) are cheaper to check than to remember.
    let pattern = plainHostPattern(text) ?? PARSED.get(text);
    if (pattern === undefined) {
      const parsed = parseSite(text);
      pattern = parsed.ok ? parsed.pattern : null;
      if (PARSED.size >= PARSED_MAX) PARSED.clear();
      PARSED.set(text, pattern);
    }
    if (pattern) patterns.push(pattern);
    else invalid += 1;
  }
  return { patterns, invalid };
}

/** A pattern the packed requestDomains rule can hold (an IPv6 literal cannot be a domain). */
export function isPlainDomain(p: SitePattern): boolean {
  return p.port === null && p.path === '' && !isIpv6(p.host);
}

export function hostCovers(patternHost: string, hostname: string): boolean {
  return hostname === patternHost || hostname.endsWith(`.${patternHost}`);
}

/**
 * How a pattern's path is compared. Blocking is wide: any letter case, and
 * escaped letters too ("/Document", "/%64ocument"), so a path cannot be
 * dodged. Opening (allow entries, step-past grants) is exact: a grant for
 * "/document/d/abc" never opens "/document/d/ABC", a different document.
 */
export type PathMatch = 'wide' | 'exact';

/** Same meaning as the DNR rule compiled from the pattern (tests check they agree). */
export function patternMatches(p: SitePattern, url: URL, match: PathMatch = 'wide'): boolean {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const hostname = url.hostname.replace(/\.$/, '');
  if (!hostCovers(p.host, hostname)) return false;
  if (p.port !== null && url.port !== String(p.port)) return false;
  if (p.path === '') return true;
  // Both sides read alike: a pattern made from a page's own address keeps its escapes ("/%30").
  const read = match === 'exact' ? decodeUnreserved : comparablePath;
  const path = read(url.pathname);
  const prefix = read(p.path);
  return path === prefix || path.startsWith(`${prefix}/`);
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a path regex also accepts each unreserved character percent-encoded
 * ("/%64ocument" for "/document"; neither browser decodes those before its
 * rules see the URL). 'tolerant' where the browser can hold such a regex
 * (Firefox); Chromium refuses it as too complex even for one character
 * (measured), so there it is 'exact' and the backstop catches an escaped
 * path before it commits (see `hasUnreservedEscape`).
 */
export type UrlEscapes = 'exact' | 'tolerant';

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

function escapedChar(ch: string): string {
  if (!UNRESERVED.test(ch)) return escapeRegex(ch);
  const hex = (c: string) => `%${c.charCodeAt(0).toString(16)}`;
  // Blocking rules match case-insensitively, so "%44" also stands for "%64" and "d" for "D".
  const codes = new Set([hex(ch.toLowerCase()), hex(ch.toUpperCase())]);
  return `(?:${escapeRegex(ch)}|${[...codes].join('|')})`;
}

/**
 * A regex over the whole URL, so a redirect's \0 carries every character of it.
 * Like patternMatches it allows userinfo ("user@") and a fully qualified
 * host's trailing dot, which the browser keeps in the URL the rule sees.
 * It is meant to be matched case-insensitively (DNR's default), as paths are
 * compared in patternMatches.
 */
export function patternRegex(p: SitePattern, escapes: UrlEscapes = 'exact'): string {
  const port = p.port === null ? '(?::\\d+)?' : `:${p.port}`;
  const host = isIpv6(p.host) ? escapeRegex(p.host) : `(?:[^/?#@]*\\.)?${escapeRegex(p.host)}\\.?`;
  const path = escapes === 'tolerant' ? [...p.path].map(escapedChar).join('') : escapeRegex(p.path);
  return `^https?://(?:[^/?#@]*@)?${host}${port}${path}(?:[/?#].*)?$`;
}

/** Drops hosts already covered by a parent domain in the same list (mail.google.com under google.com). */
export function minimalDomains(hosts: Iterable<string>): string[] {
  const all = new Set(hosts);
  const kept: string[] = [];
  for (const host of all) {
    let covered = false;
    for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) {
      if (all.has(host.slice(dot + 1))) {
        covered = true;
        break;
      }
    }
    if (!covered) kept.push(host);
  }
  return kept.sort();
}
