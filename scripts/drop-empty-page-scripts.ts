import type { Plugin } from 'vite';

/**
 * WXT adds a module script for its runtime plugins to every HTML page. Hearth
 * has none, so the file is empty; the other pages fold it into their own
 * bundle, but the reminder's only script is a classic one (entrypoints/reminder.tsx),
 * so there it stays an empty file of its own, fetched before the photo can
 * show. This removes such empty module scripts from the built pages.
 */
const MODULE_SCRIPT = /<script type="module" crossorigin src="\/([^"]+)"><\/script>\s*/g;

export function dropEmptyPageScripts(): Plugin {
  return {
    name: 'hearth:drop-empty-page-scripts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        if (!bundle) return html;
        return html.replace(MODULE_SCRIPT, (tag, file: string) => {
          const chunk = bundle[file];
          return chunk?.type === 'chunk' && chunk.code.trim() === '' ? '' : tag;
        });
      },
    },
  };
}
