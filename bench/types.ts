/**
 * The contract between bench/run.ts and each benchmark module. A module
 * measures one thing and describes its own table; run.ts runs the modules,
 * then writes docs/bench-results.json and docs/BENCHMARKS.md from what they
 * return. To add a benchmark: write bench/<name>.ts exporting a `Benchmark`,
 * and list it in BENCHMARKS in bench/run.ts.
 */

export type Cell = number | string | boolean | null;
export type Row = Record<string, Cell>;

export interface Column {
  key: string;
  label: string;
  /** How the Markdown table prints the value: milliseconds, a whole number, or as it is. */
  format: 'ms' | 'int' | 'text';
}

/** A goal the benchmark checks its own numbers against. */
export interface Target {
  description: string;
  met: boolean;
  /** What was measured, in words ("p95 4.1 ms"). */
  measured: string;
}

export interface BenchmarkResult {
  columns: Column[];
  rows: Row[];
  targets: Target[];
  /** One short Markdown paragraph: what the numbers say. */
  summary: string;
  /** Anything a reader needs to reproduce or interpret the numbers. */
  parameters: Record<string, Cell>;
}

export interface Benchmark {
  /** Stable id: the key in bench-results.json and the name `npm run bench -- <id>` selects. */
  id: string;
  title: string;
  /** What is measured and how, in a sentence or two of Markdown. */
  description: string;
  run(): Promise<BenchmarkResult> | BenchmarkResult;
  /** Measures the browser build (.output/chrome-mv3): run.ts refuses a build older than its source. */
  needsBuild?: boolean;
}

export interface MachineInfo {
  node: string;
  cpu: string;
  cores: number;
  platform: string;
  arch: string;
  memoryGiB: number;
  /** 1-minute load average when the run started: other work on the machine skews timings. */
  loadAverage: number;
}

/** One benchmark's stored result: when and where it ran, and what it found. */
export interface StoredResult extends BenchmarkResult {
  id: string;
  title: string;
  description: string;
  date: string;
  machine: MachineInfo;
}

export interface ResultsFile {
  /** When the file was last written. */
  date: string;
  /** The machine of the last write (each result keeps its own too). */
  machine: MachineInfo;
  benchmarks: StoredResult[];
}
