import { clear, createStore, delMany, entries, promisifyRequest, set, setMany } from 'idb-keyval';
import * as v from 'valibot';
import { type HistoryEntry, HistoryEntrySchema, historyKey } from '@/utils/history/entries';
import { detailCutoff, rollUp } from '@/utils/history/rollup';

const store = () => createStore('hearth-history', 'entries');

/**
 * Adds one entry; there is deliberately no way here to change or delete one.
 * `salt` makes the key known ahead: appending the same entry again (a worker
 * that died before it knew the first append landed) writes it once.
 */
export async function appendHistory(
  entry: HistoryEntry,
  salt = crypto.randomUUID().slice(0, 8),
): Promise<void> {
  await set(historyKey(entry.at, salt), entry, store());
}

/** All entries, oldest first; anything unreadable is skipped, never "repaired". */
export async function readHistory(): Promise<HistoryEntry[]> {
  const rows = await entries<string, unknown>(store());
  rows.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: HistoryEntry[] = [];
  for (const [, value] of rows) {
    const parsed = v.safeParse(HistoryEntrySchema, value);
    if (parsed.success) out.push(parsed.output);
  }
  return out;
}

/**
 * The record from `from` on, oldest first: the one way "Your week" reads
 * history, so a later compaction of old weeks into per-evening counts has
 * one place to join them back in. Reads only the keys in range (they sort
 * by time), so twelve weeks of a dense record stay quick.
 */
export async function readRecordSince(from: number): Promise<HistoryEntry[]> {
  const values = await store()('readonly', (s) =>
    promisifyRequest(s.getAll(IDBKeyRange.lowerBound(historyKey(Math.max(0, from), '')))),
  );
  const out: HistoryEntry[] = [];
  for (const value of values as unknown[]) {
    const parsed = v.safeParse(HistoryEntrySchema, value);
    if (parsed.success) out.push(parsed.output);
  }
  return out;
}

/** Only the parent's explicit "Clear history" in options calls this. */
export async function clearHistory(): Promise<void> {
  await clear(store());
}

/**
 * Keeps history bounded: entries older than the detail weeks (and earlier
 * rollups) become one rollup per evening. Rollups are written before the
 * entries they replace are removed, so a worker dying in between counts an
 * evening twice at worst, never loses it.
 */
export async function compactHistory(now: number, timeZone: string): Promise<void> {
  const cutoff = detailCutoff(now);
  const rows = await entries<string, unknown>(store());
  const old: [string, HistoryEntry][] = [];
  for (const [key, value] of rows) {
    const parsed = v.safeParse(HistoryEntrySchema, value);
    if (!parsed.success) continue;
    if (parsed.output.type === 'rollup' || parsed.output.at < cutoff)
      old.push([key, parsed.output]);
  }
  if (!old.some(([, e]) => e.type !== 'rollup')) return;
  const { rollups } = rollUp(
    old.map(([, e]) => e),
    now,
    timeZone,
  );
  const fresh = rollups.map((r) => [historyKey(r.at, `r-${r.date}`), r] as [string, HistoryEntry]);
  const freshKeys = new Set(fresh.map(([k]) => k));
  await setMany(fresh, store());
  await delMany(
    old.map(([k]) => k).filter((k) => !freshKeys.has(k)),
    store(),
  );
}
