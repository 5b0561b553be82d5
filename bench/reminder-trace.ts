import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';

/**
 * A real Chromium trace (CDP Tracing) of a few typed navigations to a blocked
 * URL, and where each one's time goes: before the commit (the redirect, the
 * browser picking a process and frame, the renderer committing) and after it
 * on the reminder document's main thread (HTML parse, script compile and
 * evaluate, the first Preact render, style/layout/paint, image decode, idle).
 * Trace timestamps (µs) are on the same monotonic clock as DevTools'
 * Network/Page timestamps, which the benchmark checks. HEARTH_BENCH_TRACE_DIR
 * keeps each trace there as JSON (for chrome://tracing or Perfetto).
 */

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    data?: { url?: string; requestId?: string };
    beginData?: { url?: string };
    chrome_extension_id?: { extension_id?: string };
  };
}

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'loading',
  'blink.user_timing',
  'v8.execute',
  'v8',
  'navigation',
  'toplevel',
  'extensions',
  'ServiceWorker',
];

/** Runs `body` with tracing on; returns its result and every trace event. */
export async function traced<T>(
  cdp: CDPSession,
  body: () => Promise<T>,
): Promise<{ result: T; events: TraceEvent[] }> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => {
    for (const e of value) events.push(e as unknown as TraceEvent);
  });
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: TRACE_CATEGORIES },
  });
  let result: T;
  try {
    result = await body();
  } finally {
    const complete = new Promise<void>((resolve) =>
      cdp.once('Tracing.tracingComplete', () => resolve()),
    );
    await cdp.send('Tracing.end');
    await complete;
  }
  const dir = process.env.HEARTH_BENCH_TRACE_DIR;
  if (dir) {
    await mkdir(dir, { recursive: true });
    const file = join(dir, `trace-${Date.now()}.json`);
    await writeFile(file, JSON.stringify({ traceEvents: events }));
    console.log(`trace written to ${file}`);
  }
  return { result, events };
}

/** One navigation's boundaries on the monotonic clock, in µs (from DevTools). */
export interface NavigationWindow {
  start: number;
  committed: number;
  domContentLoaded: number;
  painted: number;
  /** The document that finally shows, e.g. chrome-extension://ID/blocked.html */
  documentPrefix: string;
}

export const STEPS = [
  'Navigation start → the DNR redirect handled (browser)',
  'Redirect → the response for blocked.html starts (browser)',
  'Response → commit sent: process and frame picked, the site’s speculative frame discarded (browser)',
  'Commit sent → document committed (renderer)',
  'After commit: HTML parse',
  'After commit: script compile',
  'After commit: script evaluate (the app’s code and hooks, not its first render)',
  'After commit: Preact’s first render',
  'After commit: style, layout, paint',
  'After commit: image decode (main thread)',
  'After commit: other main-thread work (tasks, IPC, untraced gaps)',
  'After commit: the commit’s tail in the renderer (document loader, window and script contexts)',
  'After commit: main thread idle after that (waiting for files from the browser, frames, decode elsewhere)',
] as const;
export type Step = (typeof STEPS)[number];

export interface NavigationShares {
  total: number;
  steps: Record<Step, number>;
  /** Image decode on other threads of the renderer (in parallel with the main thread). */
  decodeElsewhere: number;
  /** The extension's service worker during [start − 3 ms, commit]: busy ms and extension API requests. */
  workerBusy: number;
  workerApiRequests: number;
  /** The browser's main thread busy during [start, commit], ms. */
  browserBusy: number;
  /** File fetches of the document (name → ms from request to finish). */
  fetches: Record<string, { asked: number; finished: number }>;
  /** From DevTools' DOMContentLoaded probe (MarkDOMContent) to domContentLoadedEventEnd: an untraced gap, ms. */
  afterDomContentLoaded: number;
  /** The page's renderer main thread busy from navigation start until it begins the commit, ms, and with what. */
  rendererBusyBeforeCommit: number;
  rendererBeforeCommit: Record<string, number>;
  /** Hearth's service worker runs in the same renderer process as the page (another thread). */
  workerInPageProcess: boolean;
  /** "Other" main-thread time by its innermost trace event's name, ms. */
  other: Record<string, number>;
  /** |DevTools DOMContentLoaded − trace domContentLoadedEventStart|, ms. */
  clockCheck: number;
}

const BIN_US = 50;

type Category = 'parse' | 'compile' | 'evaluate' | 'render-frame' | 'decode' | 'commit' | null;

function categoryOf(name: string): Category {
  if (/^ParseHTML$|DocumentParser/.test(name)) return 'parse';
  if (
    /^v8\.(compile|parse|produceCache|deserialize|compileModule)|^V8\.(Compile|Parse)/i.test(name)
  )
    return 'compile';
  if (/decode/i.test(name) && !/Deoptimize/.test(name)) return 'decode';
  if (
    /^(EvaluateScript|v8\.run|v8\.callFunction|FunctionCall|RunMicrotasks|TimerFire|EventDispatch|v8\.evaluateModule|V8\.Execute|FireAnimationFrame|v8\.newInstance|MinorGC|MajorGC|V8\.GC.*|BlinkGC.*)$/.test(
      name,
    )
  )
    return 'evaluate';
  if (
    /^(UpdateLayoutTree|Layout|PrePaint|Paint|PaintImage|Layerize|UpdateLayer|UpdateLayerTree|RecalculateStyles|ParseAuthorStyleSheet|CompositeLayers|HitTest|ProxyMain::BeginMainFrame|WebFrameWidgetImpl::UpdateLifecycle|LocalFrameView::.*|Blink\..*|PaintArtifactCompositor::Update|Document::UpdateStyleAndLayout.*)$/.test(
      name,
    )
  )
    return 'render-frame';
  if (
    /CommitNavigation|^DocumentLoader::|^FrameLoader::|^LocalWindowProxy::|DeserializeContext|ContextCreatedNotification|DidCreateScriptContext|didCommitProvisionalLoad/.test(
      name,
    )
  )
    return 'commit';
  return null;
}

const threadKey = (e: { pid: number; tid: number }) => `${e.pid}:${e.tid}`;

export function analyseNavigation(events: TraceEvent[], nav: NavigationWindow): NavigationShares {
  const names = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') names.set(threadKey(e), e.args?.name ?? '');
  const within = (e: TraceEvent, from: number, to: number) => e.ts >= from && e.ts <= to;
  const ms = (us: number) => us / 1000;

  const parse = events.find(
    (e) =>
      e.name === 'ParseHTML' &&
      within(e, nav.start, nav.painted) &&
      (e.args?.beginData?.url ?? '').startsWith(nav.documentPrefix),
  );
  if (!parse) throw new Error('the trace has no ParseHTML of the shown document');
  const main = threadKey(parse);
  const browserMain = [...names].find(([, n]) => n === 'CrBrowserMain')?.[0];

  const firstOn = (thread: string | undefined, name: string, from: number, to: number) =>
    events.find((e) => threadKey(e) === thread && e.name === name && within(e, from, to))?.ts;
  const redirected =
    firstOn(browserMain, 'NavigationRequest::OnRequestRedirected', nav.start, nav.committed) ??
    nav.start;
  const responded =
    firstOn(browserMain, 'NavigationRequest::OnResponseStarted', redirected, nav.committed) ??
    redirected;
  const commitSent =
    firstOn(main, 'RenderFrameImpl::CommitNavigation', responded, nav.committed) ?? responded;

  // After the commit: each 50 µs of the main thread goes to the innermost classified event.
  const from = nav.committed;
  const to = nav.painted;
  const bins = Math.max(0, Math.ceil((to - from) / BIN_US));
  const busy = new Uint8Array(bins);
  const best: ({ cat: Category; dur: number } | null)[] = new Array(bins).fill(null);
  const innermost: ({ name: string; dur: number } | null)[] = new Array(bins).fill(null);
  for (const e of events) {
    if (e.ph !== 'X' || threadKey(e) !== main || e.dur === undefined) continue;
    if (e.ts + e.dur < from || e.ts > to) continue;
    const a = Math.max(0, Math.floor((e.ts - from) / BIN_US));
    const b = Math.min(bins, Math.ceil((e.ts + e.dur - from) / BIN_US));
    const cat = categoryOf(e.name);
    for (let i = a; i < b; i += 1) {
      busy[i] = 1;
      const inner = innermost[i];
      if (!inner || e.dur < inner.dur) innermost[i] = { name: e.name, dur: e.dur };
      const current = best[i];
      if (cat && (!current || e.dur < current.dur)) best[i] = { cat, dur: e.dur };
    }
  }
  const mark = (name: string) =>
    events.find((e) => e.name === name && threadKey(e) === main && within(e, from, to))?.ts;
  const renderStart = mark('hearth-render-start');
  const renderEnd = mark('hearth-app-filled');
  const otherNames = new Map<string, number>();
  const totals = {
    parse: 0,
    compile: 0,
    evaluate: 0,
    render: 0,
    frame: 0,
    decode: 0,
    other: 0,
    commit: 0,
    idle: 0,
  };
  for (let i = 0; i < bins; i += 1) {
    const at = from + i * BIN_US;
    const cat = best[i]?.cat ?? null;
    const inRender =
      renderStart !== undefined && renderEnd !== undefined && at >= renderStart && at < renderEnd;
    if (!busy[i]) totals.idle += 1;
    else if (cat === 'commit') totals.commit += 1;
    else if (cat === 'parse') totals.parse += 1;
    else if (cat === 'compile') totals.compile += 1;
    else if (cat === 'decode') totals.decode += 1;
    else if (cat === 'render-frame') totals.frame += 1;
    else if (inRender && (cat === 'evaluate' || cat === null)) totals.render += 1;
    else if (cat === 'evaluate') totals.evaluate += 1;
    else {
      totals.other += 1;
      const name = innermost[i]?.name ?? '?';
      otherNames.set(name, (otherNames.get(name) ?? 0) + BIN_US / 1000);
    }
  }
  const binMs = (n: number) => (n * BIN_US) / 1000;

  // Decode elsewhere in the same renderer process.
  const pid = parse.pid;
  let decodeElsewhere = 0;
  for (const e of events)
    if (
      e.ph === 'X' &&
      e.pid === pid &&
      threadKey(e) !== main &&
      categoryOf(e.name) === 'decode' &&
      within(e, from, to)
    )
      decodeElsewhere += e.dur ?? 0;

  // The renderer's main thread before the commit reaches it: what it was busy with (innermost events).
  const before = new Map<string, number>();
  {
    const n = Math.max(0, Math.ceil((commitSent - nav.start) / BIN_US));
    const inner: ({ name: string; dur: number } | null)[] = new Array(n).fill(null);
    for (const e of events) {
      if (e.ph !== 'X' || threadKey(e) !== main || e.dur === undefined) continue;
      if (e.ts + e.dur < nav.start || e.ts > commitSent) continue;
      const a = Math.max(0, Math.floor((e.ts - nav.start) / BIN_US));
      const b = Math.min(n, Math.ceil((e.ts + e.dur - nav.start) / BIN_US));
      for (let i = a; i < b; i += 1) {
        const current = inner[i];
        if (!current || e.dur < current.dur) inner[i] = { name: e.name, dur: e.dur };
      }
    }
    for (const bin of inner)
      if (bin) before.set(bin.name, (before.get(bin.name) ?? 0) + BIN_US / 1000);
  }
  const rendererBusyBeforeCommit = [...before.values()].reduce((sum, v) => sum + v, 0);

  // The extension's service worker and the browser main thread before the commit.
  const workerThreads = new Set(
    [...names].filter(([, n]) => n === 'ServiceWorker thread').map(([k]) => k),
  );
  const workerInPageProcess = [...workerThreads].some((k) => k.startsWith(`${pid}:`));
  let workerBusy = 0;
  let workerApiRequests = 0;
  let browserBusy = 0;
  for (const e of events) {
    if (e.ph !== 'X') continue;
    const key = threadKey(e);
    if (workerThreads.has(key) && within(e, nav.start - 3000, nav.committed)) {
      if (e.name === 'ThreadControllerImpl::RunTask') workerBusy += e.dur ?? 0;
      if (e.name === 'NativeExtensionBindingsSystem::SendRequest') workerApiRequests += 1;
    }
    if (
      key === browserMain &&
      e.name === 'ThreadControllerImpl::RunTask' &&
      within(e, nav.start, nav.committed)
    )
      browserBusy += e.dur ?? 0;
  }

  const fetches: Record<string, { asked: number; finished: number }> = {};
  const asked = new Map<string, { url: string; ts: number }>();
  for (const e of events) {
    const id = e.args?.data?.requestId;
    if (!id || !within(e, nav.committed - 1000, nav.painted)) continue;
    if (e.name === 'ResourceSendRequest' && e.pid === pid)
      asked.set(id, { url: e.args?.data?.url ?? '', ts: e.ts });
    if (e.name === 'ResourceFinish') {
      const a = asked.get(id);
      if (a && !a.url.startsWith('data:'))
        fetches[new URL(a.url).pathname.split('/').pop() ?? a.url] = {
          asked: ms(a.ts - nav.start),
          finished: ms(e.ts - nav.start),
        };
    }
  }
  const probeAt = events.find(
    (e) => e.name === 'MarkDOMContent' && e.pid === pid && within(e, from, to + 50_000),
  );
  const dclEnd = events.find(
    (e) =>
      e.name === 'domContentLoadedEventEnd' &&
      e.pid === pid &&
      probeAt !== undefined &&
      e.ts >= probeAt.ts,
  );
  const dclMark = events.find(
    (e) => e.name === 'domContentLoadedEventStart' && e.pid === pid && within(e, from, to + 50_000),
  );

  const steps: Record<Step, number> = {
    [STEPS[0]]: ms(redirected - nav.start),
    [STEPS[1]]: ms(responded - redirected),
    [STEPS[2]]: ms(commitSent - responded),
    [STEPS[3]]: ms(nav.committed - commitSent),
    [STEPS[4]]: binMs(totals.parse),
    [STEPS[5]]: binMs(totals.compile),
    [STEPS[6]]: binMs(totals.evaluate),
    [STEPS[7]]: binMs(totals.render),
    [STEPS[8]]: binMs(totals.frame),
    [STEPS[9]]: binMs(totals.decode),
    [STEPS[10]]: binMs(totals.other),
    [STEPS[11]]: binMs(totals.commit),
    [STEPS[12]]: binMs(totals.idle),
  } as Record<Step, number>;
  return {
    total: ms(nav.painted - nav.start),
    steps,
    decodeElsewhere: ms(decodeElsewhere),
    workerBusy: ms(workerBusy),
    workerApiRequests,
    browserBusy: ms(browserBusy),
    fetches,
    other: Object.fromEntries(otherNames),
    rendererBusyBeforeCommit,
    rendererBeforeCommit: Object.fromEntries(before),
    workerInPageProcess,
    afterDomContentLoaded: probeAt && dclEnd ? ms(dclEnd.ts - probeAt.ts) : Number.NaN,
    clockCheck: dclMark ? Math.abs(ms(nav.domContentLoaded - dclMark.ts)) : Number.NaN,
  };
}
