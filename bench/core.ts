import { type Desired, decide, siteLists } from '../utils/decide';
import { PRESET_IDS, type PresetId } from '../utils/presets';
import {
  compileRules,
  countRegexRules,
  diffRules,
  type Rule,
  type RuleLimits,
} from '../utils/rules';
import { EMPTY_RUNTIME } from '../utils/runtime';
import { defaultSettings, type Settings } from '../utils/settings';
import { parseAll } from '../utils/sites';
import { median, percentile, roundMs, sample } from './measure';
import type { Benchmark, BenchmarkResult, Row, Target } from './types';

/**
 * The pure core on the reconcile path, as the background runs it on every
 * trigger: decide (schedule, site parsing, compileRules, fitToLimits) and then
 * diffRules against the rules already installed.
 */

export const DOMAIN_COUNTS = [10, 100, 1_000, 5_000, 20_000] as const;
export const PATH_PATTERNS = 20;
const TIME_ZONE = 'Europe/Berlin';
/** A Wednesday at 19:15, inside the benchmark's weekday window (18:00 for 150 minutes). */
const NOW_TEXT = '2026-03-04T19:15:00[Europe/Berlin]';
const REMINDER_URL = 'chrome-extension://hearthbenchhearthbenchhearthben/blocked.html';
/** What the code assumes when the browser does not say (utils/browser/dnr.ts). */
const LIMITS: RuleLimits = { maxRules: 5_000, maxRegexRules: 1_000 };
const TARGET_DOMAINS = 5_000;
const TARGET_MS = 10;

/** Plain domains, none covering another, so every one survives minimalDomains. */
export function plainDomains(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `work-${i}.example-${i % 97}.com`);
}

/** Patterns with a path: each compiles to a regex rule of its own. */
export function pathPatterns(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `docs.example-paths.org/team-${i}/board`);
}

/** Default settings with one weekday evening window and only the benchmark's sites: presets off, so the counts are exact. */
export function benchSettings(patterns: readonly string[]): Settings {
  const settings = defaultSettings();
  return {
    ...settings,
    // Set here, not taken from the defaults, so NOW stays inside it whatever the defaults become.
    windows: [
      {
        id: 'bench-evening',
        days: [1, 2, 3, 4, 5],
        startMinute: 18 * 60,
        lengthMinutes: 150,
        label: '',
        enabled: true,
        updatedAt: 0,
      },
    ],
    presets: Object.fromEntries(PRESET_IDS.map((p) => [p, false])) as Record<PresetId, boolean>,
    sites: patterns.map((pattern, i) => ({ id: `s${i}`, pattern, list: 'block', updatedAt: 0 })),
  };
}

function decideAt(settings: Settings, now: number): Desired {
  return decide({
    settings,
    runtime: EMPTY_RUNTIME,
    now,
    timeZone: TIME_ZONE,
    limits: LIMITS,
    reminderUrl: REMINDER_URL,
  });
}

function measureSize(domainCount: number, now: number): Row {
  const domains = plainDomains(domainCount);
  const paths = pathPatterns(PATH_PATTERNS);
  const settings = benchSettings([...domains, ...paths]);
  // Installed: the rules from just before the parent added the last domain.
  const previous = decideAt(benchSettings([...domains.slice(0, -1), ...paths]), now);
  const installed: Rule[] = diffRules([], previous.rules).addRules;

  const desired = decideAt(settings, now);
  if (!desired.schedule.active) throw new Error('benchmark `now` is not inside a window');
  if (desired.problems.length > 0) {
    throw new Error(`unexpected problems: ${JSON.stringify(desired.problems)}`);
  }
  if (desired.lists.block.length !== domainCount + PATH_PATTERNS) {
    throw new Error(
      `expected ${domainCount + PATH_PATTERNS} block patterns, got ${desired.lists.block.length}`,
    );
  }
  const diff = diffRules(installed, desired.rules);

  // Keep results reachable so the work cannot be optimised away.
  let sink = 0;
  const pipeline = sample(() => {
    const t0 = performance.now();
    const d = decideAt(settings, now);
    const t1 = performance.now();
    const change = diffRules(installed, d.rules);
    const t2 = performance.now();
    sink += change.addRules.length + change.removeRuleIds.length;
    return { decide: t1 - t0, diff: t2 - t1, total: t2 - t0 };
  });
  const compile = sample(() => {
    const t0 = performance.now();
    const rules = compileRules(desired.lists, REMINDER_URL);
    const t1 = performance.now();
    sink += rules.length;
    return { compile: t1 - t0 };
  });
  // What decide spends on turning the stored site texts into patterns, on every call.
  const texts = siteLists(settings).block;
  const parse = sample(() => {
    const t0 = performance.now();
    const parsed = parseAll(texts);
    const t1 = performance.now();
    sink += parsed.patterns.length;
    return { parse: t1 - t0 };
  });
  if (sink < 0) console.log(sink);

  return {
    domains: domainCount,
    pathPatterns: PATH_PATTERNS,
    iterations: pipeline.total.length,
    totalMedianMs: roundMs(median(pipeline.total)),
    totalP95Ms: roundMs(percentile(pipeline.total, 95)),
    decideMedianMs: roundMs(median(pipeline.decide)),
    decideP95Ms: roundMs(percentile(pipeline.decide, 95)),
    parseMedianMs: roundMs(median(parse.parse)),
    compileMedianMs: roundMs(median(compile.compile)),
    compileP95Ms: roundMs(percentile(compile.compile, 95)),
    diffMedianMs: roundMs(median(pipeline.diff)),
    diffP95Ms: roundMs(percentile(pipeline.diff, 95)),
    rules: desired.rules.length,
    regexRules: countRegexRules(desired.rules),
    diffAdded: diff.addRules.length,
    diffRemoved: diff.removeRuleIds.length,
  };
}

const atTargetRow = (rows: readonly Row[]) => rows.find((r) => r.domains === TARGET_DOMAINS);

function targets(rows: readonly Row[]): Target[] {
  const atTarget = atTargetRow(rows);
  const p95 = typeof atTarget?.totalP95Ms === 'number' ? atTarget.totalP95Ms : Number.NaN;
  const med = typeof atTarget?.totalMedianMs === 'number' ? atTarget.totalMedianMs : Number.NaN;
  const ruleCounts = new Set(rows.map((r) => `${r.rules}/${r.regexRules}`));
  return [
    {
      description: `${TARGET_DOMAINS.toLocaleString('en')} sites: decide + compileRules + diffRules under ${TARGET_MS} ms (p95)`,
      met: p95 < TARGET_MS,
      measured: `median ${med} ms, p95 ${p95} ms`,
    },
    {
      description: 'DNR rule count independent of the number of plain domains',
      met: ruleCounts.size === 1,
      measured: `rules/regex rules across sizes: ${[...ruleCounts].join(', ')}`,
    },
  ];
}

function summary(rows: readonly Row[], checked: readonly Target[]): string {
  const [speed, count] = checked;
  const largest = rows[rows.length - 1];
  const at = atTargetRow(rows);
  const parts = [
    `Target: ${TARGET_DOMAINS.toLocaleString('en')} blocked sites go through decide + compileRules + diffRules in under ${TARGET_MS} ms, and the number of DNR rules does not grow with the number of plain domains.`,
    speed
      ? `Speed: **${speed.met ? 'met' : 'not met'}** (${speed.measured} at ${TARGET_DOMAINS.toLocaleString('en')} sites).`
      : '',
    count
      ? `Rule count: **${count.met ? 'met' : 'not met'}** (${count.measured}): all plain domains pack into one \`requestDomains\` rule, and each of the ${PATH_PATTERNS} path patterns is one regex rule.`
      : '',
    at
      ? `Where the time goes at ${TARGET_DOMAINS.toLocaleString('en')} sites (medians): decide ${at.decideMedianMs} ms, of which parsing the stored site texts (parseAll, run on every decide) ${at.parseMedianMs} ms and compileRules ${at.compileMedianMs} ms; diffRules ${at.diffMedianMs} ms.`
      : '',
    largest
      ? `At ${Number(largest.domains).toLocaleString('en')} domains the whole path takes ${largest.totalMedianMs} ms (median), ${largest.totalP95Ms} ms (p95).`
      : '',
  ];
  return parts.filter(Boolean).join(' ');
}

export const coreBenchmark: Benchmark = {
  id: 'core',
  title: 'Core: decide + compileRules + diffRules',
  description:
    `For each list size, N plain blocked domains plus ${PATH_PATTERNS} path patterns (presets off) ` +
    `with \`now\` inside a weekday evening window: \`decide\` (utils/decide.ts, which runs ` +
    '`compileRules` and `fitToLimits`) followed by `diffRules` against the rules installed before ' +
    'the last domain was added, timed together per iteration with `performance.now()` after a warm-up. ' +
    '`compileRules` and `parseAll` (the site-text parsing inside `decide`) are timed alone in separate loops. ' +
    'Rule counts are those of the desired set.',
  run(): BenchmarkResult {
    const now = Temporal.ZonedDateTime.from(NOW_TEXT).epochMilliseconds;
    const rows = DOMAIN_COUNTS.map((n) => measureSize(n, now));
    const checked = targets(rows);
    return {
      columns: [
        { key: 'domains', label: 'Plain domains', format: 'int' },
        { key: 'pathPatterns', label: 'Path patterns', format: 'int' },
        { key: 'totalMedianMs', label: 'Total median', format: 'ms' },
        { key: 'totalP95Ms', label: 'Total p95', format: 'ms' },
        { key: 'decideMedianMs', label: 'decide median', format: 'ms' },
        { key: 'parseMedianMs', label: 'of which parseAll median', format: 'ms' },
        { key: 'compileMedianMs', label: 'compileRules median', format: 'ms' },
        { key: 'diffMedianMs', label: 'diffRules median', format: 'ms' },
        { key: 'rules', label: 'DNR rules', format: 'int' },
        { key: 'regexRules', label: 'Regex rules', format: 'int' },
        { key: 'iterations', label: 'Iterations', format: 'int' },
      ],
      rows,
      targets: checked,
      summary: summary(rows, checked),
      parameters: {
        timeZone: TIME_ZONE,
        now: NOW_TEXT,
        maxRules: LIMITS.maxRules,
        maxRegexRules: LIMITS.maxRegexRules,
        installedBefore: 'rules for the same list minus its last plain domain',
      },
    };
  },
};
