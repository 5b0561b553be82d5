import type { HistoryEntry } from '../utils/history/entries';
import { DETAIL_WEEKS, rollUp } from '../utils/history/rollup';
import type { Benchmark, BenchmarkResult } from './types';

/**
 * The byte size of a dense year of history (utils/history/rollup.ts): every
 * evening of the year with many reminders, step-pasts, saved pages, and a
 * kept evening, stored as JSON (what IndexedDB holds, near enough), before and
 * after older entries are rolled up into per-evening counts.
 */

const DAY = 24 * 60 * 60_000;
const START = Date.UTC(2025, 0, 1, 17, 0);
const ZONE = 'Europe/Berlin';
const PER_EVENING = { blocked: 40, stepPasts: 3, saved: 4 };
const TARGET_BYTES = 1024 * 1024;

function denseYear(): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (let day = 0; day < 365; day++) {
    const at = START + day * DAY;
    for (let i = 0; i < PER_EVENING.blocked; i++)
      out.push({ type: 'blocked', at: at + i * 60_000, host: `mail-${i % 7}.work.example.com` });
    for (let i = 0; i < PER_EVENING.stepPasts; i++) {
      const t = at + (50 + i * 20) * 60_000;
      out.push({
        type: 'step-past',
        at: t,
        grantId: crypto.randomUUID(),
        host: 'docs.google.com',
        pattern: 'docs.google.com',
        reason: 'The school sent the permission slip, it has to be signed tonight',
        waitedSeconds: 20,
        minutesGranted: 10,
      });
      out.push({
        type: 'step-past-ended',
        at: t + 600_000,
        grantId: 'g',
        minutesUsed: 10,
        how: 'expired',
      });
    }
    for (let i = 0; i < PER_EVENING.saved; i++)
      out.push({
        type: 'saved',
        at: at + i * 1000,
        url: `https://docs.google.com/document/d/${crypto.randomUUID()}/edit`,
      });
    out.push({ type: 'kept', at: at + 150 * 60_000, start: at, end: at + 150 * 60_000 });
  }
  return out;
}

const bytes = (entries: readonly HistoryEntry[]) =>
  new TextEncoder().encode(entries.map((e) => JSON.stringify(e)).join('')).length;

export const historyBenchmark: Benchmark = {
  id: 'history',
  title: 'History: a dense year, bounded',
  description: `A year of evenings, each with ${PER_EVENING.blocked} reminders, ${PER_EVENING.stepPasts} step-pasts (and their ends), ${PER_EVENING.saved} saved pages and a kept evening; bytes as JSON before and after rolling up everything older than ${DETAIL_WEEKS} weeks into per-evening counts.`,
  run(): BenchmarkResult {
    const year = denseYear();
    const end = START + 365 * DAY;
    const started = performance.now();
    const { detail, rollups } = rollUp(year, end, ZONE);
    const ms = performance.now() - started;
    const before = bytes(year);
    const after = bytes([...detail, ...rollups]);
    return {
      columns: [
        { key: 'what', label: 'History', format: 'text' },
        { key: 'entries', label: 'Entries', format: 'int' },
        { key: 'bytes', label: 'Bytes (JSON)', format: 'int' },
      ],
      rows: [
        { what: 'a dense year, every entry kept', entries: year.length, bytes: before },
        {
          what: `detail for ${DETAIL_WEEKS} weeks, older rolled up`,
          entries: detail.length + rollups.length,
          bytes: after,
        },
      ],
      targets: [
        {
          description: `a rolled-up dense year stays under ${TARGET_BYTES / 1024} KB`,
          met: after < TARGET_BYTES,
          measured: `${Math.round(after / 1024)} KB (from ${Math.round(before / 1024)} KB; roll-up took ${ms.toFixed(0)} ms)`,
        },
      ],
      summary: `A dense year is ${Math.round(before / 1024)} KB as detailed entries and ${Math.round(after / 1024)} KB once everything older than ${DETAIL_WEEKS} weeks is rolled up per evening; the detail part no longer grows with time, the rollups by one small entry an evening.`,
      parameters: { evenings: 365, detailWeeks: DETAIL_WEEKS, timeZone: ZONE },
    };
  },
};
