import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { planImport } from '@/utils/backup/import-plan';
import { parseBackup } from '@/utils/backup/parse';
import { defaultSettings } from '@/utils/settings/schema';
import { good } from '../support/backup';

/** Runs in CI at this size; FUZZ_RUNS=5000 by hand. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/** A good backup with one place replaced by arbitrary JSON. */
const mutated = fc
  .tuple(
    fc.constantFrom(
      'format',
      'version',
      'settings',
      'photos',
      'settings.windows',
      'settings.sites',
      'settings.notes',
      'settings.gentleness',
      'settings.presets',
      'settings.version',
      'settings.windows.0',
      'settings.notes.0.text',
    ),
    fc.jsonValue({ maxDepth: 5 }),
  )
  .map(([path, value]) => {
    const file = JSON.parse(JSON.stringify(good())) as Record<string, unknown>;
    const keys = path.split('.');
    let at: Record<string, unknown> = file;
    for (const key of keys.slice(0, -1)) {
      const next = at[key];
      if (typeof next !== 'object' || next === null) return JSON.stringify(file);
      at = next as Record<string, unknown>;
    }
    at[keys[keys.length - 1] as string] = value;
    return JSON.stringify(file);
  });

describe('the backup parser and import plan on any file (fuzz)', () => {
  test('never throws; what it accepts plans both ways without throwing, keeping valid settings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 500 }),
          fc.jsonValue().map((j) => JSON.stringify(j)),
          mutated,
        ),
        (text) => {
          const parsed = parseBackup(text);
          if (!parsed.ok) {
            expect(typeof parsed.error.code).toBe('string');
            return;
          }
          for (const mode of ['merge', 'replace'] as const) {
            const plan = planImport(defaultSettings(), [], parsed.backup, mode, Date.now());
            expect(Array.isArray(plan.settings.windows)).toBe(true);
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 600_000);
});
