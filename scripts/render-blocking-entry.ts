import type { Plugin } from 'vite';

/**
 * Vite rewrites a page's `<script type="module">` and drops attributes it
 * does not know, `blocking` among them. On the pages that start their storage
 * read early (entrypoints/early-read.ts) the entry module is put back as
 * `blocking="render"`: the browser paints no frame before it has run, so the
 * first frame already shows the state (docs/ARCHITECTURE.md).
 */
const ENTRY = /<script type="module" crossorigin src="/;

export function renderBlockingEntry(): Plugin {
  return {
    name: 'hearth:render-blocking-entry',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (!html.includes('src="/early-read.js"')) return html;
        return html.replace(ENTRY, '<script type="module" blocking="render" crossorigin src="');
      },
    },
  };
}
