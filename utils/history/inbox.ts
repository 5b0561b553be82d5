import * as v from 'valibot';
import { type HistoryEntry, HistoryEntrySchema, historyKey } from './entries';

/**
 * Private (Incognito) windows in Chrome/Edge run a second copy of Hearth
 * ("incognito": "split") whose IndexedDB is its own and is wiped when the
 * last private window closes; the two copies cannot message each other, but
 * they share storage.local. So the private copy never keeps history itself:
 * each entry goes into storage.local under a key of its own (one writer per
 * key: no read-modify-write race between the copies), and the regular copy
 * drains those keys into the real history (utils/browser/history-store.ts).
 */

/** At most this many entries wait in the inbox; a private copy refuses more (the regular one drains in milliseconds). */
export const INBOX_MAX_ENTRIES = 200;

const ID = /^[\w-]{8,64}$/;
const SALT = /^[\w-]{1,40}$/;

export const InboxItemSchema = v.object({
  id: v.pipe(v.string(), v.regex(ID)),
  entry: HistoryEntrySchema,
  /** The caller's own history-key salt (an entry that may be appended twice, e.g. clock-moved). */
  salt: v.optional(v.pipe(v.string(), v.regex(SALT))),
});
export type InboxItem = v.InferOutput<typeof InboxItemSchema>;

/**
 * Pure: the item the private copy stores. With a salt the id is known ahead
 * (the same entry sent twice lands on one key, and drains to the key the
 * regular copy would have used); without one it is the fresh `randomId`.
 */
export function inboxItem(
  entry: HistoryEntry,
  salt: string | undefined,
  randomId: string,
): InboxItem {
  if (salt !== undefined && SALT.test(salt)) {
    const id = `s-${salt}-${entry.at}`;
    if (ID.test(id)) return { id, entry, salt };
  }
  return { id: randomId, entry };
}

/** The storage.local key one waiting entry is kept under. */
export const inboxKey = (prefix: string, id: string): string => `${prefix}${id}`;

/**
 * The history key a drained entry is written under: the same for the same
 * inbox item however often it is drained, so a drain repeated after a worker
 * died between its two writes overwrites, never duplicates.
 */
export const drainedHistoryKey = (item: InboxItem): string =>
  historyKey(item.entry.at, item.salt ?? `p-${item.id}`);

export interface DrainPlan {
  /** Written to the history first… */
  writes: { key: string; entry: HistoryEntry }[];
  /** …then these storage.local keys are removed (unreadable ones too: they can never be drained). */
  remove: string[];
}

/** Pure: from what storage.local holds under the inbox prefix, what the drain writes and removes. */
export function planDrain(prefix: string, stored: Record<string, unknown>): DrainPlan {
  const writes: DrainPlan['writes'] = [];
  const remove: string[] = [];
  for (const [key, value] of Object.entries(stored)) {
    if (!key.startsWith(prefix)) continue;
    remove.push(key);
    const parsed = v.safeParse(InboxItemSchema, value);
    // Storage is a boundary: an item that is not what the private copy writes is dropped, never "repaired".
    if (!parsed.success || inboxKey(prefix, parsed.output.id) !== key) continue;
    writes.push({ key: drainedHistoryKey(parsed.output), entry: parsed.output.entry });
  }
  writes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { writes, remove };
}

/** Whether the private copy may add one more entry, given how many wait already. */
export const inboxHasRoom = (waiting: number): boolean => waiting < INBOX_MAX_ENTRIES;

/**
 * Both copies run the reconcile loop on the same triggers, so both can see
 * the same edge (a stretch kept, a step-past closed). Those entries have an
 * identity, and one already in the history is not written again.
 */
export function edgeIdentity(entry: HistoryEntry): string | null {
  if (entry.type === 'kept') return `kept:${entry.start}`;
  if (entry.type === 'step-past-ended') return `ended:${entry.grantId}`;
  return null;
}

/** How far back an edge's twin is looked for (the copies see an edge within moments of each other). */
export const EDGE_TWIN_WINDOW_MS = 60 * 60 * 1000;

/** Pure: whether `entry` is an edge the history already holds (from the other copy). */
export function alreadyRecorded(entry: HistoryEntry, recent: readonly HistoryEntry[]): boolean {
  const identity = edgeIdentity(entry);
  return identity !== null && recent.some((e) => edgeIdentity(e) === identity);
}
