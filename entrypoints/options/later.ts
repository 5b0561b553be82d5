/**
 * The settings page draws its header and its first section (the week: what
 * the first screen shows) from its own script (the week's window form and dates editor excepted); every section
 * below them comes from one module loaded right after, so the first content
 * does not wait for their code (docs/ARCHITECTURE.md). A page opened at one
 * of those sections (`options.html#your-week`) waits for it before its first
 * render, so the browser finds the anchor.
 */
export type LaterModule = typeof import('./Later');

let loaded: LaterModule | null = null;
let loading: Promise<LaterModule> | null = null;

export function loadLater(): Promise<LaterModule> {
  loading ??= import('./Later').then((module) => {
    loaded = module;
    return module;
  });
  return loading;
}

export const laterLoaded = (): LaterModule | null => loaded;

/** Section ids the page's own script draws; any other anchor is in the later module. */
export const FIRST_SECTIONS: ReadonlySet<string> = new Set(['', 'week']);
