/**
 * What the last reconcile found wrong with the site lists as decided: texts
 * that are not site patterns, rules past the browser's limits, nothing to
 * block. The background stores them with its enforcement report, and every
 * status reads them from there, so a page never parses or compiles the lists
 * itself (5,000 sites would cost the popup a quarter of a second).
 */
export type SiteProblem =
  | { code: 'invalid-sites'; count: number }
  | { code: 'rules-dropped'; count: number }
  | { code: 'nothing-to-block' };

const COUNTED: ReadonlySet<string> = new Set(['invalid-sites', 'rules-dropped']);

/** The stored problems, whatever was stored: anything unknown or malformed is left out. */
export function readSiteProblems(raw: unknown): SiteProblem[] {
  if (!Array.isArray(raw)) return [];
  const problems: SiteProblem[] = [];
  for (const item of raw.slice(0, 3)) {
    if (typeof item !== 'object' || item === null) continue;
    const { code, count } = item as { code?: unknown; count?: unknown };
    if (code === 'nothing-to-block') problems.push({ code });
    else if (
      typeof code === 'string' &&
      COUNTED.has(code) &&
      typeof count === 'number' &&
      Number.isSafeInteger(count) &&
      count > 0
    )
      problems.push({ code: code as 'invalid-sites' | 'rules-dropped', count });
  }
  return problems;
}
