import { afterAll, beforeAll } from 'vitest';

/** A Map-backed localStorage: the prepared photo lives there in a real page. */
export class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/** FileReader.readAsDataURL, which Node lacks: photos become data URLs for storage. */
class NodeFileReader {
  result: string | null = null;
  error: Error | null = null;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  readAsDataURL(blob: Blob) {
    void blob.arrayBuffer().then((bytes) => {
      this.result = `data:${blob.type};base64,${Buffer.from(bytes).toString('base64')}`;
      this.onload?.();
    });
  }
}

/** Gives the test file a page's localStorage and FileReader; returns the storage to inspect. */
export function installPageApis(): MemoryStorage {
  const storage = new MemoryStorage();
  const saved = { localStorage: globalThis.localStorage, FileReader: globalThis.FileReader };
  beforeAll(() => {
    Object.assign(globalThis, { localStorage: storage, FileReader: NodeFileReader });
  });
  afterAll(() => {
    Object.assign(globalThis, saved);
  });
  return storage;
}
