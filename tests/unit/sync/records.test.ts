import { describe, expect, test } from 'vitest';
import type { SiteRecord } from '@/utils/settings/schema';
import { decodeLedger, encodeLedger } from '@/utils/sync/ledger';
import { absorb, mergeRecords } from '@/utils/sync/merge';
import { type Json, rebaseSettings, settingsFromRecords } from '@/utils/sync/records';
import { base, first, note, show, T0 } from '../support/sync-records';

describe('settings from records', () => {
  test('two devices that added the same site end up with one', () => {
    const site = (id: string): SiteRecord => ({
      id,
      pattern: 'slack.com',
      list: 'block',
      updatedAt: T0,
    });
    const a = absorb(
      new Map(),
      { ...base(), sites: [site('zzz')] },
      { now: T0, device: 'a' },
    ).ledger;
    const b = absorb(
      new Map(),
      { ...base(), sites: [site('aaa')] },
      { now: T0, device: 'b' },
    ).ledger;
    expect(settingsFromRecords(mergeRecords(a, b)).sites.map((s) => s.id)).toEqual(['aaa']);
  });

  test('keeps the order settings already had, newcomers after', () => {
    const settings = { ...base(), notes: [note('n2', 'second', T0), note('n1', 'first', T0 - 5)] };
    const { ledger } = absorb(new Map(), settings, { now: T0, device: 'a' });
    ledger.set('n:n0', {
      t: T0 + 1,
      d: 'b',
      v: note('n0', 'from elsewhere', T0 + 1) as unknown as Json,
    });
    expect(settingsFromRecords(ledger, settings).notes.map((n) => n.id)).toEqual([
      'n2',
      'n1',
      'n0',
    ]);
  });

  test('the stored ledger reads back as it was', () => {
    const { ledger } = absorb(new Map(), base(), { now: T0, device: 'a' });
    const back = decodeLedger(
      JSON.parse(JSON.stringify(encodeLedger({ records: ledger, horizon: 7 }))),
    );
    expect(back?.horizon).toBe(7);
    expect(show(back?.records ?? new Map())).toBe(show(ledger));
  });
});

describe('rebaseSettings: an editor saving a whole draft', () => {
  test("keeps a change that arrived while the parent was typing, and the parent's edit", () => {
    const before = base();
    const typed = {
      ...before,
      notes: [{ ...first(before.notes), text: 'Ask Mia about school', updatedAt: T0 }],
    };
    const arrived = {
      ...before,
      windows: [{ ...first(before.windows), label: 'From the work laptop', updatedAt: T0 }],
    };
    const saved = rebaseSettings(before, typed, arrived);
    expect(saved.notes[0]?.text).toBe('Ask Mia about school');
    expect(saved.windows[0]?.label).toBe('From the work laptop');
  });

  test('a delete in the draft stays a delete; an add elsewhere stays', () => {
    const before = base();
    const ours = { ...before, sites: [] };
    const theirs = { ...before, notes: [...before.notes, note('n-new', 'from the popup', T0)] };
    const saved = rebaseSettings(before, ours, theirs);
    expect(saved.sites).toEqual([]);
    expect(saved.notes.map((n) => n.id)).toEqual(['note-1', 'n-new']);
  });
});
