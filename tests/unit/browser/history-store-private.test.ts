import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  appendHistory,
  clearHistory,
  drainPrivateHistory,
  readHistory,
} from '@/utils/browser/history-store';
import { KEYS } from '@/utils/browser/storage-keys';
import type { HistoryEntry } from '@/utils/history/entries';
import { INBOX_MAX_ENTRIES } from '@/utils/history/inbox';
import { installDyingBrowser } from '../support/dying-browser';

// Chrome's split incognito mode: two copies of Hearth, one storage.local, an
// IndexedDB each. Here both copies share fake-indexeddb, so the private copy
// is also checked never to write it.
const dying = installDyingBrowser();

const T = 1_749_000_000_000;
const blocked = (at: number): HistoryEntry => ({ type: 'blocked', at, host: 'mail.google.com' });
const stepPast = (at: number): HistoryEntry => ({
  type: 'step-past',
  at,
  grantId: 'g1',
  host: 'mail.google.com',
  pattern: 'mail.google.com',
  reason: 'the school form',
  waitedSeconds: 10,
  minutesGranted: 5,
});
const ended = (at: number): HistoryEntry => ({
  type: 'step-past-ended',
  at,
  grantId: 'g1',
  minutesUsed: 2,
  how: 'left',
});

function runAs(copy: 'private' | 'regular', manifest: 'split' | 'firefox' = 'split') {
  (fakeBrowser.extension as { inIncognitoContext: boolean }).inIncognitoContext =
    copy === 'private';
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Hearth',
    version: '1',
    ...(manifest === 'split' ? { incognito: 'split' } : {}),
  } as never);
}

async function waiting(): Promise<string[]> {
  return Object.keys(await fakeBrowser.storage.local.get(null)).filter((k) =>
    k.startsWith(KEYS.privateHistoryInbox),
  );
}

beforeEach(async () => {
  dying.revive();
  runAs('regular');
  await clearHistory();
});
afterEach(() => vi.restoreAllMocks());

describe('history from Chrome’s private windows', () => {
  test('the private copy keeps nothing itself; the regular copy takes it into the history', async () => {
    runAs('private');
    await appendHistory(blocked(T));
    await appendHistory(stepPast(T + 1));
    expect(await readHistory()).toEqual([]);
    expect(await waiting()).toHaveLength(2);
    // The private copy does not drain (its IndexedDB is wiped with the last private window).
    expect(await drainPrivateHistory()).toBe(0);

    runAs('regular');
    expect(await drainPrivateHistory()).toBe(2);
    expect(await readHistory()).toEqual([blocked(T), stepPast(T + 1)]);
    expect(await waiting()).toEqual([]);
  });

  test('a worker dying after any write of the drain loses nothing and counts nothing twice', async () => {
    runAs('private');
    await appendHistory(blocked(T));
    await appendHistory(stepPast(T + 1));
    runAs('regular');
    dying.count();
    await drainPrivateHistory();
    const writes = dying.writes.length;
    // The history is written before the inbox is emptied.
    expect(dying.writes).toEqual(['indexedDB', 'storage.local.remove']);
    for (let n = 1; n <= writes; n++) {
      dying.revive();
      await clearHistory();
      await fakeBrowser.storage.local.clear();
      runAs('private');
      await appendHistory(blocked(T));
      await appendHistory(stepPast(T + 1));
      runAs('regular');
      dying.dieAfter(n);
      await drainPrivateHistory().catch(() => undefined);
      dying.revive();
      // The worker starts again and drains what is left.
      await drainPrivateHistory();
      expect(await readHistory(), `died after write ${n}`).toEqual([blocked(T), stepPast(T + 1)]);
      expect(await waiting()).toEqual([]);
    }
  });

  test('the inbox is bounded: past the limit the private copy refuses, and nothing else breaks', async () => {
    runAs('private');
    const many = Object.fromEntries(
      Array.from({ length: INBOX_MAX_ENTRIES }, (_, i) => {
        const id = `waiting-${String(i).padStart(4, '0')}`;
        return [`${KEYS.privateHistoryInbox}${id}`, { id, entry: blocked(T + i) }];
      }),
    );
    await fakeBrowser.storage.local.set(many);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await appendHistory(blocked(T + 10_000));
    expect(errors).toHaveBeenCalled();
    expect(await waiting()).toHaveLength(INBOX_MAX_ENTRIES);
    runAs('regular');
    expect(await drainPrivateHistory()).toBe(INBOX_MAX_ENTRIES);
    expect(await readHistory()).toHaveLength(INBOX_MAX_ENTRIES);
  });

  test('an entry appended twice with its salt (a worker that died unsure) is one entry', async () => {
    runAs('private');
    await appendHistory(blocked(T), 'clock-moved');
    await appendHistory(blocked(T), 'clock-moved');
    expect(await waiting()).toHaveLength(1);
    runAs('regular');
    await drainPrivateHistory();
    await appendHistory(blocked(T), 'clock-moved');
    expect(await readHistory()).toEqual([blocked(T)]);
  });

  test('what is not an inbox item is dropped, not written', async () => {
    await fakeBrowser.storage.local.set({
      [`${KEYS.privateHistoryInbox}aaaaaaaa`]: { id: 'aaaaaaaa', entry: { type: 'blocked' } },
      [`${KEYS.privateHistoryInbox}bbbbbbbb`]: 42,
    });
    expect(await drainPrivateHistory()).toBe(0);
    expect(await readHistory()).toEqual([]);
    expect(await waiting()).toEqual([]);
  });

  test('a step-past both copies saw end is written once, whichever copy is first', async () => {
    // The regular copy first, the private copy's twin (its own clock) drained after.
    await appendHistory(ended(T));
    runAs('private');
    await appendHistory(ended(T + 30));
    runAs('regular');
    await drainPrivateHistory();
    expect(await readHistory()).toEqual([ended(T)]);

    // The private copy's first; the regular copy's own reconcile sees it after.
    await clearHistory();
    runAs('private');
    await appendHistory(ended(T));
    runAs('regular');
    await drainPrivateHistory();
    await appendHistory(ended(T + 30));
    expect(await readHistory()).toEqual([ended(T)]);
  });

  test('Firefox (no split mode): private windows share the one background, history as always', async () => {
    runAs('private', 'firefox');
    await appendHistory(blocked(T));
    await appendHistory(ended(T + 1));
    await appendHistory(ended(T + 2));
    // No inbox, no twin check: the entries go straight to the history.
    expect(await waiting()).toEqual([]);
    expect(await readHistory()).toHaveLength(3);
    expect(await drainPrivateHistory()).toBe(0);
  });
});
