import { clear, createStore, delMany, entries, promisifyRequest, set, setMany } from 'idb-keyval';
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { type HistoryEntry, HistoryEntrySchema, historyKey } from '@/utils/history/entries';
import {
  alreadyRecorded,
  EDGE_TWIN_WINDOW_MS,
  edgeIdentity,
  inboxHasRoom,
  inboxItem,
  inboxKey,
  planDrain,
} from '@/utils/history/inbox';
import { detailCutoff, rollUp } from '@/utils/history/rollup';
import { isPrivateCopy, splitBuild, storedKeys } from './private-copy';
import { KEYS } from './storage-keys';

const store = () => createStore('hearth-history', 'entries');

/** This copy's writes to the history, one at a time: an edge's twin check and its write never interleave. */
let writes: Promise<unknown> = Promise.resolve();
function serially<T>(work: () => Promise<T>): Promise<T> {
  const run = writes.then(work);
  writes = run.catch(() => undefined);
  return run;
}

/** Whether an edge the other copy may also have seen is in the history already. */
async function twinRecorded(entry: HistoryEntry): Promise<boolean> {
  if (!splitBuild() || edgeIdentity(entry) === null) return false;
  return alreadyRecorded(entry, await readRecordSince(entry.at - EDGE_TWIN_WINDOW_MS));
}

/**
 * Adds one entry; there is deliberately no way here to change or delete one.
 * `salt` makes the key known ahead: appending the same entry again (a worker
 * that died before it knew the first append landed) writes it once.
 * In Chrome's private copy the entry waits in storage.local for the regular
 * copy (utils/history/inbox.ts): the private IndexedDB is gone when the last
 * private window closes.
 */
export async function appendHistory(entry: HistoryEntry, salt?: string): Promise<void> {
  if (isPrivateCopy()) return sendToRegularCopy(entry, salt);
  await serially(async () => {
    if (await twinRecorded(entry)) return;
    await set(historyKey(entry.at, salt ?? crypto.randomUUID().slice(0, 8)), entry, store());
  });
}

const INBOX_PREFIX = KEYS.privateHistoryInbox;

/** The private copy's one write: a key of its own per entry, so nothing is read, changed and written back. */
async function sendToRegularCopy(entry: HistoryEntry, salt?: string): Promise<void> {
  const waiting = (await storedKeys()).filter((k) => k.startsWith(INBOX_PREFIX)).length;
  if (!inboxHasRoom(waiting)) {
    console.error(
      'Hearth: the private-window history inbox is full; this entry is not kept',
      entry.type,
    );
    return;
  }
  // A known salt gives a known inbox key: sending the same entry again overwrites it.
  const item = inboxItem(entry, salt, crypto.randomUUID());
  await browser.storage.local.set({ [inboxKey(INBOX_PREFIX, item.id)]: item });
}

/** Whether a storage change is the private copy adding to the inbox. */
export const isInboxChange = (changed: Record<string, { newValue?: unknown }>): boolean =>
  Object.entries(changed).some(([k, c]) => k.startsWith(INBOX_PREFIX) && c.newValue !== undefined);

/**
 * The regular copy moves what private windows recorded into the history.
 * History first, then the inbox keys go: a worker dying in between leaves
 * them to be drained again, and the same item is written under the same key
 * (utils/history/inbox.ts drainedHistoryKey), so it is never counted twice.
 */
export async function drainPrivateHistory(): Promise<number> {
  if (!splitBuild() || isPrivateCopy()) return 0;
  const keys = (await storedKeys()).filter((k) => k.startsWith(INBOX_PREFIX));
  if (keys.length === 0) return 0;
  const plan = planDrain(INBOX_PREFIX, await browser.storage.local.get(keys));
  await serially(async () => {
    const fresh: [string, HistoryEntry][] = [];
    for (const { key, entry } of plan.writes)
      if (!(await twinRecorded(entry))) fresh.push([key, entry]);
    if (fresh.length > 0) await setMany(fresh, store());
  });
  await browser.storage.local.remove(plan.remove);
  return plan.writes.length;
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
