import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { dropEmptyPageScripts } from './scripts/drop-empty-page-scripts';
import { nativeBrowserInPages } from './scripts/native-browser-in-pages';
import { noRawHtml } from './scripts/no-raw-html';
import { renderBlockingEntry } from './scripts/render-blocking-entry';

// Chromium and Firefox get the same MV3 extension; Firefox differs only in
// its gecko id and data-collection declaration (needed for a clean lint).
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  hooks: {
    // Every build but the background's uses the browser's own API object, not the polyfill.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.some((entry) => entry.type === 'background')) return;
      config.plugins = [...(config.plugins ?? []), nativeBrowserInPages()];
    },
  },
  // `npm run bench` builds a copy with source maps elsewhere, to say which code takes the bytes.
  outDir: process.env.HEARTH_OUT_DIR ?? '.output',
  // noRawHtml: Preact's dangerouslySetInnerHTML sink is removed from the bundle (see the file).
  vite: () => ({
    plugins: [preact(), noRawHtml(), dropEmptyPageScripts(), renderBlockingEntry()],
    // Every browser Hearth supports knows modulepreload: no polyfill file to fetch first.
    build: { modulePreload: { polyfill: false }, sourcemap: process.env.HEARTH_SOURCEMAP === '1' },
  }),
  webExt: {
    binaries: {
      chrome: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      firefox: process.env.FIREFOX_PATH ?? '/usr/lib/firefox-esr/firefox-esr',
    },
    // Chromium refuses to start as root with its sandbox on (CI machines, containers).
    chromiumArgs: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'declarativeNetRequest',
      'storage',
      'alarms',
      'webNavigation',
      'notifications',
      // The page catch: a registered content script stops a blocked site its own
      // service worker answers, before it paints (utils/browser/page-catch.ts).
      'scripting',
      // Quiet work notifications in family time (docs/ARCHITECTURE.md: why declared, not optional).
      // Firefox has no such API and would warn about an unknown permission.
      ...(browser === 'firefox' ? [] : ['contentSettings']),
    ],
    host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'Hearth' },
    // A link clicked on a work site must land on the reminder, not on an error page; an
    // embedded work site's frame is redirected here too, so any http(s) page must reach it.
    // use_dynamic_url was tried (2026-12-01): Firefox 153 redirected fine, but in Chromium
    // 156 a typed work address then ended on chrome-error:// (2 of 2 runs), so it is not used.
    web_accessible_resources: [
      { resources: ['blocked.html'], matches: ['http://*/*', 'https://*/*'] },
    ],
    commands: {
      'start-family-time': {
        suggested_key: { default: 'Alt+Shift+F' },
        description: '__MSG_commandStart__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'hearth@hearth.invalid',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {
          minimum_chrome_version: '144',
          // Chrome/Edge: in the default "spanning" mode an extension page cannot load in
          // an incognito tab's main frame, so a private window would show an error
          // instead of the reminder. "split" runs a copy of Hearth there (storage.local
          // is shared). Firefox does not support it and would refuse private windows.
          incognito: 'split',
        }),
  }),
});
