import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { defaultSettings, type Settings } from '@/utils/settings/schema';
import { canonical } from '@/utils/sync/canonical';
import { toRecords } from '@/utils/sync/records';
import { FakeSyncChannel, SyncReplica } from '../support/fake-storage';
import { weekly } from '../support/settings';
import { type Device, makeDevice } from '../support/sync-device';

// Two background instances (the same sync wiring the extension registers),
// each over its own storage.local and storage.sync, the two sync areas joined
// by a fake sync server that can be cut and restored.

const T0 = Date.UTC(2025, 5, 2, 17, 0);
const MIN = 60_000;

function workLaptopSettings(): Settings {
  return {
    ...defaultSettings(),
    windows: [
      weekly([1, 2, 3, 4, 5], '18:00', 150, {
        id: 'evenings',
        label: 'Dinner & bath',
        updatedAt: T0 - MIN,
      }),
      weekly([6, 7], '09:00', 240, { id: 'weekend', updatedAt: T0 - MIN }),
    ],
    exceptions: [
      { id: 'holiday', kind: 'skip', from: '2025-08-01', to: '2025-08-14', updatedAt: T0 - MIN },
    ],
    sites: [{ id: 'mail', pattern: 'mail.example.com', list: 'block', updatedAt: T0 - MIN }],
    notes: [
      {
        id: 'n1',
        text: 'Bedtime story: chapter 4',
        kind: 'standing',
        date: null,
        child: 'Leo',
        createdAt: T0 - MIN,
        updatedAt: T0 - MIN,
      },
    ],
  };
}

/** Settings as a set of records: equal when two devices hold the same settings, in any order. */
const recordsOf = (d: Device) =>
  canonical(Object.fromEntries([...toRecords(d.settings())].sort(([a], [b]) => (a < b ? -1 : 1))));

const site = (id: string, pattern: string) => ({
  id,
  pattern,
  list: 'block' as const,
  updatedAt: Date.now(),
});

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

async function joined(skewB = 0) {
  const channel = new FakeSyncChannel();
  const work = makeDevice('work', new SyncReplica(channel), { settings: workLaptopSettings() });
  const home = makeDevice('home', new SyncReplica(channel), { skewMs: skewB });
  await work.engine.flush();
  await home.engine.flush();
  await vi.advanceTimersByTimeAsync(30_000);
  return { channel, work, home };
}

describe('two devices', () => {
  test('a new device adopts the settings, and a window changed on one takes effect on the other within seconds', async () => {
    const { work, home } = await joined();
    expect(recordsOf(home)).toBe(recordsOf(work));
    expect(home.settings().windows.find((w) => w.id === 'evenings')?.label).toBe('Dinner & bath');

    const reconciles = home.reconciles;
    await work.edit((s) => ({
      ...s,
      windows: s.windows.map((w) =>
        w.id === 'evenings' ? { ...w, startMinute: 19 * 60, updatedAt: Date.now() } : w,
      ),
    }));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(home.settings().windows.find((w) => w.id === 'evenings')?.startMinute).toBe(19 * 60);
    expect(home.reconciles).toBeGreaterThan(reconciles);
  });

  test('edits on both while apart: joined again, both converge and every edit that should survive survives', async () => {
    // The home laptop's clock runs 90 s fast; edits below are further apart than that.
    const { work, home } = await joined(90_000);
    work.sync.disconnect();
    home.sync.disconnect();

    await vi.advanceTimersByTimeAsync(MIN);
    await work.edit((s) => ({
      ...s,
      windows: s.windows.map((w) =>
        w.id === 'evenings' ? { ...w, label: 'Dinner', updatedAt: Date.now() } : w,
      ),
      sites: [...s.sites, site('a', 'a.example'), site('same-from-work', 'same.example')],
      notes: s.notes.filter((n) => n.id !== 'n1'),
      gentleness: { ...s.gentleness, waitSeconds: 30 },
    }));
    await vi.advanceTimersByTimeAsync(4 * MIN);
    await home.edit((s) => ({
      ...s,
      // Later than the work laptop's label edit: this version of the window wins.
      windows: s.windows
        .filter((w) => w.id !== 'weekend')
        .map((w) =>
          w.id === 'evenings' ? { ...w, days: [1, 2, 3, 4, 5, 6, 7], updatedAt: Date.now() } : w,
        ),
      exceptions: s.exceptions.map((e) =>
        e.kind === 'skip' ? { ...e, to: '2025-08-10', updatedAt: Date.now() } : e,
      ),
      sites: [...s.sites, site('b', 'b.example'), site('same-from-home', 'same.example')],
      notes: [
        ...s.notes,
        {
          id: 'n-home',
          text: 'Pancakes on Sunday',
          kind: 'standing',
          date: null,
          child: '',
          createdAt: Date.now(),
          updatedAt: Date.now(),
        },
      ],
      headsUp: { ...s.headsUp, minutesBefore: 20 },
    }));
    await vi.advanceTimersByTimeAsync(5 * MIN);
    // Later still, on the work laptop: its change to the holiday wins over home's.
    await work.edit((s) => ({
      ...s,
      exceptions: s.exceptions.map((e) =>
        e.kind === 'skip' ? { ...e, to: '2025-08-20', updatedAt: Date.now() } : e,
      ),
    }));
    await vi.advanceTimersByTimeAsync(MIN);

    work.sync.connect();
    home.sync.connect();
    await vi.advanceTimersByTimeAsync(MIN);

    expect(recordsOf(home)).toBe(recordsOf(work));
    const s = home.settings();
    expect(s.windows.map((w) => w.id)).toEqual(['evenings']);
    expect(s.windows[0]).toMatchObject({ days: [1, 2, 3, 4, 5, 6, 7], label: 'Dinner & bath' });
    expect(s.exceptions[0]).toMatchObject({ id: 'holiday', to: '2025-08-20' });
    expect(s.sites.map((x) => x.pattern).sort()).toEqual([
      'a.example',
      'b.example',
      'mail.example.com',
      'same.example',
    ]);
    expect(s.notes.map((n) => n.id)).toEqual(['n-home']);
    expect(s.gentleness.waitSeconds).toBe(30);
    expect(s.headsUp.minutesBefore).toBe(20);

    // Converged means quiet: no device keeps writing.
    const writes = work.sync.writes + home.sync.writes;
    await vi.advanceTimersByTimeAsync(10 * MIN);
    await work.engine.flush();
    await home.engine.flush();
    expect(work.sync.writes + home.sync.writes).toBe(writes);
    expect(work.status()).toMatchObject({ state: 'ok', localOnly: {} });
    expect(home.status()).toMatchObject({ state: 'ok', localOnly: {} });
  });

  test('the sync server keeping the older of two writes to one item does not lose the newer', async () => {
    const { work, home } = await joined();
    work.sync.disconnect();
    home.sync.disconnect();
    await home.edit((s) => ({ ...s, gentleness: { ...s.gentleness, waitSeconds: 5 } }));
    await vi.advanceTimersByTimeAsync(10 * MIN);
    await work.edit((s) => ({ ...s, gentleness: { ...s.gentleness, waitSeconds: 99 } }));
    await vi.advanceTimersByTimeAsync(MIN);
    // The newer write reaches the server first, the older one last (and the server keeps the last).
    work.sync.connect();
    home.sync.connect();
    await vi.advanceTimersByTimeAsync(MIN);
    expect(work.settings().gentleness.waitSeconds).toBe(99);
    expect(home.settings().gentleness.waitSeconds).toBe(99);
  });

  test('clock skew: an edit after seeing the other wins, and a delete after seeing an edit stays deleted', async () => {
    // Home's clock is 10 minutes fast.
    const { work, home } = await joined(10 * MIN);
    await home.edit((s) => ({
      ...s,
      windows: s.windows.map((w) =>
        w.id === 'evenings' ? { ...w, label: 'From home', updatedAt: Date.now() } : w,
      ),
    }));
    await vi.advanceTimersByTimeAsync(MIN);
    expect(work.settings().windows.find((w) => w.id === 'evenings')?.label).toBe('From home');

    // A minute later (real time) the work laptop, its clock 10 minutes "behind", edits again: it saw home's.
    await work.edit((s) => ({
      ...s,
      windows: s.windows.map((w) =>
        w.id === 'evenings' ? { ...w, label: 'From work', updatedAt: Date.now() } : w,
      ),
    }));
    await vi.advanceTimersByTimeAsync(MIN);
    expect(home.settings().windows.find((w) => w.id === 'evenings')?.label).toBe('From work');

    await work.edit((s) => ({ ...s, windows: s.windows.filter((w) => w.id !== 'evenings') }));
    await vi.advanceTimersByTimeAsync(MIN);
    expect(home.settings().windows.find((w) => w.id === 'evenings')).toBeUndefined();
    expect(work.settings().windows.find((w) => w.id === 'evenings')).toBeUndefined();
  });

  test('a deleted note stays deleted after its tombstone is purged, 60 days on', async () => {
    const { work, home } = await joined();
    await work.edit((s) => ({ ...s, notes: [] }));
    await vi.advanceTimersByTimeAsync(MIN);
    expect(home.settings().notes).toEqual([]);
    expect(work.sync.data.has('n:n1')).toBe(true);

    await vi.advanceTimersByTimeAsync(62 * 24 * 60 * MIN);
    await work.engine.flush();
    await vi.advanceTimersByTimeAsync(MIN);
    await home.engine.flush();
    await vi.advanceTimersByTimeAsync(MIN);
    expect(work.sync.data.has('n:n1')).toBe(false);
    expect(home.settings().notes).toEqual([]);
    expect(work.settings().notes).toEqual([]);
  });
});
