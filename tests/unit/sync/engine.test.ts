import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { KEYS } from '@/utils/browser/storage-keys';
import { settingsFromStored } from '@/utils/settings/read';
import { defaultSettings, type Settings, type SiteRecord } from '@/utils/settings/schema';
import { canonical } from '@/utils/sync/canonical';
import { createSyncEngine } from '@/utils/sync/engine';
import { decodeItems, META_KEY, SYNC_LIMITS } from '@/utils/sync/layout';
import { settingsFromRecords } from '@/utils/sync/records';
import { FakeArea } from '../support/fake-storage';
import { weekly } from '../support/settings';
import { makeDevice } from '../support/sync-device';

/** The first element, which the test put there. */
function first<T>(items: readonly T[]): T {
  const [item] = items;
  if (item === undefined) throw new Error('expected an element');
  return item;
}

const T0 = Date.UTC(2025, 5, 2, 17, 0);

/** Settings as the foundation (before sync) stored them: version 1, the blob in storage.local. */
function foundationSettings(): Settings {
  return {
    ...defaultSettings(),
    windows: [
      weekly([1, 2, 3, 4, 5], '18:00', 150, {
        id: 'evenings',
        label: 'Dinner & bath',
        updatedAt: T0 - 86_400_000,
      }),
      weekly([6, 7], '09:00', 240, { id: 'weekend', enabled: false, updatedAt: T0 - 3_600_000 }),
    ],
    exceptions: [
      { id: 'holiday', kind: 'skip', from: '2025-08-01', to: '2025-08-14', updatedAt: T0 - 5000 },
    ],
    sites: [
      { id: 'mail', pattern: 'mail.example.com', list: 'block', updatedAt: T0 - 9000 },
      { id: 'wiki', pattern: 'wiki.example.com/family', list: 'allow', updatedAt: T0 - 8000 },
    ],
    notes: [
      {
        id: 'n1',
        text: 'Mia has her recital on Friday <3',
        kind: 'standing',
        date: null,
        child: 'Mia',
        createdAt: T0 - 7000,
        updatedAt: T0 - 7000,
      },
    ],
    presets: { mail: true, chat: false, docs: true, trackers: false, calls: true },
    gentleness: { ...defaultSettings().gentleness, waitSeconds: 45, budgetPerEvening: 1 },
    headsUp: { enabled: false, minutesBefore: 15 },
  };
}

function siteList(n: number, prefix = 'site'): SiteRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${String(i).padStart(5, '0')}`,
    pattern: `${prefix}${i}.example.org`,
    list: 'block',
    updatedAt: T0,
  }));
}

/** What storage.sync holds, read back as settings. */
function remoteSettings(sync: FakeArea, hint?: Settings): Settings {
  return settingsFromRecords(decodeItems(Object.fromEntries(sync.data)).state.records, hint);
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('first run after the update (the foundation layout)', () => {
  test('keeps every setting, builds the ledger, and replicates every record', async () => {
    const old = foundationSettings();
    const sync = new FakeArea();
    const device = makeDevice('laptop', sync, { settings: old });
    await device.engine.flush();

    // Old data in, the same settings out: nothing in storage.local's settings changed.
    expect(canonical(device.local.data.get(KEYS.settings))).toBe(canonical(old));
    expect(device.local.data.get(KEYS.syncLedger)).toBeDefined();
    expect(device.local.data.get(KEYS.syncDevice)).toBe('laptop');
    // And sync holds all of it, record by record.
    expect(canonical(remoteSettings(sync, old))).toBe(canonical(old));
    expect([...sync.data.keys()].sort()).toEqual(
      expect.arrayContaining([
        'hearth',
        'g',
        'h',
        'w:evenings',
        'w:weekend',
        'e:holiday',
        'n:n1',
        'p:chat',
      ]),
    );
    expect(device.status()).toMatchObject({ state: 'ok', localOnly: {} });
  });

  test('a fresh device adopts the synced settings instead of pushing its defaults over them', async () => {
    const sync = new FakeArea();
    const home = makeDevice('home', sync, { settings: foundationSettings() });
    await home.engine.flush();
    const fresh = makeDevice('fresh', sync);
    await fresh.engine.flush();
    expect(canonical(fresh.settings())).toBe(canonical(remoteSettings(sync, fresh.settings())));
    expect(fresh.settings().gentleness.waitSeconds).toBe(45);
    // The built-in windows the parent had deleted before sync existed stay deleted.
    expect(
      fresh
        .settings()
        .windows.map((w) => w.id)
        .sort(),
    ).toEqual(['evenings', 'weekend']);
  });
});

describe('batched, debounced writes', () => {
  test('typing a 200-character note costs at most 3 sync writes', async () => {
    const sync = new FakeArea();
    const device = makeDevice('laptop', sync, { settings: foundationSettings() });
    await device.engine.flush();
    const before = sync.writes;

    const text =
      'We are going to the lake on Saturday, so tonight pack the bags together with Mia and Leo, read two chapters, and no laptop after dinner. Remember the sun cream and the blue towels!!'.padEnd(
        200,
        '.',
      );
    expect(text).toHaveLength(200);
    // One local write per keystroke (worse than the options page, which debounces too), ~7 keys a second.
    for (let i = 1; i <= text.length; i++) {
      await device.edit((s) => ({
        ...s,
        notes: [{ ...first(s.notes), text: text.slice(0, i), updatedAt: Date.now() }],
      }));
      await vi.advanceTimersByTimeAsync(150);
    }
    await vi.advanceTimersByTimeAsync(30_000);
    const writes = sync.writes - before;
    console.info(`200-character note typed key by key: ${writes} sync writes`);
    expect(writes).toBeGreaterThanOrEqual(1);
    expect(writes).toBeLessThanOrEqual(3);
    expect(remoteSettings(sync).notes[0]?.text).toBe(text);
  });

  test('one edit is pushed once, a few seconds later, as one write', async () => {
    const sync = new FakeArea();
    const device = makeDevice('laptop', sync, { settings: foundationSettings() });
    await device.engine.flush();
    const before = sync.calls.length;
    await device.edit((s) => ({ ...s, sites: [...s.sites, ...siteList(3)] }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(sync.calls.length).toBe(before);
    await vi.advanceTimersByTimeAsync(5000);
    expect(sync.calls.slice(before)).toEqual([{ op: 'set', keys: [expect.stringMatching(/^s:/)] }]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sync.calls.length).toBe(before + 1);
  });
});

describe('changes from another device', () => {
  test('are merged into the local settings within seconds, and reconcile follows', async () => {
    const sync = new FakeArea();
    const device = makeDevice('home', sync, { settings: foundationSettings() });
    await device.engine.flush();
    const reconcilesBefore = device.reconciles;

    // The work laptop moves the evening window: its item arrives in storage.sync.
    const evening = first(foundationSettings().windows);
    sync.write([
      [
        'w:evenings',
        { t: T0 + 1000, d: 'work', v: { ...evening, startMinute: 19 * 60, updatedAt: T0 + 1000 } },
      ],
    ]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(device.settings().windows.find((w) => w.id === 'evenings')?.startMinute).toBe(19 * 60);
    expect(device.reconciles).toBeGreaterThan(reconcilesBefore);
  });

  test('an item removed from sync is not a delete', async () => {
    const sync = new FakeArea();
    const device = makeDevice('home', sync, { settings: foundationSettings() });
    await device.engine.flush();
    sync.write([['n:n1', undefined]]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(device.settings().notes.map((n) => n.id)).toEqual(['n1']);
    // And the replica heals: the note is written back.
    expect(sync.data.has('n:n1')).toBe(true);
  });
});

describe('the background orders the write of arriving settings (commitSettings)', () => {
  test('the hook sees what is stored and what arrives, and the settings change only when it writes', async () => {
    const sync = new FakeArea();
    const home = makeDevice('home', sync, { settings: foundationSettings() });
    await home.engine.flush();
    // The work laptop, this same parent, adds a site there.
    const work = makeDevice('work', sync, { settings: foundationSettings() });
    await work.engine.flush();
    await work.edit((s) => ({
      ...s,
      sites: [
        ...s.sites,
        { id: 'new', pattern: 'new.example.com', list: 'block', updatedAt: T0 + 5 },
      ],
    }));
    await work.engine.localChanged();
    await work.engine.flush({ force: true });

    const local = new FakeArea();
    for (const [k, v] of home.local.data) local.data.set(k, v);
    const seen: { stored: string[]; next: string[]; storedBefore: string[]; after: string[] }[] =
      [];
    const patterns = (s: Settings) => s.sites.map((x) => x.pattern).sort();
    const engine = createSyncEngine({
      local,
      sync,
      newDeviceId: () => 'home',
      async commitSettings({ stored, next }, write) {
        const before = settingsFromStored(local.data.get(KEYS.settings)).settings;
        const wrote = await write();
        seen.push({
          stored: patterns(stored),
          next: patterns(next),
          storedBefore: patterns(before),
          after: patterns(settingsFromStored(local.data.get(KEYS.settings)).settings),
        });
        return wrote;
      },
    });
    await engine.flush({ force: true });
    expect(seen).toEqual([
      {
        stored: ['mail.example.com', 'wiki.example.com/family'],
        next: ['mail.example.com', 'new.example.com', 'wiki.example.com/family'],
        storedBefore: ['mail.example.com', 'wiki.example.com/family'],
        after: ['mail.example.com', 'new.example.com', 'wiki.example.com/family'],
      },
    ]);
  });

  test('a hook that does not write leaves the settings and the ledger as they were (merged again later)', async () => {
    const sync = new FakeArea();
    const home = makeDevice('home', sync, { settings: foundationSettings() });
    await home.engine.flush();
    const work = makeDevice('work', sync, { settings: foundationSettings() });
    await work.engine.flush();
    await work.edit((s) => ({ ...s, sites: [] }));
    await work.engine.localChanged();
    await work.engine.flush({ force: true });

    const local = new FakeArea();
    for (const [k, v] of home.local.data) local.data.set(k, v);
    const before = canonical(local.data.get(KEYS.settings));
    const engine = createSyncEngine({
      local,
      sync,
      newDeviceId: () => 'home',
      commitSettings: async () => false,
    });
    await engine.flush({ force: true });
    expect(canonical(local.data.get(KEYS.settings))).toBe(before);
  });
});

describe('when sync refuses a write', () => {
  test('quota: local settings stay intact, the notice counts what is kept here, and it retries with back-off', async () => {
    const sync = new FakeArea();
    const device = makeDevice('laptop', sync, { settings: foundationSettings() });
    await device.engine.flush();
    sync.failWith = new Error('QUOTA_BYTES quota exceeded');

    await device.edit((s) => ({ ...s, sites: [...s.sites, ...siteList(4)] }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(device.settings().sites).toHaveLength(6);
    expect(device.status()).toMatchObject({
      state: 'refused',
      reason: 'quota',
      localOnly: { site: 4 },
      failures: 1,
    });
    const { retryAt } = device.status();
    expect(device.retries).toEqual([retryAt]);
    expect(retryAt).toBeGreaterThanOrEqual(Date.now() + 25_000);

    // While backing off, more edits are kept locally (and counted) and nothing is written.
    const calls = sync.calls.length;
    await device.edit((s) => ({ ...s, notes: [], sites: [...s.sites, ...siteList(2, 'more')] }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(sync.calls.length).toBe(calls);
    expect(device.settings().notes).toEqual([]);
    expect(device.status()).toMatchObject({ state: 'refused', localOnly: { site: 6 } });

    // Sync has room again; the retry alarm fires.
    sync.failWith = null;
    await vi.advanceTimersByTimeAsync(30_000);
    await device.engine.flush();
    expect(device.status()).toMatchObject({
      state: 'ok',
      reason: null,
      localOnly: {},
      failures: 0,
      retryAt: null,
    });
    expect(remoteSettings(sync).sites).toHaveLength(8);
    expect(remoteSettings(sync).notes).toEqual([]);
  });

  test('sync switched off entirely (reads fail too): local edits carry on, a calm notice', async () => {
    const sync = new FakeArea();
    const device = makeDevice('laptop', sync, { settings: foundationSettings() });
    sync.get = () => Promise.reject(new Error('Sync is disabled'));
    await device.engine.flush();
    expect(device.status()).toMatchObject({ state: 'refused', reason: 'unavailable' });
    expect(canonical(device.settings())).toBe(canonical(foundationSettings()));
  });
});

describe('sync full by design', () => {
  test('5,000 sites: every item under 8 KB, and the notice says how many stay on this device', async () => {
    const sync = new FakeArea();
    const many = { ...foundationSettings(), sites: siteList(5000) };
    const device = makeDevice('laptop', sync, { settings: many });
    await device.engine.flush();

    const sizes = [...sync.itemSizes().values()];
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(SYNC_LIMITS.perItemBytes);
    expect(total).toBeLessThanOrEqual(SYNC_LIMITS.quotaBytes);
    expect(sync.data.size).toBeLessThanOrEqual(SYNC_LIMITS.maxItems);
    const status = device.status();
    expect(status.state).toBe('ok');
    const synced = remoteSettings(sync).sites.length;
    expect(synced + (status.localOnly.site ?? 0)).toBe(5000);
    expect(device.settings().sites).toHaveLength(5000);
    console.info(
      `engine, 5,000 sites: ${sync.data.size} items, largest ${Math.max(...sizes)} B, total ${total} B, ` +
        `${synced} sites synced, ${status.localOnly.site} on this device only`,
    );
  });
});

describe('guards', () => {
  test('a newer sync layout from another device: this one waits and writes nothing', async () => {
    const sync = new FakeArea();
    sync.data.set(META_KEY, { f: 99, h: 0 });
    const device = makeDevice('old', sync, { settings: foundationSettings() });
    await device.engine.flush();
    expect(sync.calls).toEqual([]);
    expect(device.status().state).toBe('waiting');
  });

  test('unreadable local settings are never pushed as deletes', async () => {
    const sync = new FakeArea();
    const device = makeDevice('laptop', sync, { settings: foundationSettings() });
    await device.engine.flush();
    const before = canonical(Object.fromEntries(sync.data));
    await device.local.set({ [KEYS.settings]: 'corrupted' });
    await vi.advanceTimersByTimeAsync(10_000);
    await device.engine.flush();
    expect(canonical(Object.fromEntries(sync.data))).toBe(before);
  });
});

describe('settings that corruption cannot spread', () => {
  const records = (sync: FakeArea) =>
    [...decodeItems(Object.fromEntries(sync.data)).state.records]
      .filter(([, e]) => !('gone' in e))
      .map(([k]) => k)
      .sort();

  test('unreadable local settings are rebuilt from the ledger: every record kept, the parent told', async () => {
    const sync = new FakeArea();
    const device = makeDevice('laptop', sync, { settings: foundationSettings() });
    await device.engine.flush();
    const held = records(sync);
    await device.local.set({ [KEYS.settings]: '{"windows": [garbage' });
    await vi.advanceTimersByTimeAsync(10_000);
    await device.engine.flush();
    expect(canonical(device.settings())).toBe(canonical(remoteSettings(sync, device.settings())));
    expect(device.settings().notes.map((n) => n.text)).toEqual([
      'Mia has her recital on Friday <3',
    ]);
    expect(
      device
        .settings()
        .sites.map((s) => s.id)
        .sort(),
    ).toEqual(['mail', 'wiki']);
    expect(records(sync)).toEqual(held);
    expect(device.local.data.get(KEYS.settingsRecovery)).toMatchObject({ at: expect.any(Number) });
  });

  test('settings and ledger both lost: rebuilt from what storage.sync holds', async () => {
    const sync = new FakeArea();
    const device = makeDevice('laptop', sync, { settings: foundationSettings() });
    await device.engine.flush();
    const held = records(sync);
    await device.local.set({ [KEYS.settings]: 42, [KEYS.syncLedger]: 'also broken' });
    await vi.advanceTimersByTimeAsync(10_000);
    await device.engine.flush();
    expect(
      device
        .settings()
        .windows.map((w) => w.id)
        .sort(),
    ).toEqual(['evenings', 'weekend']);
    expect(device.settings().gentleness.waitSeconds).toBe(45);
    expect(records(sync)).toEqual(held);
    expect(device.local.data.get(KEYS.settingsRecovery)).toBeDefined();
  });

  test('settings gone while the ledger shows there were some: rebuilt, not read as "delete everything"', async () => {
    const sync = new FakeArea();
    const device = makeDevice('laptop', sync, { settings: foundationSettings() });
    await device.engine.flush();
    const held = records(sync);
    await device.local.remove(KEYS.settings);
    await vi.advanceTimersByTimeAsync(10_000);
    await device.engine.flush();
    expect(records(sync)).toEqual(held);
    expect(device.settings().notes).toHaveLength(1);
  });

  test('a fresh device joining sync is not told its settings were rebuilt', async () => {
    const sync = new FakeArea();
    const home = makeDevice('home', sync, { settings: foundationSettings() });
    await home.engine.flush();
    const fresh = makeDevice('fresh', sync);
    await fresh.engine.flush();
    expect(fresh.settings().notes).toHaveLength(1);
    expect(fresh.local.data.get(KEYS.settingsRecovery)).toBeUndefined();
  });

  test("a newer Hearth's settings are never rebuilt over nor absorbed", async () => {
    const sync = new FakeArea();
    const device = makeDevice('laptop', sync, { settings: foundationSettings() });
    await device.engine.flush();
    const held = canonical(Object.fromEntries(sync.data));
    const newer = { ...foundationSettings(), version: 99, windows: [] };
    await device.local.set({ [KEYS.settings]: newer });
    await vi.advanceTimersByTimeAsync(10_000);
    await device.engine.flush();
    expect(device.local.data.get(KEYS.settings)).toEqual(newer);
    expect(canonical(Object.fromEntries(sync.data))).toBe(held);
  });

  test('compare-and-set: settings that keep changing under a merge are never written over blindly', async () => {
    const sync = new FakeArea();
    const device = makeDevice('home', sync, { settings: foundationSettings() });
    await device.engine.flush();
    // An editor that saves between every read and write sync makes.
    const get = device.local.get.bind(device.local);
    let typing = true;
    let typed = 0;
    device.local.get = async (keys) => {
      if (typing && keys === KEYS.settings) {
        typed += 1;
        const s = device.settings();
        device.local.write([
          [
            KEYS.settings,
            { ...s, notes: [{ ...first(s.notes), text: `typed ${typed}`, updatedAt: T0 + typed }] },
          ],
        ]);
      }
      return get(keys);
    };
    const evening = first(foundationSettings().windows);
    sync.write([
      [
        'w:evenings',
        { t: T0 + 1000, d: 'work', v: { ...evening, startMinute: 19 * 60, updatedAt: T0 + 1000 } },
      ],
    ]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(typed).toBeGreaterThan(1);
    // The last thing typed is still there: nothing wrote an older snapshot over it.
    expect(first(device.settings().notes).text).toBe(`typed ${typed}`);
    typing = false;
    sync.write([
      [
        'w:evenings',
        {
          t: T0 + 2000,
          d: 'work',
          v: { ...evening, startMinute: 19 * 60 + 5, updatedAt: T0 + 2000 },
        },
      ],
    ]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(device.settings().windows.find((w) => w.id === 'evenings')?.startMinute).toBe(
      19 * 60 + 5,
    );
    expect(first(device.settings().notes).text).toBe(`typed ${typed}`);
  });
});
