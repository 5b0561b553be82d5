import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  RECOVERY_SHOWN_MS,
  readRecovery,
  recoveryToTell,
  refusalOf,
  settingsFromStored,
  trusted,
} from '@/utils/settings/read';
import { defaultSettings } from '@/utils/settings/schema';

describe('settings that may be written over', () => {
  test.each<[string, unknown, boolean, string | null]>([
    ['nothing stored yet (a fresh install)', undefined, true, null],
    ['good settings', defaultSettings(), true, null],
    ['a damaged string', '{"windows": [brok', false, 'settings-unreadable'],
    ['a number', 42, false, 'settings-unreadable'],
    ['a list', [1, 2], false, 'settings-unreadable'],
    ['a newer Hearth', { ...defaultSettings(), version: 99 }, false, 'settings-newer'],
    ['one bad window among good ones', { ...defaultSettings(), windows: [{ id: 1 }] }, true, null],
  ])('%s', (_name, raw, ok, refusal) => {
    const loaded = settingsFromStored(raw);
    expect(trusted(loaded)).toBe(ok);
    expect(refusalOf(loaded)).toBe(refusal);
  });
});

describe('the note that settings were rebuilt from sync', () => {
  const at = Date.UTC(2025, 5, 2, 17, 0);
  test('is told for a day, then not', () => {
    const r = readRecovery({ at, from: 'sync' });
    expect(recoveryToTell(r, at + 1000)).toBe(true);
    expect(recoveryToTell(r, at + RECOVERY_SHOWN_MS - 1)).toBe(true);
    expect(recoveryToTell(r, at + RECOVERY_SHOWN_MS)).toBe(false);
    expect(recoveryToTell(null, at)).toBe(false);
  });
});

describe('the settings reader on arbitrary JSON (fuzz)', () => {
  test('never throws, always gives settings that block something in the default window', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (raw) => {
        const loaded = settingsFromStored(raw);
        expect(Array.isArray(loaded.settings.windows)).toBe(true);
        // Unreadable data falls back to defaults, which block; never to "nothing blocked".
        if (!trusted(loaded)) expect(loaded.settings.windows.length).toBeGreaterThan(0);
        expect(readRecovery(raw) === null || typeof readRecovery(raw)?.at === 'number').toBe(true);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  }, 600_000);

  test('garbage anywhere in a settings blob never throws (shaped fuzz)', () => {
    const blob = fc.record(
      {
        version: fc.oneof(fc.integer(), fc.jsonValue()),
        windows: fc.jsonValue(),
        exceptions: fc.jsonValue(),
        sites: fc.jsonValue(),
        notes: fc.jsonValue(),
        presets: fc.jsonValue(),
        gentleness: fc.jsonValue(),
        headsUp: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(blob, (raw) => {
        expect(() => settingsFromStored(raw)).not.toThrow();
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  }, 600_000);
});
