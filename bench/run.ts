import 'temporal-polyfill/global';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { coreBenchmark } from './core';
import { assertFreshBuild } from './fresh-build';
import { historyBenchmark } from './history';
import { machineInfo } from './measure';
import { pagesBenchmark } from './pages';
import { photoImportBenchmark } from './photo-import';
import { reminderBenchmark } from './reminder';
import { renderMarkdown } from './report';
import type { Benchmark, ResultsFile, StoredResult } from './types';
import { yourWeekBenchmark } from './your-week';

/**
 * `npm run bench` runs every benchmark; `npm run bench -- core` only the named
 * ones, keeping the stored results of the rest. Writes docs/bench-results.json
 * and docs/BENCHMARKS.md. Add a benchmark by listing its module here.
 */
const BENCHMARKS: readonly Benchmark[] = [
  coreBenchmark,
  pagesBenchmark,
  reminderBenchmark,
  photoImportBenchmark,
  yourWeekBenchmark,
  historyBenchmark,
];

const RESULTS_JSON = fileURLToPath(new URL('../docs/bench-results.json', import.meta.url));
const RESULTS_MD = fileURLToPath(new URL('../docs/BENCHMARKS.md', import.meta.url));

async function storedResults(): Promise<StoredResult[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(RESULTS_JSON, 'utf8'));
    const list = (parsed as Partial<ResultsFile> | null)?.benchmarks;
    return Array.isArray(list) ? (list as StoredResult[]) : [];
  } catch {
    return [];
  }
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((id) => !BENCHMARKS.some((b) => b.id === id));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => b.id).join(', ')}`,
    );
  }
  const selected = wanted.length > 0 ? BENCHMARKS.filter((b) => wanted.includes(b.id)) : BENCHMARKS;
  if (selected.some((b) => b.needsBuild)) await assertFreshBuild();
  const machine = machineInfo();
  console.log(`Benchmarks on Node ${machine.node}, ${machine.cpu} × ${machine.cores}`);

  const fresh: StoredResult[] = [];
  for (const bench of selected) {
    console.log(`\n▶ ${bench.title}`);
    const started = performance.now();
    const result = await bench.run();
    fresh.push({
      id: bench.id,
      title: bench.title,
      description: bench.description,
      date: new Date().toISOString(),
      machine,
      ...result,
    });
    console.table(result.rows);
    for (const t of result.targets)
      console.log(`${t.met ? '✔ met' : '✘ NOT met'}: ${t.description} (${t.measured})`);
    console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }

  // Keep the order of BENCHMARKS; results of benchmarks not run this time stay as they were.
  const previous = await storedResults();
  const byId = new Map([...previous, ...fresh].map((r) => [r.id, r]));
  const ordered = [
    ...BENCHMARKS.flatMap((b) => byId.get(b.id) ?? []),
    ...previous.filter((r) => !BENCHMARKS.some((b) => b.id === r.id)),
  ];
  const file: ResultsFile = { date: new Date().toISOString(), machine, benchmarks: ordered };
  await writeFile(RESULTS_JSON, `${JSON.stringify(file, null, 2)}\n`);
  await writeFile(RESULTS_MD, renderMarkdown(file));
  console.log(`\nWrote ${RESULTS_JSON} and ${RESULTS_MD}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
