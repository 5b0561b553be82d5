import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Where browser tests leave screenshots for people to look at (and the README shows). */
export const SCREENSHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');
/** WCAG 2.2 AA, as axe-core names it. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

/** Axe's findings, one readable line per failing element. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  // Axe really looked at this page (an injection failure would pass nothing and fail nothing).
  expect(results.passes.length).toBeGreaterThan(0);
  return results.violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact ?? 'n/a'}): ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`,
    ),
  );
}
