import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * chrome.contentSettings.notifications as Chrome behaves, which WXT's
 * fakeBrowser does not mock. Two layers: the parent's own site choices (what
 * they answered in a prompt or set in chrome://settings) and this
 * extension's. The extension's layer wins over the parent's; inside a layer
 * the more specific pattern wins (host, then scheme, then port); nothing
 * matching means "ask". `clear` removes this extension's settings and only
 * those. It refuses what Chrome refuses: a path other than "/*", a scheme
 * other than http(s) or "*", a secondary pattern, an unknown setting, and the
 * incognito session scope with no incognito window open.
 */

export type NotificationSetting = 'allow' | 'block' | 'ask';

interface Parsed {
  scheme: string;
  host: string;
  subdomains: boolean;
  port: string;
}

const PATTERN = /^(\*|https?):\/\/(\*|\*\.[^/*:]+|[^/*:]+)(?::(\d+|\*))?(\/.*)$/;

function parsePattern(pattern: string): Parsed {
  if (pattern === '<all_urls>') return { scheme: '*', host: '*', subdomains: true, port: '*' };
  const m = PATTERN.exec(pattern);
  if (!m) throw new Error(`The pattern "${pattern}" is invalid.`);
  const [, scheme = '', rawHost = '', port = '*', path = ''] = m;
  if (path !== '/*') throw new Error('Specific paths are not allowed.');
  const subdomains = rawHost === '*' || rawHost.startsWith('*.');
  const host = rawHost === '*' ? '*' : rawHost.replace(/^\*\./, '');
  if (host !== '*' && !/^[a-z0-9.-]+$/.test(host)) {
    throw new Error(`The pattern "${pattern}" is invalid.`);
  }
  return { scheme, host, subdomains, port };
}

function matches(p: Parsed, url: URL): boolean {
  const scheme = url.protocol.slice(0, -1);
  if (p.scheme === '*' ? scheme !== 'http' && scheme !== 'https' : p.scheme !== scheme) {
    return false;
  }
  const port = url.port || (scheme === 'https' ? '443' : '80');
  if (p.port !== '*' && p.port !== port) return false;
  if (p.host === '*') return true;
  return url.hostname === p.host || (p.subdomains && url.hostname.endsWith(`.${p.host}`));
}

/** Higher is more specific: hostname first, then scheme, then port (as Chrome documents). */
function specificity(p: Parsed): number[] {
  const host = p.host === '*' ? 0 : p.subdomains ? 1 + p.host.split('.').length : 1000;
  return [host, p.scheme === '*' ? 0 : 1, p.port === '*' ? 0 : 1];
}

/** Lexicographic: the first part that differs decides. */
function moreSpecific(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return false;
}

function mostSpecific(rules: Map<string, NotificationSetting>, url: URL) {
  let best: { rank: number[]; setting: NotificationSetting } | null = null;
  for (const [pattern, setting] of rules) {
    const parsed = parsePattern(pattern);
    if (!matches(parsed, url)) continue;
    const rank = specificity(parsed);
    if (best === null || moreSpecific(rank, best.rank)) best = { rank, setting };
  }
  return best?.setting ?? null;
}

const SETTINGS = new Set(['allow', 'block', 'ask']);

export interface FakeNotificationSettings {
  set(details: {
    primaryPattern: string;
    secondaryPattern?: string;
    setting: string;
    scope?: string;
  }): Promise<void>;
  get(details: { primaryUrl: string; incognito?: boolean }): Promise<{ setting: string }>;
  clear(details: { scope?: string }): Promise<void>;
  /** The parent chose this themselves (a prompt answer, chrome://settings). */
  parentSets(pattern: string, setting: NotificationSetting): void;
  /** What a site at `url` gets now, both layers considered. */
  effective(url: string): NotificationSetting;
  /** This extension's settings, by pattern. */
  extensionSettings(): Record<string, NotificationSetting>;
  parentSettings(): Record<string, NotificationSetting>;
  /** Every set and clear call, refused ones included. */
  calls: string[];
  resetState(): void;
}

export function createFakeNotificationSettings(): FakeNotificationSettings {
  const parent = new Map<string, NotificationSetting>();
  const extension = new Map<string, NotificationSetting>();
  const checkScope = (scope: string | undefined) => {
    if (scope === undefined || scope === 'regular') return;
    if (scope === 'incognito_session_only') {
      throw new Error("Can't modify regular settings from an incognito context.");
    }
    throw new Error(`Invalid scope "${scope}".`);
  };
  const fake: FakeNotificationSettings = {
    calls: [],
    async set({ primaryPattern, secondaryPattern, setting, scope }) {
      fake.calls.push(`set ${primaryPattern} ${setting}`);
      checkScope(scope);
      parsePattern(primaryPattern);
      if (secondaryPattern !== undefined && secondaryPattern !== '<all_urls>') {
        throw new Error('Site-specific settings for secondary URLs are not supported.');
      }
      if (!SETTINGS.has(setting)) throw new Error(`Invalid value "${setting}".`);
      extension.set(primaryPattern, setting as NotificationSetting);
    },
    async get({ primaryUrl }) {
      return { setting: fake.effective(primaryUrl) };
    },
    async clear({ scope }) {
      fake.calls.push('clear');
      checkScope(scope);
      extension.clear();
    },
    parentSets(pattern, setting) {
      parsePattern(pattern);
      parent.set(pattern, setting);
    },
    effective(url) {
      const parsed = new URL(url);
      return mostSpecific(extension, parsed) ?? mostSpecific(parent, parsed) ?? 'ask';
    },
    extensionSettings: () => Object.fromEntries(extension),
    parentSettings: () => Object.fromEntries(parent),
    resetState() {
      parent.clear();
      extension.clear();
      fake.calls = [];
    },
  };
  return fake;
}

/**
 * Puts the fake onto `fakeBrowser.contentSettings.notifications` (what
 * `wxt/browser` is under WxtVitest); fakeBrowser.reset() resets it.
 * `remove()` takes contentSettings away, as in Firefox, until `restore()`.
 */
export function installFakeContentSettings(): FakeNotificationSettings & {
  remove(): void;
  restore(): void;
} {
  const fake = createFakeNotificationSettings();
  const host = fakeBrowser as unknown as Record<string, unknown>;
  const api = { notifications: fake, resetState: () => fake.resetState() };
  host.contentSettings = api;
  return Object.assign(fake, {
    remove: () => {
      host.contentSettings = undefined;
    },
    restore: () => {
      host.contentSettings = api;
    },
  });
}
