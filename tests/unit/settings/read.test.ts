import { describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { loadSettings, saveSettings } from '@/utils/browser/storage';
import { decide } from '@/utils/decide';
import { EMPTY_RUNTIME } from '@/utils/runtime/runtime';
import { readSettings } from '@/utils/settings/read';
import { defaultSettings, type Settings } from '@/utils/settings/schema';
import { systemTimeZone } from '@/utils/time/temporal';
import { wall } from '../support/time';

const zone = systemTimeZone();
const MONDAY_19 = wall(zone, '2025-06-02T19:00');
const goodWindow = {
  id: 'mornings',
  days: [1, 2, 3],
  startMinute: 7 * 60,
  lengthMinutes: 60,
  label: 'Breakfast',
  enabled: true,
  updatedAt: 5,
};

function blocksAt(settings: Settings, now: number): boolean {
  const desired = decide({
    settings,
    runtime: EMPTY_RUNTIME,
    now,
    timeZone: zone,
    limits: { maxRules: 5000, maxRegexRules: 1000 },
    reminderUrl: 'chrome-extension://hearth-test/blocked.html',
  });
  return desired.rules.some((r) => r.action.type === 'redirect');
}

describe('corrupt storage falls back to defaults, which block', () => {
  test.each([
    ['a string', 'garbage'],
    ['an array', [1, 2, 3]],
    ['null', null],
    ['a number', 42],
    ['a boolean', true],
  ])('%s', (_, raw) => {
    const loaded = readSettings(raw);
    expect(loaded).toEqual({ settings: defaultSettings(), problems: ['unreadable'] });
    expect(blocksAt(loaded.settings, MONDAY_19)).toBe(true);
  });
});

describe('a blob from a newer version of Hearth', () => {
  const newer = {
    version: 99,
    windows: [goodWindow],
    sites: [{ id: 's1', pattern: 'reports.example.org', list: 'block', updatedAt: 1 }],
    presets: { mail: false },
    somethingNew: { shape: 'unknown' },
  };

  test('is reported, and what can be read is kept', () => {
    const { settings, problems } = readSettings(newer);
    expect(problems).toContain('newer-version');
    expect(settings.windows).toEqual([goodWindow]);
    expect(settings.sites.map((s) => s.pattern)).toEqual(['reports.example.org']);
    expect(settings.presets.mail).toBe(false);
    expect(settings.presets.chat).toBe(true);
  });

  test('still blocks in its windows', () => {
    const { settings } = readSettings(newer);
    expect(blocksAt(settings, wall(zone, '2025-06-02T07:30'))).toBe(true);
    expect(blocksAt(settings, MONDAY_19)).toBe(false);
  });
});

describe('one bad record does not take the others with it', () => {
  test.each([
    ['a start past midnight', { ...goodWindow, id: 'bad', startMinute: 1440 }],
    ['a weekday 8', { ...goodWindow, id: 'bad', days: [8] }],
    ['no id', { ...goodWindow, id: undefined }],
    ['a zero length', { ...goodWindow, id: 'bad', lengthMinutes: 0 }],
    ['a length over a day', { ...goodWindow, id: 'bad', lengthMinutes: 1441 }],
    ['not an object', 'window'],
  ])('a window with %s is dropped, the good ones kept', (_, bad) => {
    const other = { ...goodWindow, id: 'evenings', startMinute: 18 * 60 };
    const { settings, problems } = readSettings({ version: 1, windows: [goodWindow, bad, other] });
    expect(settings.windows).toEqual([goodWindow, other]);
    expect(problems).toEqual(['records-dropped']);
  });

  test('bad exceptions and sites are dropped one by one', () => {
    const { settings, problems } = readSettings({
      version: 1,
      exceptions: [
        { id: 'e1', kind: 'skip', from: '2025-06-03', to: '2025-06-04', updatedAt: 0 },
        { id: 'e2', kind: 'holiday', from: '2025-06-03', to: '2025-06-04', updatedAt: 0 },
        {
          id: 'e3',
          kind: 'extra',
          date: 'tomorrow',
          startMinute: 600,
          lengthMinutes: 60,
          label: '',
          updatedAt: 0,
        },
      ],
      sites: [
        { id: 's1', pattern: 'slack.com', list: 'block', updatedAt: 0 },
        { id: 's2', pattern: 'slack.com', list: 'maybe', updatedAt: 0 },
      ],
    });
    expect(settings.exceptions.map((e) => e.id)).toEqual(['e1']);
    expect(settings.sites.map((s) => s.id)).toEqual(['s1']);
    expect(problems).toEqual(['records-dropped']);
  });

  test('a list that is not a list keeps the defaults and says so', () => {
    const { settings, problems } = readSettings({ version: 1, windows: 'every evening' });
    expect(settings.windows).toEqual(defaultSettings().windows);
    expect(problems).toEqual(['records-dropped']);
  });

  test('bad gentleness or heads-up fall back to their defaults', () => {
    const { settings, problems } = readSettings({
      version: 1,
      gentleness: { ...defaultSettings().gentleness, waitSeconds: -1 },
      headsUp: { enabled: true, minutesBefore: 10 },
    });
    expect(settings.gentleness).toEqual(defaultSettings().gentleness);
    expect(settings.headsUp).toEqual({ enabled: true, minutesBefore: 10 });
    expect(problems).toEqual(['records-dropped']);
  });

  test('an empty window list is the parent removing every window, not damage', () => {
    const { settings, problems } = readSettings({ version: 1, windows: [] });
    expect(settings.windows).toEqual([]);
    expect(problems).toEqual([]);
    expect(blocksAt(settings, MONDAY_19)).toBe(false);
  });
});

describe('through storage', () => {
  test('saved settings come back as they were', async () => {
    const settings = { ...defaultSettings(), windows: [goodWindow] };
    await saveSettings(settings);
    expect(await loadSettings()).toEqual({ settings, problems: [] });
  });

  test('a newer blob in storage is read, not migrated or thrown away', async () => {
    await browser.storage.local.set({ settings: { version: 99, windows: [goodWindow] } });
    const loaded = await loadSettings();
    expect(loaded.problems).toContain('newer-version');
    expect(loaded.settings.windows).toEqual([goodWindow]);
  });

  test('a blob too old to migrate reads as defaults, flagged unreadable', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await browser.storage.local.set({ settings: { version: 0, windows: [goodWindow] } });
    expect(await loadSettings()).toEqual({ settings: defaultSettings(), problems: ['unreadable'] });
    expect(logged).toHaveBeenCalled(); // the failure is surfaced, not swallowed
    logged.mockRestore();
  });
});
