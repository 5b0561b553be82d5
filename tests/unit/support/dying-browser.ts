import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * A background that dies after its Nth write. An MV3 worker can be stopped
 * between any two awaits; what survives is what it wrote to the browser
 * before that (storage, DNR rules, alarms, tabs, badge). This wraps the
 * fakeBrowser methods the adapters use: every write is counted, and once the
 * Nth write has completed the worker is gone, so every later browser call,
 * read or write, fails with WorkerDied and changes nothing. `revive()` is
 * the worker starting again (its memory is lost, the browser's state is not).
 *
 * Install it after the other fakes (fake-dnr, fake-extension), so it wraps
 * them. IndexedDB (the history) counts too: each readwrite transaction is
 * one write, and a dead worker opens none.
 */

export class WorkerDied extends Error {
  constructor(call: string) {
    super(`the worker is gone (${call} after the last write)`);
  }
}

/** The browser writes a background makes, by namespace. */
const WRITES: Record<string, string[]> = {
  'storage.local': ['set', 'remove', 'clear'],
  declarativeNetRequest: ['updateDynamicRules'],
  alarms: ['create', 'clear', 'clearAll'],
  tabs: ['update', 'create', 'remove'],
  action: ['setBadgeText', 'setBadgeBackgroundColor', 'setTitle'],
  notifications: ['create', 'clear'],
};

/** The reads, so a dead worker cannot read either. */
const READS: Record<string, string[]> = {
  'storage.local': ['get'],
  declarativeNetRequest: ['getDynamicRules'],
  alarms: ['get', 'getAll'],
  tabs: ['query', 'get'],
  action: ['getBadgeText', 'getTitle'],
  permissions: ['contains'],
};

export interface DyingBrowser {
  /** Counts writes from now on; after the nth has completed, the worker is gone. */
  dieAfter(n: number): void;
  /** Counts writes from now on and never dies (to learn how many an action makes). */
  count(): void;
  /** The worker starts again: calls work, nothing is counted. */
  revive(): void;
  /** The writes made since dieAfter/count, in order ("storage.local.set", …). */
  readonly writes: string[];
  readonly dead: boolean;
}

type Api = Record<string, unknown>;
type Method = (...args: unknown[]) => unknown;

function namespace(path: string): Api {
  let target: unknown = fakeBrowser;
  for (const part of path.split('.')) target = (target as Api)[part];
  return target as Api;
}

export function installDyingBrowser(): DyingBrowser {
  let limit = Number.POSITIVE_INFINITY;
  let counting = false;
  let dead = false;
  const writes: string[] = [];

  const wrap = (path: string, name: string, isWrite: boolean) => {
    const target = namespace(path);
    const original = target[name];
    if (typeof original !== 'function') return;
    const call = `${path}.${name}`;
    target[name] = async (...args: unknown[]) => {
      if (dead) throw new WorkerDied(call);
      const result = await (original as Method).apply(target, args);
      if (isWrite && counting) {
        writes.push(call);
        if (writes.length >= limit) dead = true;
      }
      return result;
    };
  };
  for (const [path, names] of Object.entries(WRITES)) for (const n of names) wrap(path, n, true);
  for (const [path, names] of Object.entries(READS)) for (const n of names) wrap(path, n, false);

  // fake-indexeddb's IDBDatabase, which idb-keyval (history, photos) opens transactions on.
  const proto = globalThis.IDBDatabase.prototype;
  const transaction = proto.transaction;
  proto.transaction = function (
    this: IDBDatabase,
    ...args: Parameters<IDBDatabase['transaction']>
  ): IDBTransaction {
    if (dead) throw new WorkerDied('indexedDB.transaction');
    const opened = transaction.apply(this, args);
    if (args[1] === 'readwrite' && counting) {
      writes.push('indexedDB');
      if (writes.length >= limit) dead = true;
    }
    return opened;
  };

  const arm = (n: number) => {
    writes.length = 0;
    limit = n;
    counting = true;
    dead = false;
  };
  return {
    dieAfter: arm,
    count: () => arm(Number.POSITIVE_INFINITY),
    revive() {
      dead = false;
      counting = false;
      limit = Number.POSITIVE_INFINITY;
    },
    get writes() {
      return writes;
    },
    get dead() {
      return dead;
    },
  };
}
