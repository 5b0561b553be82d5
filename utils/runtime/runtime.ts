import * as v from 'valibot';
import { DAY_MS } from '@/utils/time/temporal';

/** Longest pattern a grant stores; a longer page is granted as its whole host (step-past.ts). */
export const GRANT_PATTERN_MAX = 2048;

const span = v.object({
  start: v.pipe(v.number(), v.integer()),
  end: v.pipe(v.number(), v.integer()),
});

export const GrantSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  /** Pattern text (utils/sites/parse.ts) the grant opens: a host, or one page's path. */
  pattern: v.pipe(v.string(), v.minLength(1), v.maxLength(GRANT_PATTERN_MAX)),
  start: v.pipe(v.number(), v.integer()),
  end: v.pipe(v.number(), v.integer()),
  /** A tab has been on the granted site; leaving it after that closes the grant. */
  seen: v.optional(v.boolean(), false),
  /** Set when a grant closed before its time: the parent left the site, or ended family time. */
  closed: v.optional(v.picklist(['left', 'family-time-ended'])),
});

/** What the parent did by hand; lives in storage.local so a killed worker forgets nothing. */
export const RuntimeSchema = v.object({
  session: v.nullable(span),
  pause: v.nullable(span),
  grants: v.array(GrantSchema),
});

export type Grant = v.InferOutput<typeof GrantSchema>;
export type Runtime = v.InferOutput<typeof RuntimeSchema>;

export const EMPTY_RUNTIME: Runtime = { session: null, pause: null, grants: [] };

/**
 * Record by record, as settings are read: a damaged session, pause or grant
 * is dropped on its own and never takes the others with it (a lost manual
 * session would end family time; lost grants would refill the evening's
 * budget). A grant whose page is longer than a grant may hold keeps its host.
 */
export function readRuntime(raw: unknown): Runtime {
  const parsed = v.safeParse(RuntimeSchema, raw);
  if (parsed.success) return parsed.output;
  if (typeof raw !== 'object' || raw === null) return EMPTY_RUNTIME;
  const r = raw as Record<string, unknown>;
  const one = <T>(schema: v.GenericSchema<unknown, T>, value: unknown): T | null => {
    const result = v.safeParse(schema, value);
    return result.success ? result.output : null;
  };
  const grants = Array.isArray(r.grants)
    ? r.grants.flatMap((g) => {
        const grant = one(GrantSchema, g) ?? one(GrantSchema, withHostOnly(g));
        return grant ? [grant] : [];
      })
    : [];
  return { session: one(span, r.session), pause: one(span, r.pause), grants };
}

/** A grant with its over-long page cut back to its host ("docs.google.com/…" -> "docs.google.com"). */
function withHostOnly(g: unknown): unknown {
  if (typeof g !== 'object' || g === null) return g;
  const pattern = (g as Record<string, unknown>).pattern;
  if (typeof pattern !== 'string') return g;
  return { ...g, pattern: pattern.split('/')[0] };
}

const KEEP_GRANTS_MS = 2 * DAY_MS;

/** Grants stay a while after they end (the evening's budget counts them), then go. */
export function pruneGrants(grants: readonly Grant[], now: number): Grant[] {
  return grants.filter((g) => g.end > now - KEEP_GRANTS_MS);
}

/** Grants in force at `now`. */
export function liveGrants(grants: readonly Grant[], now: number): Grant[] {
  return grants.filter((g) => g.start <= now && now < g.end);
}

/** Manual sessions without an end get this long when started outside any window. */
export const MANUAL_SESSION_MINUTES = 120;
