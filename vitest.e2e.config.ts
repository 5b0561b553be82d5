import './tests/unit/support/node20.ts';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Real browsers against the built extension (.output/): one file at a time,
// since each launches a browser and two cores are all a machine has.
// `npm run test:e2e` runs two such lanes (scripts/test-e2e.mjs): the files that
// mostly wait on real minutes beside all the others.
export default defineConfig({
  // The harness imports the core (settings types, defaults), which imports through WXT's `@/` alias.
  resolve: { alias: { '@': resolve(import.meta.dirname) } },
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
