import './tests/unit/support/node20.ts';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: the pure core and the adapters against WXT's fake browser.
// `npm run test:unit` runs this once per TZ (scripts/test-unit-all-tz.mjs).
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    // A guard against hangs, not a speed check: the property tests take seconds on a busy runner.
    testTimeout: 30_000,
  },
});
