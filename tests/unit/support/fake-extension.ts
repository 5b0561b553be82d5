import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * The few things WXT's fakeBrowser lacks (or fakes too loosely) that the
 * adapters use: i18n from the real _locales file, permissions.contains, and
 * tabs.query's match-pattern `url` filter (the fake compares it with ===).
 * Installed once per test file; the state they keep is reset with fakeBrowser.
 */

interface LocaleMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

export const MESSAGES: Record<string, LocaleMessage> = JSON.parse(
  readFileSync(resolve(__dirname, '../../../public/_locales/en/messages.json'), 'utf8'),
);

/** chrome.i18n.getMessage: named placeholders, then $1-$9; "" for an unknown key. */
export function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = MESSAGES[key];
  if (!entry) return '';
  const subs =
    substitutions === undefined
      ? []
      : Array.isArray(substitutions)
        ? substitutions
        : [substitutions];
  let text = entry.message.replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => {
    const placeholder = entry.placeholders?.[name.toLowerCase()];
    return placeholder ? placeholder.content : whole;
  });
  text = text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  return text.replace(/\$\$/g, '$');
}

/** Chrome match patterns as tabs.query takes them ("https://*\/*", "<all_urls>"). */
export function matchesPattern(pattern: string, url: string): boolean {
  if (pattern === '<all_urls>') return /^(https?|file|ftp):/.test(url);
  const m = /^(\*|[a-z]+):\/\/(\*|\*\.[^/]+|[^/*]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme = '', host = '', path = ''] = m;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const protocol = parsed.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme)
    return false;
  if (host !== '*') {
    const bare = host.startsWith('*.') ? host.slice(2) : host;
    const ok =
      parsed.hostname === bare || (host.startsWith('*.') && parsed.hostname.endsWith(`.${bare}`));
    if (!ok) return false;
  }
  const glob = new RegExp(
    `^${path
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return glob.test(parsed.pathname + parsed.search);
}

export interface ExtensionStubs {
  /** What permissions.contains answers (the parent may have withdrawn host access). */
  hostAccess: boolean;
  permissionChecks: number;
}

interface TabLike {
  url?: string;
}

export function installExtensionStubs(): ExtensionStubs {
  const stubs: ExtensionStubs = { hostAccess: true, permissionChecks: 0 };

  Object.assign(fakeBrowser.i18n as unknown as Record<string, unknown>, {
    getMessage,
    // en-GB writes clock times as "20:30", which tests can read without a locale table.
    getUILanguage: () => 'en-GB',
  });

  Object.assign(fakeBrowser.permissions as unknown as Record<string, unknown>, {
    contains: async () => {
      stubs.permissionChecks += 1;
      return stubs.hostAccess;
    },
    resetState: () => {
      stubs.hostAccess = true;
      stubs.permissionChecks = 0;
    },
  });

  const query = fakeBrowser.tabs.query.bind(fakeBrowser.tabs) as (
    info: object,
  ) => Promise<TabLike[]>;
  const filtered = async (info: { url?: string | string[] } & Record<string, unknown>) => {
    const { url, ...rest } = info;
    const tabs = await query(rest);
    if (url === undefined) return tabs;
    const patterns = Array.isArray(url) ? url : [url];
    return tabs.filter(
      (tab) => tab.url !== undefined && patterns.some((p) => matchesPattern(p, tab.url as string)),
    );
  };
  (fakeBrowser.tabs as unknown as Record<string, unknown>).query = filtered;

  return stubs;
}
