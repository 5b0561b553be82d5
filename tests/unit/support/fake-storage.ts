import type { StorageAreaLike } from '@/utils/sync/engine';

export type Changes = Record<string, { oldValue?: unknown; newValue?: unknown }>;
type Listener = (changes: Changes) => void;

const clone = <T>(value: T): T =>
  value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);

/**
 * A storage area as the extension sees one: values are copied in and out
 * (JSON, like the browsers' serialisation), and listeners hear changes after
 * the write resolves, as storage.onChanged does.
 */
export class FakeArea implements StorageAreaLike {
  readonly data = new Map<string, unknown>();
  private readonly listeners: Listener[] = [];
  /** Every set/remove call, in order (a browser counts each as one write operation). */
  readonly calls: { op: 'set' | 'remove'; keys: string[] }[] = [];
  /** When set, set() rejects with it (a refused write), as the browser would. */
  failWith: Error | null = null;

  async get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
    const wanted = keys === undefined || keys === null ? [...this.data.keys()] : [keys].flat();
    const out: Record<string, unknown> = {};
    for (const key of wanted) if (this.data.has(key)) out[key] = clone(this.data.get(key));
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    this.calls.push({ op: 'set', keys: Object.keys(items) });
    if (this.failWith) throw this.failWith;
    this.write(Object.entries(clone(items)));
  }

  async remove(keys: string | string[]): Promise<void> {
    this.calls.push({ op: 'remove', keys: [keys].flat() });
    this.write([keys].flat().map((k) => [k, undefined]));
  }

  get writes(): number {
    return this.calls.length;
  }

  onChanged(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Applies values (undefined removes) and tells listeners about what really changed. */
  write(entries: [string, unknown][]): Changes {
    const changes: Changes = {};
    for (const [key, value] of entries) {
      const old = this.data.get(key);
      if (JSON.stringify(old) === JSON.stringify(value)) continue;
      if (value === undefined) this.data.delete(key);
      else this.data.set(key, value);
      changes[key] = { oldValue: old, newValue: value };
    }
    if (Object.keys(changes).length > 0) {
      void Promise.resolve().then(() => {
        for (const listener of this.listeners) listener(changes);
      });
    }
    return changes;
  }

  /** Bytes as the browsers count them: key plus JSON of the value, UTF-8. */
  itemSizes(): Map<string, number> {
    const enc = new TextEncoder();
    return new Map(
      [...this.data].map(([k, v]) => [
        k,
        enc.encode(k).length + enc.encode(JSON.stringify(v)).length,
      ]),
    );
  }
}

/**
 * A device's storage.sync replica joined to the others by a fake sync server:
 * online, a write goes up at once and reaches every other online replica;
 * offline, it stays here until the device reconnects. The server keeps the
 * last write of each item, as the browsers' sync does.
 */
export class SyncReplica extends FakeArea {
  online = true;
  private readonly dirty = new Set<string>();

  constructor(private readonly channel: FakeSyncChannel) {
    super();
    channel.replicas.push(this);
  }

  override write(entries: [string, unknown][]): Changes {
    const changes = super.write(entries);
    for (const key of Object.keys(changes)) this.dirty.add(key);
    if (this.online) this.upload();
    return changes;
  }

  /** Hears the server (not counted as a write by this device, nor sent back up). */
  receive(entries: [string, unknown][]): void {
    super.write(entries);
  }

  upload(): void {
    const keys = [...this.dirty];
    this.dirty.clear();
    const entries = keys.map((k): [string, unknown] => [k, this.data.get(k)]);
    this.channel.publish(this, entries);
  }

  connect(): void {
    this.online = true;
    this.upload();
    // Catch up on everything the server holds.
    const server = this.channel.server;
    const entries: [string, unknown][] = [...server].map(([k, v]) => [k, clone(v)]);
    for (const key of this.data.keys()) if (!server.has(key)) entries.push([key, undefined]);
    this.receive(entries);
  }

  disconnect(): void {
    this.online = false;
  }
}

export class FakeSyncChannel {
  readonly server = new Map<string, unknown>();
  readonly replicas: SyncReplica[] = [];

  publish(from: SyncReplica, entries: [string, unknown][]): void {
    for (const [key, value] of entries) {
      if (value === undefined) this.server.delete(key);
      else this.server.set(key, clone(value));
    }
    for (const replica of this.replicas) {
      if (replica !== from && replica.online)
        replica.receive(entries.map(([k, v]) => [k, clone(v)]));
    }
  }
}
