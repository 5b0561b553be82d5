import { clear, createStore, entries, promisifyRequest, set } from 'idb-keyval';
import * as v from 'valibot';
import { type HistoryEntry, HistoryEntrySchema, historyKey } from '@/utils/history/entries';

const store = () => createStore('hearth-history', 'entries');

/** Adds one entry; there is deliberately no way here to change or delete one. */
export async function appendHistory(entry: HistoryEntry): Promise<void> {
  await set(historyKey(entry.at, crypto.randomUUID().slice(0, 8)), entry, store());
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
