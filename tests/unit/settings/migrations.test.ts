import { describe, expect, test } from 'vitest';
import { MIGRATIONS, type Migration, migrate } from '@/utils/settings/migrations';
import { readSettings } from '@/utils/settings/read';
import { SETTINGS_VERSION } from '@/utils/settings/schema';

// A made-up history, to exercise the machinery while MIGRATIONS is empty by design:
// v1 stored windows as "HH:MM" text and an end; v2 stores minutes and a length;
// v3 renamed `blocked` to `sites`.
const toMinutes = (text: string) => {
  const [h, m] = text.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

const HISTORY: Record<number, Migration> = {
  1: (old) => ({
    ...old,
    windows: (old.windows as { id: string; from: string; to: string }[]).map(({ id, from, to }) => {
      const start = toMinutes(from);
      const end = toMinutes(to);
      return { id, startMinute: start, lengthMinutes: (end - start + 1440) % 1440 || 1440 };
    }),
  }),
  2: ({ blocked, ...rest }) => ({ ...rest, sites: blocked }),
};

const v1 = {
  version: 1,
  windows: [
    { id: 'evening', from: '18:00', to: '20:30' },
    { id: 'night', from: '21:30', to: '06:00' },
  ],
  blocked: ['slack.com'],
};

describe('migrate', () => {
  test('old data in, new data out, one numbered step at a time', () => {
    expect(migrate(v1, 3, HISTORY)).toEqual({
      version: 3,
      windows: [
        { id: 'evening', startMinute: 1080, lengthMinutes: 150 },
        { id: 'night', startMinute: 1290, lengthMinutes: 510 },
      ],
      sites: ['slack.com'],
    });
  });

  test('a blob part-way along runs only the remaining steps', () => {
    const v2 = { version: 2, windows: [], blocked: ['zoom.us'] };
    expect(migrate(v2, 3, HISTORY)).toEqual({ version: 3, windows: [], sites: ['zoom.us'] });
  });

  test('a step that forgets to bump the version is bumped anyway', () => {
    const forgetful: Record<number, Migration> = {
      1: (old) => ({ ...old, version: 1, touched: true }),
    };
    expect(migrate({ version: 1 }, 2, forgetful)).toEqual({ version: 2, touched: true });
  });

  test('the stored blob itself is not changed', () => {
    const stored = structuredClone(v1);
    migrate(stored, 3, HISTORY);
    expect(stored).toEqual(v1);
  });

  test('a missing step throws rather than guessing', () => {
    expect(() => migrate(v1, 3, { 1: HISTORY[1] as Migration })).toThrow(/version 2/);
    expect(() => migrate({ version: 0 }, 3, HISTORY)).toThrow(/version 0/);
  });

  test('a newer blob is left alone', () => {
    const newer = { version: 7, windows: 'from the future' };
    expect(migrate(newer, 3, HISTORY)).toBe(newer);
  });

  test('a blob at the target version is left alone', () => {
    const current = { version: 3, sites: [] };
    expect(migrate(current, 3, HISTORY)).toEqual(current);
  });

  test('an unversioned blob is taken as current', () => {
    const unversioned = { windows: [] };
    expect(migrate(unversioned, 3, HISTORY)).toEqual(unversioned);
  });

  test.each([['text'], [null], [undefined], [[1, 2]]])('%j is passed through untouched', (raw) => {
    expect(migrate(raw, 3, HISTORY)).toBe(raw);
  });
});

describe('the real table', () => {
  test('has a step from every released version below the current one', () => {
    for (let version = 1; version < SETTINGS_VERSION; version++) {
      expect(MIGRATIONS[version], `no migration from version ${version}`).toBeTypeOf('function');
    }
  });

  test('has no step from the current version or later', () => {
    const beyond = Object.keys(MIGRATIONS)
      .map(Number)
      .filter((v) => v >= SETTINGS_VERSION);
    expect(beyond).toEqual([]);
  });

  test('a current blob survives migrate and readSettings unchanged', () => {
    const { settings } = readSettings(undefined);
    expect(readSettings(migrate(structuredClone(settings), SETTINGS_VERSION))).toEqual({
      settings,
      problems: [],
    });
  });
});
