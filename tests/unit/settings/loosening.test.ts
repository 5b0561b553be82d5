import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LOOSENINGS, type Loosening, looseningsBetween } from '@/utils/settings/loosening';
import { defaultSettings, type Settings } from '@/utils/settings/schema';
import { NO_MANUAL } from '../support/settings';
import { wall } from '../support/time';

// 2025-06-02 is a Monday; default settings: weekdays 18:00-20:30.
const zone = 'Europe/Berlin';
const DURING = { runtime: NO_MANUAL, now: wall(zone, '2025-06-02T19:00'), timeZone: zone };
const AFTERNOON = { ...DURING, now: wall(zone, '2025-06-02T15:00') };

function base(): Settings {
  return {
    ...defaultSettings(),
    sites: [
      { id: 'a', pattern: 'mail.example.com', list: 'block', updatedAt: 1 },
      { id: 'b', pattern: 'wiki.example.com/family', list: 'allow', updatedAt: 1 },
    ],
  };
}
const change = (edit: (s: Settings) => Settings, ctx = DURING): Loosening[] =>
  looseningsBetween(base(), edit(base()), ctx);
const evening = (s: Settings) => s.windows[0] as Settings['windows'][number];

describe('what loosens blocking during family time', () => {
  test.each<[string, (s: Settings) => Settings, Loosening[]]>([
    [
      'turning a preset off',
      (s) => ({ ...s, presets: { ...s.presets, mail: false } }),
      ['preset-off'],
    ],
    [
      'removing a blocked site',
      (s) => ({ ...s, sites: s.sites.filter((x) => x.id !== 'a') }),
      ['site-removed'],
    ],
    [
      'allowing a new site',
      (s) => ({
        ...s,
        sites: [...s.sites, { id: 'c', pattern: 'google.com', list: 'allow', updatedAt: 2 }],
      }),
      ['site-allowed'],
    ],
    [
      "switching tonight's window off",
      (s) => ({ ...s, windows: [{ ...evening(s), enabled: false }, ...s.windows.slice(1)] }),
      ['window-off'],
    ],
    [
      'a "not tonight" skip',
      (s) => ({
        ...s,
        exceptions: [{ id: 'x', kind: 'skip', from: '2025-06-02', to: '2025-06-02', updatedAt: 2 }],
      }),
      ['window-off'],
    ],
    [
      "shortening tonight's window",
      (s) => ({ ...s, windows: [{ ...evening(s), lengthMinutes: 90 }, ...s.windows.slice(1)] }),
      ['window-shortened'],
    ],
    [
      'raising the budget',
      (s) => ({ ...s, gentleness: { ...s.gentleness, budgetPerEvening: 5 } }),
      ['budget-raised'],
    ],
    [
      'a shorter wait',
      (s) => ({ ...s, gentleness: { ...s.gentleness, waitSeconds: 5 } }),
      ['friction-lowered'],
    ],
    [
      'no reason asked',
      (s) => ({ ...s, gentleness: { ...s.gentleness, reasonRequired: false } }),
      ['friction-lowered'],
    ],
    [
      'longer grants',
      (s) => ({ ...s, gentleness: { ...s.gentleness, grantMinutes: 30 } }),
      ['friction-lowered'],
    ],
  ])('%s', (_name, edit, expected) => {
    expect(change(edit)).toEqual(expected);
  });

  test.each<[string, (s: Settings) => Settings]>([
    [
      'adding a blocked site',
      (s) => ({
        ...s,
        sites: [...s.sites, { id: 'c', pattern: 'slack.com', list: 'block', updatedAt: 2 }],
      }),
    ],
    ['removing an allowed site', (s) => ({ ...s, sites: s.sites.filter((x) => x.id !== 'b') })],
    [
      'a longer evening',
      (s) => ({ ...s, windows: [{ ...evening(s), lengthMinutes: 200 }, ...s.windows.slice(1)] }),
    ],
    [
      'a longer wait, fewer step-pasts',
      (s) => ({ ...s, gentleness: { ...s.gentleness, waitSeconds: 60, budgetPerEvening: 1 } }),
    ],
    ['turning a preset on', (s) => ({ ...s, presets: { ...s.presets, chat: true } })],
    [
      'a label',
      (s) => ({ ...s, windows: [{ ...evening(s), label: 'Bath time' }, ...s.windows.slice(1)] }),
    ],
  ])('tightening or neutral, applies at once: %s', (_name, edit) => {
    expect(change(edit)).toEqual([]);
  });

  test('outside family time nothing is a loosening', () => {
    expect(change((s) => ({ ...s, presets: { ...s.presets, mail: false } }), AFTERNOON)).toEqual(
      [],
    );
    expect(
      change((s) => ({ ...s, windows: [{ ...evening(s), enabled: false }] }), AFTERNOON),
    ).toEqual([]);
  });

  test('several at once are all named, in a fixed order', () => {
    expect(
      change((s) => ({
        ...s,
        presets: { ...s.presets, docs: false },
        sites: [],
        gentleness: { ...s.gentleness, budgetPerEvening: 9, waitSeconds: 0 },
      })),
    ).toEqual(['preset-off', 'site-removed', 'budget-raised', 'friction-lowered']);
  });

  test('no change is never a loosening, whatever the time (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 14 * 24 * 60 }), (minutes) => {
        const ctx = { ...DURING, now: wall(zone, '2025-06-02T00:00') + minutes * 60_000 };
        return looseningsBetween(base(), base(), ctx).length === 0;
      }),
    );
    expect(LOOSENINGS).toHaveLength(7);
  });
});
