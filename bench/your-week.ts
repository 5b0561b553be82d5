import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { type SeedEntry, seedRecord } from '../tests/e2e/support/your-week';
import { EXTENSION_DIR, HearthBrowser, TIME_ZONE } from '../tests/harness/chromium';
import { inPage } from './browser';
import { median, percentile, roundMs } from './measure';
import type { Benchmark, Row, Target } from './types';

/**
 * "Your week" on a dense record: 12 weeks, an evening every day, 40 entries
 * an evening (reaches, step-pasts with their closing entries, saves), read
 * from IndexedDB, reflected and rendered in the built options page. And the
 * options page's time to first content, beside a baseline build when
 * HEARTH_BENCH_BASELINE_DIST names one (e.g. main built elsewhere), with the
 * bytes of script and style each build's options page loads.
 */
const WEEKS = 12;
const ENTRIES_PER_EVENING = 40;
const LOADS = 15;
const TARGET_MS = 50;

export function denseRecord(now: Temporal.ZonedDateTime): SeedEntry[] {
  const out: SeedEntry[] = [];
  const MIN = 60_000;
  const today = now.toPlainDate();
  for (let d = 0; d < WEEKS * 7; d += 1) {
    const date = today.subtract({ days: d + 1 });
    const start = date.toZonedDateTime({
      timeZone: now.timeZoneId,
      plainTime: '18:00',
    }).epochMilliseconds;
    const end = start + 150 * MIN;
    // 13 reaches, 13 step-pasts and their 13 closing entries, and the evening kept: 40.
    for (let i = 0; i < 13; i += 1) {
      const at = start + (i * 11 + 1) * MIN;
      const grantId = `bench-${d}-${i}`;
      out.push({ type: 'blocked', at, host: `site${i % 5}.example` });
      out.push({
        type: 'step-past',
        at: at + 1000,
        grantId,
        host: `site${i % 5}.example`,
        pattern: `site${i % 5}.example`,
        reason: i % 3 === 0 ? 'on call' : `reason ${i}`,
        waitedSeconds: 20,
        minutesGranted: 10,
      });
      out.push({ type: 'step-past-ended', at: at + 5 * MIN, grantId, minutesUsed: 5, how: 'left' });
    }
    out.push({ type: 'kept', at: end, start, end });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Bytes of the scripts and styles options.html loads, following module imports. */
async function optionsBytes(dist: string): Promise<{ raw: number; gzip: number; files: number }> {
  const seen = new Set<string>();
  const queue: string[] = [];
  const html = await readFile(join(dist, 'options.html'), 'utf8');
  for (const m of html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)) queue.push(m[1] as string);
  let raw = 0;
  let gzip = 0;
  while (queue.length > 0) {
    const path = (queue.shift() as string).replace(/^\.?\//, '');
    if (seen.has(path)) continue;
    seen.add(path);
    const file = resolve(dist, path);
    const body = await readFile(file);
    raw += (await stat(file)).size;
    gzip += gzipSync(body).length;
    if (path.endsWith('.js'))
      for (const m of body
        .toString('utf8')
        .matchAll(/from\s*"(\.{0,2}\/[^"]+\.js)"|import\s*"(\.{0,2}\/[^"]+\.js)"/g)) {
        const spec = (m[1] ?? m[2]) as string;
        queue.push(resolve('/', path, '..', spec).slice(1));
      }
  }
  return { raw, gzip, files: seen.size };
}

/** Time to first content of the options page: first contentful paint, and its heading in the DOM. */
async function firstContent(hearth: HearthBrowser): Promise<{ fcp: number; heading: number }> {
  const page = await hearth.context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __heading?: number };
    new MutationObserver((_m, observer) => {
      if (document.querySelector('h1')) {
        w.__heading = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`chrome-extension://${hearth.extensionId}/options.html`);
  await page.locator('h1').waitFor();
  await page.waitForTimeout(100);
  const measured = await inPage(page, () => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1,
    heading: (window as unknown as { __heading?: number }).__heading ?? -1,
  }));
  await page.close();
  return measured;
}

async function reflectionTimes(hearth: HearthBrowser): Promise<{ full: number; page: number[] }> {
  const page: Page = await hearth.context.newPage();
  await page.goto(`chrome-extension://${hearth.extensionId}/options.html#your-week`);
  await page.locator('.week-headline').waitFor();
  const full = await inPage(page, () => {
    const all = performance.getEntriesByName('hearth:your-week');
    return all[all.length - 1]?.duration ?? -1;
  });
  const turns: number[] = [];
  for (let i = 0; i < WEEKS - 1; i += 1) {
    await page.getByRole('button', { name: 'Earlier week' }).click();
    await page.waitForFunction(
      (n) => performance.getEntriesByName('hearth:your-week').length >= n,
      i + 2,
    );
    turns.push(
      await inPage(page, () => {
        const all = performance.getEntriesByName('hearth:your-week');
        return all[all.length - 1]?.duration ?? -1;
      }),
    );
  }
  await page.close();
  return { full, page: turns };
}

export const yourWeekBenchmark: Benchmark = {
  id: 'your-week',
  title: '"Your week" on 12 weeks of dense history, and the options page’s first content',
  description:
    `The built extension in headless Chromium (playwright-core). The history store holds ${WEEKS} weeks with an ` +
    `evening every day and ${ENTRIES_PER_EVENING} entries an evening (${WEEKS * 7 * ENTRIES_PER_EVENING} entries). ` +
    '"Reflect + render" is user timing in the page, from the record arriving out of IndexedDB to the week in the DOM ' +
    '(all 12 weeks reflected, the shown one summarised and rendered); "page turn" is one "Earlier week" click to the DOM. ' +
    `Each of ${LOADS} loads is a fresh tab. First content: first contentful paint and the page heading in the DOM ` +
    '(MutationObserver from document start); bytes are the scripts and styles options.html loads.',
  async run() {
    const rows: Row[] = [];
    const targets: Target[] = [];
    const builds: { name: string; dir: string }[] = [{ name: 'this build', dir: EXTENSION_DIR }];
    const baseline = process.env.HEARTH_BENCH_BASELINE_DIST;
    if (baseline) builds.push({ name: 'baseline', dir: resolve(baseline) });

    // Every build gets the same dense record; first-content loads alternate between
    // the builds, so a busy moment on a shared machine falls on both alike.
    const launched: { name: string; dir: string; hearth: HearthBrowser }[] = [];
    const fcpBy: Record<string, number> = {};
    try {
      for (const build of builds) {
        const hearth = await HearthBrowser.launch({ extensionDir: build.dir });
        launched.push({ ...build, hearth });
        await hearth.inWorker(seedRecord, denseRecord(Temporal.Now.zonedDateTimeISO(TIME_ZONE)));
      }
      const mineBrowser = launched[0] as (typeof launched)[number];
      const n = WEEKS * 7 * ENTRIES_PER_EVENING;
      const full: number[] = [];
      const turns: number[] = [];
      for (let i = 0; i < LOADS; i += 1) {
        const t = await reflectionTimes(mineBrowser.hearth);
        full.push(t.full);
        turns.push(...t.page);
      }
      rows.push({
        build: mineBrowser.name,
        what: `reflect + render, ${n} entries`,
        median: roundMs(median(full)),
        p95: roundMs(percentile(full, 95)),
        samples: full.length,
      });
      rows.push({
        build: mineBrowser.name,
        what: 'page turn to an earlier week',
        median: roundMs(median(turns)),
        p95: roundMs(percentile(turns, 95)),
        samples: turns.length,
      });
      targets.push({
        description: `"Your week" on ${n} entries reflected and rendered in under ${TARGET_MS} ms (median)`,
        met: median(full) < TARGET_MS,
        measured: `median ${roundMs(median(full))} ms, p95 ${roundMs(percentile(full, 95))} ms`,
      });
      const fcp = new Map<string, number[]>(launched.map((b) => [b.name, []]));
      const heading = new Map<string, number[]>(launched.map((b) => [b.name, []]));
      for (let i = 0; i < LOADS; i += 1) {
        for (const b of i % 2 === 0 ? launched : [...launched].reverse()) {
          const m = await firstContent(b.hearth);
          fcp.get(b.name)?.push(m.fcp);
          heading.get(b.name)?.push(m.heading);
        }
      }
      for (const b of launched) {
        const f = fcp.get(b.name) ?? [];
        const h = heading.get(b.name) ?? [];
        fcpBy[b.name] = median(h);
        rows.push({
          build: b.name,
          what: 'options: first contentful paint',
          median: roundMs(median(f)),
          p95: roundMs(percentile(f, 95)),
          samples: f.length,
        });
        rows.push({
          build: b.name,
          what: 'options: heading in the DOM',
          median: roundMs(median(h)),
          p95: roundMs(percentile(h, 95)),
          samples: h.length,
        });
        const bytes = await optionsBytes(b.dir);
        rows.push({
          build: b.name,
          what: `options: script + style bytes (${bytes.files} files; gzip ${bytes.gzip})`,
          median: bytes.raw,
          p95: null,
          samples: null,
        });
      }
    } finally {
      for (const b of launched) await b.hearth.close();
    }
    const mine = fcpBy['this build'];
    const base = fcpBy.baseline;
    if (mine !== undefined && base !== undefined) {
      targets.push({
        description:
          'options page: heading in the DOM no slower than the baseline beyond noise (+10 ms)',
        met: mine <= base + 10,
        measured: `median ${roundMs(mine)} ms vs baseline ${roundMs(base)} ms`,
      });
    }
    return {
      columns: [
        { key: 'build', label: 'build', format: 'text' },
        { key: 'what', label: 'what', format: 'text' },
        { key: 'median', label: 'median (ms, or bytes)', format: 'text' },
        { key: 'p95', label: 'p95 (ms)', format: 'text' },
        { key: 'samples', label: 'samples', format: 'text' },
      ],
      rows,
      targets,
      summary: targets
        .map((t) => `${t.met ? 'Met' : 'Not met'}: ${t.description} (${t.measured}).`)
        .join(' '),
      parameters: {
        weeks: WEEKS,
        entriesPerEvening: ENTRIES_PER_EVENING,
        loads: LOADS,
        baseline: baseline ?? null,
      },
    };
  },
};
