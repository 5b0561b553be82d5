import { readdirSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page as FirefoxPage } from 'puppeteer-core';
import {
  activeWindow,
  EXTENSION_DIR,
  HearthBrowser,
  NO_RUNTIME,
  pollFor,
  settingsWith,
} from '../tests/harness/chromium';
import {
  FIREFOX_DIST,
  type Firefox,
  launchFirefox,
  navigate,
  openExtensionPage,
  poll,
  waitForLocation,
} from '../tests/harness/firefox';
import {
  FIRST_FRAME_PROBE,
  type Frames,
  type Paints,
  READ_FRAMES,
  READ_PAINTS,
} from '../tests/harness/first-frame';
import type { Settings } from '../utils/settings/schema';
import {
  type Contributor,
  contributors,
  kb,
  PAGES,
  pageScripts,
  scriptBytes,
  withSourceMapBuild,
} from './bundles';
import { plainDomains } from './core';
import { median, percentile, roundMs } from './measure';
import type { Benchmark, BenchmarkResult, Row, Target } from './types';

/**
 * Pages that answer at once (issue 16). The popup computes its state from
 * storage (utils/status.ts), so its time to the state is the page's own load.
 * Measured on the built extension in headless Chromium (playwright-core) and
 * Firefox (puppeteer-core over WebDriver BiDi, as the e2e tests drive it):
 *
 * - popup: navigation start (the document's time origin) -> first contentful
 *   paint, which is the state line: the page paints nothing before it (the e2e
 *   tests check that; here every sample checks the line was in the DOM by
 *   then). Three conditions: the background just used (a message a moment
 *   before), idle (Chromium: worker stopped over CDP; Firefox: event page left
 *   past its 1 s idle timeout), and during a reconcile (a settings write with
 *   5,000 sites just before the open).
 * - options: navigation start -> first contentful paint (the settings page's
 *   first content; it has no loading state any more).
 * - the background's own start: worker / event page script start -> its first
 *   reconcile finished (a performance mark), 5,000 sites during family time.
 * - the floor: beside every popup open, in the same condition, an extension
 *   page with no script at all (bench-floor.html, added to a copy of the
 *   build: the popup's HTML with its scripts taken out and the state line
 *   written in, its one stylesheet kept), timed the same way. No extension
 *   page can paint sooner than that on this machine. Beside it the scripted
 *   floor: the same page whose state line one tiny render-blocking script
 *   writes (the popup's own way in, without its code), so what is left over
 *   that is the popup's own work.
 * - JS per page, gzipped; and what takes the bytes (a source-map build).
 */

const OPENS = 20;
const OPTIONS_OPENS = 10;
const STARTS = 10;
const BIG_LIST = 5_000;
const FIREFOX_IDLE_MS = 2_500;
const TARGET_MEDIAN_MS = 50;
const TARGET_P95_MS = 100;
const BUDGET_GZIP: Partial<Record<(typeof PAGES)[number], number>> = {
  popup: 15 * 1024,
  blocked: 15 * 1024,
  options: 25 * 1024,
};

type Condition = 'used' | 'idle' | 'big' | 'reconcile';
const CONDITIONS: Condition[] = ['used', 'idle', 'big', 'reconcile'];
const CONDITION_TEXT: Record<Condition, string> = {
  used: 'background just used',
  idle: 'background idle (stopped / suspended)',
  big: 'background idle, 5,000 sites (the page’s own work)',
  reconcile: 'during a reconcile (5,000 sites, right after a settings write)',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Settings for the popup: family time on now, work.test blocked, and `extra` more sites. */
function popupSettings(extra: number, variant = 0): Settings {
  const settings = settingsWith([activeWindow(90).window]);
  settings.sites.push(
    ...plainDomains(extra, `v${variant}`).map((pattern, i) => ({
      id: `bench-${i}`,
      pattern,
      list: 'block' as const,
      updatedAt: variant,
    })),
  );
  return settings;
}

const FLOOR_PAGE = 'bench-floor.html';
/** The floor's state line written by one tiny script instead: what any page that renders from a script pays. */
const SCRIPTED_FLOOR_PAGE = 'bench-floor-scripted.html';
const SCRIPTED_FLOOR_SCRIPT = 'bench-floor-scripted.js';
const FLOOR_STATE_LINE = '<h1 class="headline">Family time until 20:30</h1>';

/** A copy of the build with the two floor pages in it (removed by the caller). */
async function withFloorPage(dist: string): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'hearth-bench-floor-'));
  await cp(dist, copy, { recursive: true });
  const popup = readFileSync(join(dist, 'popup.html'), 'utf8');
  const scriptFree = popup.replace(/<script\b[^>]*>\s*<\/script>\s*/g, '');
  const floor = scriptFree.replace(
    /<main id="app"><\/main>/,
    `<main id="app">${FLOOR_STATE_LINE}</main>`,
  );
  if (/<script/.test(floor) || !floor.includes('class="headline"'))
    throw new Error('the floor page could not be made from popup.html');
  await writeFile(join(copy, FLOOR_PAGE), floor);
  // The popup's own way in: one classic defer script that holds the first frame, then writes the state.
  const scripted = scriptFree.replace(
    '</head>',
    `<script src="/${SCRIPTED_FLOOR_SCRIPT}" defer blocking="render"></script></head>`,
  );
  if (!scripted.includes(SCRIPTED_FLOOR_SCRIPT))
    throw new Error('the scripted floor page could not be made from popup.html');
  await writeFile(join(copy, SCRIPTED_FLOOR_PAGE), scripted);
  await writeFile(
    join(copy, SCRIPTED_FLOOR_SCRIPT),
    `document.getElementById('app').innerHTML = ${JSON.stringify(FLOOR_STATE_LINE)};\n`,
  );
  return copy;
}

interface Open {
  painted: number;
  /** The very first animation frame already showed the state (Chromium only: null in Firefox). */
  firstFrame: boolean | null;
}

// ---- Chromium ----------------------------------------------------------------

const CHROMIUM_TIMES = `(() => {
  const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
  return { fcp: fcp ? fcp.startTime : null };
})()`;

type Measured = 'popup' | 'options' | 'floor' | 'scripted floor';

const FLOOR_FILES: Partial<Record<Measured, string>> = {
  floor: FLOOR_PAGE,
  'scripted floor': SCRIPTED_FLOOR_PAGE,
};
const pageFile = (page: Measured) => FLOOR_FILES[page] ?? `${page}.html`;

async function chromiumOpen(hearth: HearthBrowser, page: Measured): Promise<Open> {
  const tab = await hearth.context.newPage();
  try {
    await tab.addInitScript(FIRST_FRAME_PROBE);
    await tab.goto(hearth.extensionUrl('popup').replace('popup.html', pageFile(page)));
    const { fcp } = await pollFor(`${page} to paint`, async () => {
      const times = (await tab.evaluate(CHROMIUM_TIMES)) as { fcp: number | null };
      return times.fcp !== null ? times : undefined;
    });
    const frames = (await tab.evaluate(READ_FRAMES)) as Frames;
    if (fcp === null) throw new Error('no paint');
    if (page === 'popup' && (frames.headlineAt === null || frames.headlineAt > fcp + 1))
      throw new Error(`the popup painted before its state line: ${JSON.stringify(frames)}`);
    return {
      painted: fcp,
      firstFrame: frames.frames.length > 0 ? (frames.frames[0]?.text ?? '') !== '' : null,
    };
  } finally {
    await tab.close();
  }
}

async function chromiumPages(dist: string): Promise<{ rows: Row[]; start: number[] }> {
  const hearth = await HearthBrowser.launch({ extensionDir: dist });
  try {
    await hearth.arrange({ settings: popupSettings(0), runtime: NO_RUNTIME });
    await hearth.settle(true);
    const control = await hearth.openExtensionPage('welcome');
    const message = () => control.evaluate(`chrome.runtime.sendMessage({ type: 'getStatus' })`);
    const rows: Row[] = [];
    for (const condition of CONDITIONS) {
      if (condition === 'big') {
        await message(); // wakes the worker the idle opens left stopped (opening a tab does not)
        await hearth.arrange({ settings: popupSettings(BIG_LIST, 0) });
        await hearth.settle(true, 60_000);
        await sleep(5_000); // sync's debounced writes of the new list are done
      }
      const opens: Open[] = [];
      const floors: Open[] = [];
      const scriptedFloors: Open[] = [];
      await chromiumOpen(hearth, 'popup'); // warm-up
      await chromiumOpen(hearth, 'floor');
      await chromiumOpen(hearth, 'scripted floor');
      // Each open in its own condition: the popup asks the background for its hints once its
      // state is on screen, which wakes a stopped worker, so the floors after it stop it again.
      const openIn = async (page: Measured, write: number) => {
        if (condition === 'used') await message();
        if (condition === 'idle' || condition === 'big') await hearth.stopServiceWorker();
        if (condition === 'reconcile') {
          // Not awaited past the write: the background's reconcile runs while the page opens.
          await control.evaluate(
            `chrome.storage.local.set({ settings: ${JSON.stringify(popupSettings(BIG_LIST, write))} })`,
          );
        }
        const opened = await chromiumOpen(hearth, page);
        if (condition === 'reconcile') await message();
        return opened;
      };
      for (let i = 0; i < OPENS; i += 1) {
        opens.push(await openIn('popup', 3 * i + 1));
        floors.push(await openIn('floor', 3 * i + 2));
        scriptedFloors.push(await openIn('scripted floor', 3 * i + 3));
      }
      rows.push(row('chromium', 'popup', CONDITION_TEXT[condition], opens));
      rows.push(row('chromium', 'floor', CONDITION_TEXT[condition], floors));
      rows.push(row('chromium', 'scripted floor', CONDITION_TEXT[condition], scriptedFloors));
    }
    await message();
    await hearth.arrange({ settings: popupSettings(0) });
    const options: Open[] = [];
    await chromiumOpen(hearth, 'options');
    for (let i = 0; i < OPTIONS_OPENS; i += 1) options.push(await chromiumOpen(hearth, 'options'));
    rows.push(row('chromium', 'options', 'first content', options));

    // The background's own start, with 5,000 sites during family time.
    await message();
    await hearth.arrange({ settings: popupSettings(BIG_LIST, 99) });
    await hearth.settle(true, 60_000);
    const start: number[] = [];
    for (let i = 0; i < STARTS; i += 1) {
      await hearth.stopServiceWorker();
      await message();
      start.push(
        await pollFor('the first reconcile mark', async () => {
          const at = (await hearth.worker.evaluate(
            `performance.getEntriesByName('hearth-first-reconcile')[0]?.startTime ?? null`,
          )) as number | null;
          return at ?? undefined;
        }),
      );
    }
    await control.close();
    return { rows, start };
  } finally {
    await hearth.close();
  }
}

// ---- Firefox -----------------------------------------------------------------

async function firefoxOpen(firefox: Firefox, page: Measured): Promise<Open> {
  const tab = await firefox.browser.newPage();
  try {
    const url = firefox.extensionUrl(pageFile(page));
    await navigate(tab, url);
    await waitForLocation(tab, (href) => href.startsWith(url));
    const read = await poll(`${page} to paint`, async () => {
      const paints = (await tab.evaluate(READ_PAINTS)) as Paints;
      return paints.fcp !== null ? paints : undefined;
    });
    const fcp = read.fcp ?? Number.NaN;
    if (
      page === 'popup' &&
      !read.paints.some((p) => p.className === 'headline' && Math.abs(p.at - fcp) < 1)
    )
      throw new Error(`the popup's first paint had no state line: ${JSON.stringify(read)}`);
    return { painted: fcp, firstFrame: null };
  } finally {
    await tab.close();
  }
}

async function firefoxPages(dist: string): Promise<{ rows: Row[]; start: number[] }> {
  const firefox = await launchFirefox({ dist });
  try {
    const control: FirefoxPage = await openExtensionPage(firefox, 'welcome.html');
    const set = (settings: Settings) =>
      control.evaluate(
        `browser.storage.local.set({ settings: ${JSON.stringify(settings)}, runtime: ${JSON.stringify(NO_RUNTIME)} })`,
      );
    const message = () => control.evaluate(`browser.runtime.sendMessage({ type: 'getStatus' })`);
    await set(popupSettings(0));
    await message();
    const rows: Row[] = [];
    for (const condition of CONDITIONS) {
      if (condition === 'big') {
        await set(popupSettings(BIG_LIST, 0));
        await sleep(5_000);
      }
      const opens: Open[] = [];
      const floors: Open[] = [];
      const scriptedFloors: Open[] = [];
      await firefoxOpen(firefox, 'popup');
      await firefoxOpen(firefox, 'floor');
      await firefoxOpen(firefox, 'scripted floor');
      // Each open in its own condition (the popup's hints wake the event page: see Chromium's).
      const openIn = async (page: Measured, write: number) => {
        if (condition === 'used') await message();
        if (condition === 'idle' || condition === 'big') await sleep(FIREFOX_IDLE_MS);
        if (condition === 'reconcile') await set(popupSettings(BIG_LIST, write));
        return firefoxOpen(firefox, page);
      };
      for (let i = 0; i < OPENS; i += 1) {
        opens.push(await openIn('popup', 3 * i + 1));
        floors.push(await openIn('floor', 3 * i + 2));
        scriptedFloors.push(await openIn('scripted floor', 3 * i + 3));
      }
      rows.push(row('firefox', 'popup', CONDITION_TEXT[condition], opens));
      rows.push(row('firefox', 'floor', CONDITION_TEXT[condition], floors));
      rows.push(row('firefox', 'scripted floor', CONDITION_TEXT[condition], scriptedFloors));
    }
    await set(popupSettings(0));
    const options: Open[] = [];
    await firefoxOpen(firefox, 'options');
    for (let i = 0; i < OPTIONS_OPENS; i += 1) options.push(await firefoxOpen(firefox, 'options'));
    rows.push(row('firefox', 'options', 'first content', options));

    await set(popupSettings(BIG_LIST, 99));
    await message();
    const start: number[] = [];
    for (let i = 0; i < STARTS; i += 1) {
      await sleep(FIREFOX_IDLE_MS);
      await message();
      start.push(
        await poll('the first reconcile mark', async () => {
          const at = (await control.evaluate(`browser.runtime.getBackgroundPage().then((bg) =>
            bg.performance.getEntriesByName('hearth-first-reconcile')[0]?.startTime ?? null)`)) as
            | number
            | null;
          return at ?? undefined;
        }),
      );
    }
    return { rows, start };
  } finally {
    await firefox.close();
  }
}

// ---- the report ----------------------------------------------------------------

function row(browser: string, page: string, condition: string, opens: Open[]): Row {
  const times = opens.map((o) => o.painted);
  const first = opens.filter((o) => o.firstFrame !== null);
  return {
    browser,
    page,
    condition,
    n: times.length,
    median: roundMs(median(times)),
    p95: roundMs(percentile(times, 95)),
    max: roundMs(Math.max(...times)),
    firstFrame:
      first.length === 0 ? '–' : `${first.filter((o) => o.firstFrame).length} of ${first.length}`,
  };
}

async function run(): Promise<BenchmarkResult> {
  const chromiumDist = await withFloorPage(EXTENSION_DIR);
  const firefoxDist = await withFloorPage(FIREFOX_DIST);
  let chromiumRun: Awaited<ReturnType<typeof chromiumPages>>;
  let firefoxRun: Awaited<ReturnType<typeof firefoxPages>>;
  try {
    chromiumRun = await chromiumPages(chromiumDist);
    firefoxRun = await firefoxPages(firefoxDist);
  } finally {
    await rm(chromiumDist, { recursive: true, force: true });
    await rm(firefoxDist, { recursive: true, force: true });
  }
  const rows = [...chromiumRun.rows, ...firefoxRun.rows];

  const besideOf = (r: Row, page: Measured) =>
    rows.find((f) => f.page === page && f.browser === r.browser && f.condition === r.condition);
  const floorOf = (r: Row) => besideOf(r, 'floor');
  const misses = (f: Row | undefined) =>
    Number(f?.median) >= TARGET_MEDIAN_MS || Number(f?.p95) >= TARGET_P95_MS;
  const targets: Target[] = [];
  for (const r of rows.filter((r) => r.page === 'popup')) {
    const f = floorOf(r);
    const s = besideOf(r, 'scripted floor');
    targets.push({
      description: `${r.browser} popup, ${r.condition}: median under ${TARGET_MEDIAN_MS} ms and p95 under ${TARGET_P95_MS} ms`,
      met: Number(r.median) < TARGET_MEDIAN_MS && Number(r.p95) < TARGET_P95_MS,
      measured:
        `median ${r.median} ms, p95 ${r.p95} ms; a script-free extension page beside it: median ${f?.median} ms, p95 ${f?.p95} ms; ` +
        `the same page written by one tiny script, as the popup is: median ${s?.median} ms, p95 ${s?.p95} ms` +
        (misses(f)
          ? ' (the target is below what any extension page reaches here)'
          : misses(s)
            ? ' (the target is below what any page that renders from a script reaches here)'
            : ''),
    });
  }

  // JS per page, and what takes it.
  const sizes: Row[] = [];
  for (const [browser, dist] of [
    ['chromium', EXTENSION_DIR],
    ['firefox', FIREFOX_DIST],
  ] as const) {
    for (const page of PAGES) {
      const files = pageScripts(dist, page);
      const bytes = scriptBytes(dist, files);
      sizes.push({ browser, page, files: files.length, raw: bytes.raw, gzip: bytes.gzip });
    }
    // What the settings page loads right after its first content (entrypoints/options/later.ts).
    const later = readdirSync(join(dist, 'chunks'))
      .filter((f) => /^Later-.*\.js$/.test(f))
      .map((f) => `/chunks/${f}`);
    const afterwards = scriptBytes(dist, later);
    sizes.push({
      browser,
      page: 'options, sections loaded after the first content',
      files: later.length,
      raw: afterwards.raw,
      gzip: afterwards.gzip,
    });
    const bg = scriptBytes(dist, ['/background.js']);
    sizes.push({ browser, page: 'background', files: 1, raw: bg.raw, gzip: bg.gzip });
  }
  for (const page of PAGES) {
    const budget = BUDGET_GZIP[page];
    const size = sizes.find((s) => s.browser === 'chromium' && s.page === page);
    if (budget === undefined || !size) continue;
    targets.push({
      description: `${page} loads under ${kb(budget)} of JS, gzipped`,
      met: Number(size.gzip) < budget,
      measured: kb(Number(size.gzip)),
    });
  }
  const takers = await withSourceMapBuild((dist) => ({
    popup: contributors(dist, pageScripts(dist, 'popup')),
    options: contributors(dist, pageScripts(dist, 'options')),
    background: contributors(dist, ['/background.js'], 100),
  }));
  const list = (cs: Contributor[]) => cs.map((c) => `${c.source} ${kb(c.gzip)}`).join(', ');

  const startRow = (browser: string, samples: number[]): Row => ({
    browser,
    page: 'background',
    condition: `own start -> first reconcile (${BIG_LIST.toLocaleString('en')} sites)`,
    n: samples.length,
    median: roundMs(median(samples)),
    p95: roundMs(percentile(samples, 95)),
    max: roundMs(Math.max(...samples)),
    firstFrame: '–',
  });
  rows.push(startRow('chromium', chromiumRun.start), startRow('firefox', firefoxRun.start));
  for (const s of sizes) {
    rows.push({
      browser: String(s.browser),
      page: String(s.page),
      condition: `JS loaded: ${s.files} file(s), ${kb(Number(s.raw))} raw`,
      n: null,
      median: null,
      p95: null,
      max: null,
      firstFrame: '–',
      gzip: s.gzip ?? null,
    });
  }

  const bgSize = sizes.find((s) => s.browser === 'chromium' && s.page === 'background');
  // What halving the background would take: its biggest parts, until they make up half of it.
  const halving: Contributor[] = [];
  for (const c of takers.background) {
    if (halving.reduce((sum, h) => sum + h.gzip, 0) >= Number(bgSize?.gzip ?? 0) / 2) break;
    halving.push(c);
  }
  const medians = (browser: string) =>
    rows
      .filter((r) => r.browser === browser && r.page === 'popup' && r.median !== null)
      .map((r) => {
        const f = floorOf(r);
        const s = besideOf(r, 'scripted floor');
        return `${r.condition} ${r.median} ms (p95 ${r.p95}; the script-free floor ${f?.median} ms, p95 ${f?.p95}; written by one tiny script ${s?.median} ms, p95 ${s?.p95})`;
      })
      .join('; ');
  return {
    columns: [
      { key: 'browser', label: 'browser', format: 'text' },
      { key: 'page', label: 'page', format: 'text' },
      { key: 'condition', label: 'condition', format: 'text' },
      { key: 'n', label: 'n', format: 'int' },
      { key: 'median', label: 'median', format: 'ms' },
      { key: 'p95', label: 'p95', format: 'ms' },
      { key: 'max', label: 'max', format: 'ms' },
      { key: 'firstFrame', label: 'state in the 1st animation frame', format: 'text' },
      { key: 'gzip', label: 'JS gzipped (bytes)', format: 'int' },
    ],
    rows,
    targets,
    summary:
      'The popup sends no message before its state shows. Navigation start -> state painted, medians, each beside ' +
      'the floor (an extension page with no script, opened right after it in the same condition made again) and the ' +
      'scripted floor (the same state line written by one tiny render-blocking script, the popup’s own way in): ' +
      `Chromium: ${medians('chromium')}. Firefox: ${medians('firefox')}. ` +
      'What is left is the page loading its own files and, right after a large settings write, its one ' +
      'storage read waiting behind the writes the background and sync make then. ' +
      `JS taking the popup’s bytes: ${list(takers.popup)}. Options: ${list(takers.options)}. ` +
      `The background is ${kb(Number(bgSize?.raw ?? 0))} (${kb(Number(bgSize?.gzip ?? 0))} gzipped); its biggest parts: ${list(takers.background.slice(0, 10))}. ` +
      `Halving it would take leaving out its ${halving.length} biggest parts (${halving.map((c) => c.source).join(', ')}): ` +
      'a service worker cannot load code later (no import() there), so each part would have to go as a whole, ' +
      'and besides the polyfill (its message handlers answer through it) each is a feature or a boundary check.',
    parameters: {
      opens: OPENS,
      optionsOpens: OPTIONS_OPENS,
      backgroundStarts: STARTS,
      bigList: BIG_LIST,
      firefoxIdleMs: FIREFOX_IDLE_MS,
      chromiumBuild: String(statSync(join(EXTENSION_DIR, 'popup.html')).mtime.toISOString()),
    },
  };
}

export const pagesBenchmark: Benchmark = {
  id: 'pages',
  needsBuild: true,
  title: 'Pages that answer at once: popup, options, JS per page, the background’s start',
  description:
    'The built extension in headless Chromium and Firefox (BiDi). Popup: navigation start -> first contentful ' +
    'paint (which is the state line: checked on every sample), 20 opens per condition. Floor: after each popup ' +
    'open, the condition made again (the worker stopped again, another settings write), the same measure on ' +
    'a page with no script (the popup’s HTML and stylesheet with the state line written in, added to a copy ' +
    'of the build only for the bench); scripted floor: the same page whose state line one tiny ' +
    'render-blocking classic script writes, as the popup’s does. Options: navigation ' +
    'start -> first contentful paint. Background: its script start -> first reconcile finished (a ' +
    'performance mark in entrypoints/background.ts), 5,000 sites during family time, rules already in place. ' +
    'JS: every script and module preload the page names, each file gzipped at level 9.',
  run,
};
