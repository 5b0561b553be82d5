import type { Plugin } from 'vite';

/**
 * Hearth never renders raw HTML: Biome's recommended rules already forbid
 * `dangerouslySetInnerHTML` in our code. Preact still ships the one code path
 * that honours it (`dom.innerHTML = props.dangerouslySetInnerHTML.__html`),
 * the only dynamic `innerHTML` sink in the bundle and the reason `web-ext lint`
 * warns (UNSAFE_VAR_ASSIGNMENT). This build step replaces that assignment with
 * a throw, so the sink is gone from what we ship rather than hidden from the
 * linter. If a Preact upgrade changes the code so the pattern is not found
 * exactly once, the build fails loudly instead of silently shipping the sink.
 */
const PREACT_FILE = /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.m?js$/;
const SINK = /\b([A-Za-z_$][\w$]*)\.innerHTML\s*=\s*([A-Za-z_$][\w$]*)\.__html\b/g;
const REPLACEMENT =
  '(()=>{throw new Error("Hearth never renders raw HTML (dangerouslySetInnerHTML)")})()';

export function noRawHtml(): Plugin {
  return {
    name: 'hearth:no-raw-html',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!PREACT_FILE.test(id.split('?')[0] ?? id)) return null;
      const sinks = code.match(SINK)?.length ?? 0;
      if (sinks !== 1) {
        this.error(
          `hearth:no-raw-html expected exactly one innerHTML sink in ${id}, found ${sinks}; ` +
            'update scripts/no-raw-html.ts for this Preact version.',
        );
      }
      return { code: code.replace(SINK, REPLACEMENT), map: null };
    },
  };
}
