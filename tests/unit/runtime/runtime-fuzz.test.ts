import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { HistoryEntrySchema } from '@/utils/history/entries';
import { EMPTY_RUNTIME, RuntimeSchema, readRuntime } from '@/utils/runtime/runtime';
import { readSaved } from '@/utils/runtime/saved';

/** Runs in CI at this size; FUZZ_RUNS=20000 by hand. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);

describe('the runtime, saved-pages and history readers on arbitrary JSON (fuzz)', () => {
  test('never throw, and only ever hand back what their schema allows', () => {
    const shaped = fc.record(
      {
        session: fc.jsonValue(),
        pause: fc.jsonValue(),
        grants: fc.array(fc.jsonValue(), { maxLength: 4 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 5 }), shaped), (raw) => {
        const runtime = readRuntime(raw);
        expect(v.is(RuntimeSchema, runtime)).toBe(true);
        // Garbage reads as "nothing done by hand": the schedule (which blocks) stands.
        if (!v.is(RuntimeSchema, raw)) expect(runtime).toEqual(EMPTY_RUNTIME);
        for (const page of readSaved(raw)) expect(page.url).toMatch(/^https?:/);
        expect(() => v.safeParse(HistoryEntrySchema, raw)).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  }, 600_000);
});
