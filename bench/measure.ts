import { cpus, loadavg, totalmem } from 'node:os';
import type { MachineInfo } from './types';

export interface SamplingPlan {
  /** Untimed runs first, at least this many… */
  warmupIterations: number;
  /** …and for at least this long, so the JIT has settled. */
  warmupMs: number;
  /** Timed runs: at least this many… */
  minIterations: number;
  /** …and for at least this long… */
  minMs: number;
  /** …but never more than this many. */
  maxIterations: number;
}

export const DEFAULT_PLAN: SamplingPlan = {
  warmupIterations: 20,
  warmupMs: 300,
  minIterations: 50,
  minMs: 1_000,
  maxIterations: 5_000,
};

/**
 * Runs `iteration` after a warm-up until the plan is satisfied. Each call
 * returns the durations (ms, from performance.now) it measured, by name;
 * the result holds every sample of every name.
 */
export function sample<K extends string>(
  iteration: () => Record<K, number>,
  plan: SamplingPlan = DEFAULT_PLAN,
): Record<K, number[]> {
  const warmupEnd = performance.now() + plan.warmupMs;
  for (let i = 0; i < plan.warmupIterations || performance.now() < warmupEnd; i += 1) iteration();

  const samples = {} as Record<K, number[]>;
  const start = performance.now();
  for (let i = 0; i < plan.maxIterations; i += 1) {
    if (i >= plan.minIterations && performance.now() - start >= plan.minMs) break;
    const measured = iteration();
    for (const key of Object.keys(measured) as K[]) {
      const list = samples[key] ?? [];
      list.push(measured[key]);
      samples[key] = list;
    }
  }
  return samples;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** Milliseconds rounded for storage: three decimals is well below timer noise. */
export const roundMs = (ms: number): number => Math.round(ms * 1000) / 1000;

export function machineInfo(): MachineInfo {
  const cores = cpus();
  return {
    node: process.version,
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    platform: process.platform,
    arch: process.arch,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
