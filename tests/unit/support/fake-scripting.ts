import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Registration } from '@/utils/browser/page-catch';

/**
 * A small, honest stand-in for browser.scripting's registered content scripts
 * (WXT's fakeBrowser leaves them unmocked). It refuses what Chromium 156
 * refuses (measured), and a refused call changes nothing:
 * - an invalid match pattern in `matches` or `excludeMatches` (a wildcard
 *   anywhere but a leading "*.", no path, an unknown scheme, and any port:
 *   "Invalid port", though host permissions may name one);
 * - a script without `matches`, without any js/css, or naming a file the
 *   extension does not have;
 * - a duplicate id, an id starting with "_", an unknown runAt;
 * - updating or unregistering an id that is not registered.
 * `runsAt` says whether a registered script would run in a document, by the
 * browsers' match semantics (host with "*." covers the host and subdomains,
 * no port = any port, path glob against path and query, case-sensitive).
 */

export type Registered = Registration;

export interface FakeScripting {
  registered(): Registered[];
  /** Every call that changed (or tried to change) the registrations. */
  writes: { method: 'register' | 'update' | 'unregister'; ok: boolean }[];
  runsAt(url: string): boolean;
  /** The files this extension's build holds. */
  files: Set<string>;
}

/** What `npm run build` puts at the extension's root for the page catch. */
const BUILT_FILES = ['page-catch.js', 'page-catch.css'];
const RUN_AT = new Set(['document_start', 'document_end', 'document_idle']);
const PATTERN =
  /^(\*|https?|file|ftp|wss?):\/\/(\*|\*\.[^/*:[\]]+|[^/*:[\]]+|\[[0-9a-f:.]+\])(?::(\*|\d{1,5}))?(\/.*)$/;

/** A content script's match pattern as Chromium takes it: a port, even "*", is refused. */
export function validMatchPattern(pattern: string): boolean {
  if (pattern === '<all_urls>') return true;
  const m = PATTERN.exec(pattern);
  return m !== null && m[3] === undefined;
}

const glob = (path: string) =>
  new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 's');

/** Whether a document at `url` is one `pattern` names (assumes a valid pattern). */
export function matchPatternCovers(pattern: string, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const protocol = parsed.protocol.slice(0, -1);
  if (pattern === '<all_urls>') return ['http', 'https', 'file', 'ftp'].includes(protocol);
  const m = PATTERN.exec(pattern);
  if (!m) return false;
  const [, scheme = '', host = '', port, path = ''] = m;
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme)
    return false;
  if (host !== '*') {
    const bare = host.startsWith('*.') ? host.slice(2) : host;
    const ok =
      parsed.hostname === bare || (host.startsWith('*.') && parsed.hostname.endsWith(`.${bare}`));
    if (!ok) return false;
  }
  if (port !== undefined && port !== '*') {
    const actual = parsed.port || (protocol === 'https' ? '443' : '80');
    if (actual !== port) return false;
  }
  return glob(path).test(`${parsed.pathname}${parsed.search}`);
}

export function createFakeScripting() {
  let scripts: Registered[] = [];
  const fake: FakeScripting & {
    api: Record<string, unknown>;
    reset(): void;
  } = {
    files: new Set(BUILT_FILES),
    writes: [],
    registered: () => structuredClone(scripts),
    runsAt: (url) =>
      scripts.some(
        (s) =>
          (s.matches ?? []).some((p) => matchPatternCovers(p, url)) &&
          !(s.excludeMatches ?? []).some((p) => matchPatternCovers(p, url)),
      ),
    reset: () => {
      scripts = [];
      fake.files = new Set(BUILT_FILES);
      fake.writes = [];
    },
    api: {},
  };

  const check = (s: Registered) => {
    if (!s.id || s.id.startsWith('_')) throw new Error(`Invalid content script id "${s.id}".`);
    if (!s.matches || s.matches.length === 0)
      throw new Error(`Script with ID '${s.id}' must specify 'matches'.`);
    for (const p of [...s.matches, ...(s.excludeMatches ?? [])])
      if (!validMatchPattern(p))
        throw new Error(`Script with ID '${s.id}' has invalid value for matches: '${p}'.`);
    if ((s.js?.length ?? 0) + (s.css?.length ?? 0) === 0)
      throw new Error(`Script with ID '${s.id}' must specify at least one js or css file.`);
    for (const file of [...(s.js ?? []), ...(s.css ?? [])])
      if (!fake.files.has(file.replace(/^\//, '')))
        throw new Error(`Could not load file: '${file}'.`);
    if (s.runAt !== undefined && !RUN_AT.has(s.runAt))
      throw new Error(`Invalid runAt '${s.runAt}'`);
  };
  const write = <T>(method: 'register' | 'update' | 'unregister', work: () => T): T => {
    try {
      const out = work();
      fake.writes.push({ method, ok: true });
      return out;
    } catch (error) {
      fake.writes.push({ method, ok: false });
      throw error;
    }
  };

  fake.api = {
    getRegisteredContentScripts: async (filter?: { ids?: string[] }) =>
      structuredClone(
        scripts.filter((s) => filter?.ids === undefined || filter.ids.includes(s.id)),
      ),
    registerContentScripts: async (batch: Registered[]) =>
      write('register', () => {
        const ids = new Set(scripts.map((s) => s.id));
        for (const s of batch) {
          if (ids.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          ids.add(s.id);
          check(s);
        }
        scripts = [...scripts, ...structuredClone(batch)];
      }),
    updateContentScripts: async (batch: Registered[]) =>
      write('update', () => {
        const next = structuredClone(scripts);
        for (const change of batch) {
          const i = next.findIndex((s) => s.id === change.id);
          if (i === -1) throw new Error(`Script with ID '${change.id}' does not exist.`);
          const merged = { ...next[i], ...structuredClone(change) } as Registered;
          check(merged);
          next[i] = merged;
        }
        scripts = next;
      }),
    unregisterContentScripts: async (filter?: { ids?: string[] }) =>
      write('unregister', () => {
        if (filter?.ids === undefined) {
          scripts = [];
          return;
        }
        for (const id of filter.ids)
          if (!scripts.some((s) => s.id === id)) throw new Error(`Nonexistent script ID '${id}'`);
        scripts = scripts.filter((s) => !filter.ids?.includes(s.id));
      }),
  };
  return fake;
}

/**
 * Puts a fake onto `fakeBrowser.scripting` (what `wxt/browser` resolves to
 * under WxtVitest); its state is cleared on every fakeBrowser.reset().
 */
export function installFakeScripting(): FakeScripting {
  const fake = createFakeScripting();
  Object.assign(fakeBrowser.scripting as unknown as Record<string, unknown>, fake.api, {
    resetState: () => fake.reset(),
  });
  return fake;
}
