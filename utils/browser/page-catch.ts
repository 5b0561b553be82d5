import { browser } from 'wxt/browser';
import { catchPatterns } from '@/utils/sites/page-catch';
import type { SitePattern } from '@/utils/sites/parse';
import type { RuleLists } from '@/utils/sites/rules';

/**
 * The page catch's registration (utils/sites/page-catch.ts says what it
 * matches and why): one registered content script, converged by reconcile
 * like the DNR rules, registered only while blocking is on. Its files are
 * built from entrypoints/page-catch.ts and public/page-catch.css.
 */
export const PAGE_CATCH_ID = 'hearth-page-catch';
const JS = ['/page-catch.js'];
const CSS = ['/page-catch.css'];

/** A registered content script, as `browser.scripting` takes and lists it. */
export interface Registration {
  id: string;
  js?: string[];
  css?: string[];
  matches?: string[];
  excludeMatches?: string[];
  runAt?: string;
  allFrames?: boolean;
  persistAcrossSessions?: boolean;
}

/** The part of browser.scripting used here (Chromium 96+, Firefox 102+ in MV3). */
interface Scripting {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<Registration[]>;
  registerContentScripts(scripts: Registration[]): Promise<void>;
  updateContentScripts(scripts: Registration[]): Promise<void>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
}

const scripting = () => browser.scripting as unknown as Scripting;

function wanted(lists: RuleLists): { registration: Registration | null; uncovered: SitePattern[] } {
  const { matches, excludeMatches, uncovered } = catchPatterns(lists);
  if (matches.length === 0) return { registration: null, uncovered };
  return {
    registration: {
      id: PAGE_CATCH_ID,
      js: JS,
      css: CSS,
      matches,
      excludeMatches,
      runAt: 'document_start',
      // An embedded work site served by its own worker is caught in its frame too.
      allFrames: true,
      // Registered while blocking is on: a browser restarted in family time has it at once.
      persistAcrossSessions: true,
    },
    uncovered,
  };
}

/** Browsers echo a registration back in their own way (order, a leading "/", unset fields). */
function sameRegistration(a: Registration, b: Registration): boolean {
  const files = (xs: string[] | undefined) => (xs ?? []).map((f) => f.replace(/^\//, '')).sort();
  const set = (xs: string[] | undefined) => [...(xs ?? [])].sort();
  const eq = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return (
    eq(files(a.js), files(b.js)) &&
    eq(files(a.css), files(b.css)) &&
    eq(set(a.matches), set(b.matches)) &&
    eq(set(a.excludeMatches), set(b.excludeMatches)) &&
    (a.runAt ?? 'document_idle') === (b.runAt ?? 'document_idle') &&
    (a.allFrames ?? false) === (b.allFrames ?? false)
  );
}

export type CatchChange = 'kept' | 'registered' | 'updated' | 'unregistered';

export interface CaughtPages {
  change: CatchChange;
  /** Block patterns the script cannot say in this browser. */
  uncovered: SitePattern[];
}

/**
 * Makes the registered script match `lists` (nothing blocked: none), touching
 * the browser only when it differs. Idempotent, like convergeRules.
 */
export async function convergePageCatch(lists: RuleLists): Promise<CaughtPages> {
  const api = scripting();
  const { registration, uncovered } = wanted(lists);
  const [current] = await api.getRegisteredContentScripts({ ids: [PAGE_CATCH_ID] });
  if (!registration) {
    if (!current) return { change: 'kept', uncovered };
    await api.unregisterContentScripts({ ids: [PAGE_CATCH_ID] });
    return { change: 'unregistered', uncovered };
  }
  if (current && sameRegistration(current, registration)) return { change: 'kept', uncovered };
  if (current) {
    // persistAcrossSessions is fixed at registration; an update leaves it out.
    const { persistAcrossSessions: _fixed, ...update } = registration;
    try {
      await api.updateContentScripts([update]);
    } catch (error) {
      // A script left as it was would still stop a page just opened by a step past: it
      // goes, and the rules alone keep the evening until the next reconcile registers it.
      await api.unregisterContentScripts({ ids: [PAGE_CATCH_ID] }).catch(() => undefined);
      throw error;
    }
    return { change: 'updated', uncovered };
  }
  await api.registerContentScripts([registration]);
  return { change: 'registered', uncovered };
}
