import { KEYS } from '@/utils/browser/storage-keys';
import type { LoadedSettings } from '@/utils/settings/read';
import { settingsFromStored, trusted } from '@/utils/settings/read';
import type { Settings } from '@/utils/settings/schema';
import { canonical } from '@/utils/sync/canonical';
import {
  decodeItems,
  diffItems,
  LAYOUT_FORMAT,
  localOnly,
  planLayout,
  SYNC_LIMITS,
  type SyncLimits,
} from '@/utils/sync/layout';
import { decodeLedger, encodeLedger } from '@/utils/sync/ledger';
import {
  absorb,
  advanceHorizon,
  mergeStates,
  type SyncState,
  sameRecords,
} from '@/utils/sync/merge';
import { holdsEdits, settingsFromRecords } from '@/utils/sync/records';
import { readStatus, refusalOf, retryDelay, type SyncStatus } from './status';

/**
 * The replica: storage.local's settings are the truth, storage.sync holds a
 * copy per record (./records.ts, ./layout.ts). This engine
 * keeps nothing that matters in memory; the ledger (every record's newest
 * version, tombstones included), the device id and the status the options
 * page shows all live in storage.local:
 *
 * - local settings changed -> absorb them into the ledger now, push soon
 *   (debounced, so typing costs a write or two, not one per key);
 * - storage.sync changed -> merge it into the ledger and, if that changes
 *   anything, write the merged settings (background's listener reconciles);
 * - a push first merges what sync holds, then writes the items that differ;
 *   a refused write keeps everything local, says so, and retries with back-off.
 */

/** The part of a storage area the engine uses (browser.storage.local / .sync, or a test's fake). */
export interface StorageAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface SyncOptions {
  local: StorageAreaLike;
  sync: StorageAreaLike;
  now?: () => number;
  limits?: SyncLimits;
  newDeviceId?: () => string;
  /** Wakes the engine at `at` for a retry (an alarm in the extension). */
  scheduleRetry?: (at: number) => unknown;
  /** Quiet time after the last local change before pushing. */
  debounceMs?: number;
  /** Longest a push waits while changes keep coming. */
  maxWaitMs?: number;
  /** Coalesces a burst of sync changes into one merge. */
  pullDelayMs?: number;
  /**
   * Wraps writing merged settings that change what is stored (another
   * device's edit): `write` does the compare-and-set and answers whether it
   * wrote. The background orders it like every settings write (record a
   * loosening, converge a tightening, then write: utils/browser/settings-writes.ts).
   */
  commitSettings?: (
    change: { stored: Settings; next: Settings },
    write: () => Promise<boolean>,
  ) => Promise<boolean>;
}

export interface SyncEngine {
  /** storage.local 'settings' changed. */
  localChanged(): Promise<void>;
  /** storage.sync changed (another device, or our own write echoing back). */
  remoteChanged(): Promise<void>;
  /** Push now if anything is waiting and no back-off holds (start-up, alarms, heartbeat). */
  flush(options?: { force?: boolean }): Promise<void>;
  /** storage.sync write operations issued so far (for tests and the bench). */
  readonly writes: number;
}

export const PUSH_DEBOUNCE_MS = 2_500;
export const PUSH_MAX_WAIT_MS = 20_000;
const PULL_DELAY_MS = 200;
/** How many times a merge is redone when settings change under it before it gives up for now. */
const CAS_ATTEMPTS = 4;

function randomDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const equal = (a: unknown, b: unknown) => canonical(a) === canonical(b);

export function createSyncEngine(options: SyncOptions): SyncEngine {
  const { local, sync } = options;
  const now = options.now ?? Date.now;
  const limits = options.limits ?? SYNC_LIMITS;
  const debounceMs = options.debounceMs ?? PUSH_DEBOUNCE_MS;
  const maxWaitMs = options.maxWaitMs ?? PUSH_MAX_WAIT_MS;
  const pullDelayMs = options.pullDelayMs ?? PULL_DELAY_MS;
  let writes = 0;

  // Only timers live in memory; losing them (a killed worker) delays a push
  // until the next alarm or event, never loses it: the ledger knows what is due.
  let pushTimer: ReturnType<typeof setTimeout> | undefined;
  let firstPendingAt: number | null = null;
  let pullTimer: ReturnType<typeof setTimeout> | undefined;
  let pullWaiters: (() => void)[] = [];

  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch((error) => console.error('Hearth: sync step failed', error));
    return run;
  };

  async function deviceId(stored: unknown): Promise<string> {
    if (typeof stored === 'string' && stored) return stored;
    const id = (options.newDeviceId ?? randomDeviceId)();
    await local.set({ [KEYS.syncDevice]: id });
    return id;
  }

  interface LocalView {
    rawSettings: unknown;
    loaded: LoadedSettings;
    state: SyncState;
  }

  /**
   * Settings here are lost (unreadable, or gone while the ledger holds real
   * edits) but the replica has the records: rebuild them from it, and leave a
   * note so the parent is told. A newer Hearth's settings are left alone.
   */
  async function rebuildFrom(
    records: SyncState['records'],
    rawSettings: unknown,
    loaded: LoadedSettings,
    { missing }: { missing: boolean },
  ): Promise<{ rawSettings: unknown; loaded: LoadedSettings } | null> {
    // Missing settings count as lost only where this device's own ledger shows it had some.
    const lost = loaded.problems.includes('unreadable') || (missing && rawSettings === undefined);
    if (!lost || !holdsEdits(records)) return null;
    const rebuilt = settingsFromRecords(records);
    console.warn('Hearth: settings here could not be read; rebuilt them from the sync replica');
    await local.set({
      [KEYS.settings]: rebuilt,
      [KEYS.settingsRecovery]: { at: now(), from: 'sync' },
    });
    return { rawSettings: rebuilt, loaded: settingsFromStored(rebuilt) };
  }

  /** Reads settings + ledger and folds any local edit into the ledger (written back when it changed). */
  async function absorbLocal(): Promise<LocalView & { changed: boolean }> {
    const got = await local.get([KEYS.settings, KEYS.syncLedger, KEYS.syncDevice]);
    const device = await deviceId(got[KEYS.syncDevice]);
    const before = decodeLedger(got[KEYS.syncLedger]) ?? { records: new Map(), horizon: 0 };
    let rawSettings: unknown = got[KEYS.settings];
    let loaded = settingsFromStored(rawSettings);
    const rebuilt = await rebuildFrom(before.records, rawSettings, loaded, { missing: true });
    if (rebuilt) ({ rawSettings, loaded } = rebuilt);
    let state = before;
    if (trusted(loaded)) {
      const result = absorb(
        before.records,
        loaded.settings,
        { now: now(), device },
        { deletions: !loaded.problems.includes('records-dropped') },
      );
      state = { records: result.ledger, horizon: before.horizon };
    }
    const changed =
      got[KEYS.syncLedger] === undefined || !sameRecords(state.records, before.records);
    if (changed) await local.set({ [KEYS.syncLedger]: encodeLedger(state) });
    return { rawSettings, loaded, state, changed };
  }

  /**
   * Merges sync's items into the ledger and, when that changes what settings
   * hold, writes both in one set. Compare-and-set: if settings changed while
   * merging (an editor saved), absorb again and redo.
   */
  async function pullFrom(
    remoteItems: Record<string, unknown>,
  ): Promise<{ state: SyncState; format: number }> {
    const remote = decodeItems(remoteItems);
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const view = await absorbLocal();
      if (remote.format > LAYOUT_FORMAT) return { state: view.state, format: remote.format };
      const merged = mergeStates(view.state, remote.state, now());
      if (
        sameRecords(merged.records, view.state.records) &&
        merged.horizon === view.state.horizon
      ) {
        return { state: merged, format: remote.format };
      }
      if (await rebuildFrom(merged.records, view.rawSettings, view.loaded, { missing: false }))
        continue;
      // Only the keys that changed are written.
      const items: Record<string, unknown> = { [KEYS.syncLedger]: encodeLedger(merged) };
      let arriving: Settings | null = null;
      if (trusted(view.loaded)) {
        const next = settingsFromRecords(merged.records, view.loaded.settings);
        if (!equal(next, view.loaded.settings)) {
          items[KEYS.settings] = next;
          arriving = next;
        }
      }
      // Compare-and-set: an editor saved while this merged, so absorb that and merge again.
      const write = async () => {
        const { [KEYS.settings]: latest } = await local.get(KEYS.settings);
        if (!equal(latest, view.rawSettings)) return false;
        await local.set(items);
        return true;
      };
      const wrote =
        arriving && options.commitSettings
          ? await options.commitSettings({ stored: view.loaded.settings, next: arriving }, write)
          : await write();
      if (!wrote) continue;
      return { state: merged, format: remote.format };
    }
    // Settings kept changing under every attempt: write nothing now (writing
    // blindly could undo the edit that kept arriving); the next change or the
    // heartbeat merges again.
    console.warn('Hearth: settings kept changing while sync merged; merging again later');
    const view = await absorbLocal();
    return { state: view.state, format: remote.format };
  }

  async function loadStatus(): Promise<SyncStatus> {
    const { [KEYS.syncStatus]: raw } = await local.get(KEYS.syncStatus);
    return readStatus(raw);
  }

  async function saveStatus(previous: SyncStatus, next: SyncStatus): Promise<void> {
    if (!equal(previous, next)) await local.set({ [KEYS.syncStatus]: next });
  }

  async function push(force: boolean): Promise<void> {
    const status = await loadStatus();
    const at = now();
    if (!force && status.retryAt !== null && at < status.retryAt) {
      // Backing off: keep the local truth current, and the count of what waits.
      const { state } = await absorbLocal();
      const there = await sync.get(null).catch(() => null);
      if (there) {
        const waiting = localOnly(state.records, decodeItems(there).state.records);
        await saveStatus(status, { ...status, localOnly: waiting });
      }
      return;
    }
    let remoteItems: Record<string, unknown>;
    try {
      remoteItems = await sync.get(null);
    } catch (error) {
      await refused(status, error, null);
      return;
    }
    const pulled = await pullFrom(remoteItems);
    if (pulled.format > LAYOUT_FORMAT) {
      await saveStatus(status, { ...status, state: 'waiting', reason: null, retryAt: null });
      return;
    }
    const state = advanceHorizon(pulled.state, at);
    if (state !== pulled.state) await local.set({ [KEYS.syncLedger]: encodeLedger(state) });
    const layout = planLayout(state, limits);
    const { set, remove } = diffItems(remoteItems, layout.items, equal);
    try {
      // Removals first: they make room for what is set.
      if (remove.length > 0) {
        writes += 1;
        await sync.remove(remove);
      }
      if (Object.keys(set).length > 0) {
        writes += 1;
        await sync.set(set);
      }
    } catch (error) {
      await refused(status, error, state);
      return;
    }
    const wrote = remove.length > 0 || Object.keys(set).length > 0;
    const synced = decodeItems(Object.fromEntries(layout.items)).state.records;
    await saveStatus(status, {
      state: 'ok',
      reason: null,
      localOnly: localOnly(state.records, synced),
      // When sync last took a change (or first found nothing to do): not bumped by idle checks.
      lastSyncedAt: wrote || status.lastSyncedAt === null ? at : status.lastSyncedAt,
      failures: 0,
      retryAt: null,
    });
  }

  async function refused(
    status: SyncStatus,
    error: unknown,
    state: SyncState | null,
  ): Promise<void> {
    const reason = refusalOf(error);
    const failures = status.failures + 1;
    const retryAt = now() + retryDelay(failures, reason);
    let waiting = status.localOnly;
    if (state) {
      // What actually reached sync (a removal may have gone through before the refusal).
      const there = await sync.get(null).catch(() => ({}));
      waiting = localOnly(state.records, decodeItems(there).state.records);
    }
    const said = error instanceof Error ? error.message : String(error);
    console.warn(
      `Hearth: sync refused a write (${reason}: ${said}); retrying after ${new Date(retryAt).toISOString()}`,
    );
    await saveStatus(status, {
      ...status,
      state: 'refused',
      reason,
      localOnly: waiting,
      failures,
      retryAt,
    });
    await options.scheduleRetry?.(retryAt);
  }

  function schedulePush(): void {
    const at = now();
    firstPendingAt ??= at;
    const delay = Math.max(0, Math.min(debounceMs, firstPendingAt + maxWaitMs - at));
    clearTimeout(pushTimer);
    pushTimer = setTimeout(() => {
      pushTimer = undefined;
      firstPendingAt = null;
      void serial(() => push(false));
    }, delay);
  }

  return {
    get writes() {
      return writes;
    },

    localChanged: () =>
      serial(async () => {
        const { changed } = await absorbLocal();
        if (changed) schedulePush();
      }),

    remoteChanged() {
      // A burst of item changes (one remote set touches many keys) merges once.
      return new Promise<void>((resolve) => {
        pullWaiters.push(resolve);
        clearTimeout(pullTimer);
        pullTimer = setTimeout(() => {
          const waiters = pullWaiters;
          pullWaiters = [];
          void serial(async () => {
            try {
              const remoteItems = await sync.get(null);
              const pulled = await pullFrom(remoteItems);
              if (pulled.format > LAYOUT_FORMAT) return;
              // Anti-entropy: if sync lacks what we hold (another device wrote over it), push it back.
              const layout = planLayout(pulled.state, limits);
              const { set, remove } = diffItems(remoteItems, layout.items, equal);
              if (Object.keys(set).length > 0 || remove.length > 0) schedulePush();
            } catch (error) {
              console.warn('Hearth: could not read sync', error);
            }
          }).finally(() => {
            for (const w of waiters) w();
          });
        }, pullDelayMs);
      });
    },

    flush: ({ force = false } = {}) => serial(() => push(force)),
  };
}
