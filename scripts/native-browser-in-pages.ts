import type { Plugin } from 'vite';

/**
 * The background keeps webextension-polyfill (its runtime.onMessage listener
 * answers by returning a promise, which Chromium's own API does not take).
 * The pages, the reminder and the early read only call promise-returning APIs
 * that both browsers give natively (Chromium >= 144, Firefox >= 142: the
 * manifest's minimum versions), so their builds get the browser's own object
 * (@wxt-dev/browser) instead of the 2.7 KB (gzipped) polyfill.
 * utils/browser/messaging.ts reads the polyfilled background's rejection itself.
 *
 * The module @wxt-dev/webextension-polyfill aliases `wxt/browser` to its own
 * file in every build; this plugin, added to every build but the background's
 * (wxt.config.ts), sends that file to the native one.
 */
const POLYFILLED = '@wxt-dev/webextension-polyfill/browser';

export function nativeBrowserInPages(): Plugin {
  return {
    name: 'hearth:native-browser-in-pages',
    enforce: 'pre',
    async resolveId(id, importer, options) {
      if (id !== POLYFILLED && id !== 'wxt/browser') return null;
      return this.resolve('@wxt-dev/browser', importer, { ...options, skipSelf: true });
    },
  };
}
