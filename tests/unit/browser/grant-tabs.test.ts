import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { handleMessage } from '@/utils/browser/actions';
import { grantTabs } from '@/utils/browser/grant-tabs';
import { clearHistory } from '@/utils/browser/history-store';
import { reconcile } from '@/utils/browser/reconcile';
import { loadRuntime } from '@/utils/browser/storage';
import { systemTimeZone } from '@/utils/time/temporal';
import { installFakeDnr } from '../support/fake-dnr';
import { installExtensionStubs } from '../support/fake-extension';
import { installBrowserRecords } from '../support/recording-browser';
import { MINUTE, wall } from '../support/time';

installFakeDnr();
installExtensionStubs();
installBrowserRecords();

const MONDAY_1900 = wall(systemTimeZone(), '2025-06-02T19:00');
const MAIL = 'https://mail.google.com/mail/u/0/#inbox';
const MAIL_OTHER = 'https://mail.google.com/mail/u/0/#sent';
const WIKI = 'https://en.wikipedia.org/wiki/Hearth';

/** The background's wiring: each tab event's work, collected so the test can wait for it. */
function wired() {
  const work: Promise<void>[] = [];
  const tabs = grantTabs((w) => void work.push(w()));
  const settled = async () => {
    while (work.length > 0) await work.shift();
  };
  return { tabs, settled };
}

// Whether anything listens to a tab event: what makes the browser wake a stopped background for it.
const listening = () => ({
  updated: tabListeners('onUpdated'),
  removed: tabListeners('onRemoved'),
});
const added: Record<'onUpdated' | 'onRemoved', Set<unknown>> = {
  onUpdated: new Set(),
  onRemoved: new Set(),
};
function tabListeners(event: 'onUpdated' | 'onRemoved'): boolean {
  return added[event].size > 0;
}

beforeEach(async () => {
  vi.restoreAllMocks();
  for (const event of ['onUpdated', 'onRemoved'] as const) {
    added[event].clear();
    // One shape for both events: only the listener's identity matters here.
    const target = browser.tabs[event] as unknown as {
      addListener(l: () => void): void;
      removeListener(l: () => void): void;
    };
    const add = target.addListener.bind(target);
    const remove = target.removeListener.bind(target);
    vi.spyOn(target, 'addListener').mockImplementation((l) => {
      added[event].add(l);
      add(l);
    });
    vi.spyOn(target, 'removeListener').mockImplementation((l) => {
      added[event].delete(l);
      remove(l);
    });
  }
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(MONDAY_1900);
  await clearHistory();
  await reconcile(() => MONDAY_1900);
});

afterEach(() => {
  vi.useRealTimers();
});

async function stepPast() {
  await handleMessage({ type: 'openFriction', purpose: 'step-past' }, MONDAY_1900 - 20_000);
  const answer = await handleMessage(
    { type: 'stepPast', url: MAIL, reason: 'the school wrote about tomorrow', minutes: 10 },
    MONDAY_1900,
  );
  expect(answer).toMatchObject({ ok: true });
}

describe('tabs are listened to only while a step-past is open', () => {
  test('no grant: no tab listener, so no tab event wakes the background', async () => {
    const { tabs } = wired();
    await tabs.follow();
    expect(listening()).toEqual({ updated: false, removed: false });
    expect(tabs.listening()).toBe(false);
  });

  test('a grant: listened to; staying on the site keeps it, leaving closes it and stops listening', async () => {
    const { tabs, settled } = wired();
    await stepPast();
    await tabs.follow();
    expect(listening()).toEqual({ updated: true, removed: true });

    const tab = await browser.tabs.create({ url: 'about:blank' });
    const id = tab.id as number;
    vi.setSystemTime(MONDAY_1900 + MINUTE);
    await browser.tabs.update(id, { url: MAIL });
    await settled();
    expect((await loadRuntime()).grants).toMatchObject([{ seen: true }]);
    expect(listening().updated).toBe(true);

    await browser.tabs.update(id, { url: MAIL_OTHER });
    await settled();
    expect((await loadRuntime()).grants[0]?.closed).toBeUndefined();

    const left = MONDAY_1900 + 2 * MINUTE;
    vi.setSystemTime(left);
    await browser.tabs.update(id, { url: WIKI });
    await settled();
    expect((await loadRuntime()).grants).toMatchObject([{ end: left, closed: 'left' }]);
    expect(listening()).toEqual({ updated: false, removed: false });
  });

  test('a background started with a grant live (woken by the tab event it lost) listens again and finds the site left', async () => {
    await stepPast();
    const tab = await browser.tabs.create({ url: MAIL });
    const before = wired();
    await before.tabs.follow(); // its first look marks the grant seen: the tab shows the site
    expect((await loadRuntime()).grants).toMatchObject([{ seen: true }]);
    // The worker stops (its listeners with it); the tab leaves the site while nothing runs.
    for (const l of [...added.onUpdated]) browser.tabs.onUpdated.removeListener(l as never);
    for (const l of [...added.onRemoved]) browser.tabs.onRemoved.removeListener(l as never);
    await browser.tabs.update(tab.id as number, { url: WIKI });
    expect((await loadRuntime()).grants[0]?.closed).toBeUndefined();
    const left = MONDAY_1900 + 3 * MINUTE;
    vi.setSystemTime(left);
    const after = wired();
    await after.tabs.follow();
    expect((await loadRuntime()).grants).toMatchObject([{ closed: 'left', end: left }]);
    expect(listening()).toEqual({ updated: true, removed: true });
  });
});
