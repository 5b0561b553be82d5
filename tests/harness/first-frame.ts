/**
 * An init script for extension pages: records #app's text in every animation
 * frame (the moment before the browser paints that frame) from the first one
 * until one shows something, on the page's clock. Shared by the e2e tests (what
 * the frames show) and the benchmarks (when the state shows). Chromium only:
 * Firefox runs no preload script in moz-extension:// pages, so there the
 * paint timeline (first-contentful-paint, largest-contentful-paint) tells it.
 */
export const FIRST_FRAME_PROBE = `(() => {
  if (!/^(chrome|moz)-extension:$/.test(location.protocol)) return;
  const probe = { frames: [], headline: null, headlineAt: null };
  globalThis.hearthFrames = probe;
  const frame = () => {
    const text = document.getElementById('app')?.innerText ?? '';
    probe.frames.push({ at: performance.now(), text });
    if (text === '' && probe.frames.length < 300) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const observer = new MutationObserver(() => {
    const h = document.querySelector('.headline, .next');
    if (!h || !h.textContent) return;
    observer.disconnect();
    probe.headline = h.textContent;
    probe.headlineAt = performance.now();
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

export interface Frames {
  /** #app's text in each animation frame, from the first until the first that showed anything. */
  frames: { at: number; text: string }[];
  /** The state line (popup .headline, other pages .next) and when it entered the DOM. */
  headline: string | null;
  headlineAt: number | null;
}

/** A string to evaluate in the page. */
export const READ_FRAMES = 'globalThis.hearthFrames ?? null';

/**
 * Firefox: the paint timeline of an extension page, read after it loaded. The
 * first contentful paint, and every element the browser reported as the
 * largest painted so far (with its text and whether it is still in the page).
 */
export const READ_PAINTS = `new Promise((resolve) => {
  const paints = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) paints.push({
      at: e.renderTime || e.startTime,
      connected: e.element ? e.element.isConnected : false,
      text: e.element ? (e.element.textContent ?? '') : '',
      className: e.element ? String(e.element.className) : '',
    });
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
  const nav = performance.getEntriesByType('navigation')[0];
  setTimeout(() => resolve({ fcp: fcp ? fcp.startTime : null, dcl: nav ? nav.domContentLoadedEventEnd : null, paints }), 50);
})`;

export interface Paints {
  fcp: number | null;
  dcl: number | null;
  paints: { at: number; connected: boolean; text: string; className: string }[];
}
