/**
 * An init script for extension pages: records what the page shows in its
 * first animation frame (the frame before its first paint) and when, on the
 * page's clock. Shared by the e2e tests (what the first frame shows) and the
 * benchmarks (when it shows it). Read it back with `readFirstFrame`.
 */
export const FIRST_FRAME_PROBE = `(() => {
  if (!/^(chrome|moz)-extension:$/.test(location.protocol)) return;
  const probe = { firstFrame: null, firstFrameAt: null, headlineAt: null, headline: null };
  globalThis.hearthFirstFrame = probe;
  requestAnimationFrame(() => {
    probe.firstFrame = document.getElementById('app')?.innerText ?? '';
    probe.firstFrameAt = performance.now();
  });
  const observer = new MutationObserver(() => {
    const h = document.querySelector('.headline, .next');
    if (!h || !h.textContent) return;
    observer.disconnect();
    probe.headline = h.textContent;
    probe.headlineAt = performance.now();
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

export interface FirstFrame {
  /** The text of #app when the first animation frame ran. */
  firstFrame: string | null;
  firstFrameAt: number | null;
  /** The state line (popup .headline, other pages .next) and when it entered the DOM. */
  headline: string | null;
  headlineAt: number | null;
}

/** A string to evaluate in the page (it works the same over CDP and BiDi). */
export const READ_FIRST_FRAME = 'globalThis.hearthFirstFrame ?? null';
