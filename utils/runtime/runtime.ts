import * as v from 'valibot';
import { DAY_MS } from '@/utils/time/temporal';

const span = v.object({
  start: v.pipe(v.number(), v.integer()),
  end: v.pipe(v.number(), v.integer()),
});

export const GrantSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  /** Pattern text (utils/sites/parse.ts) the grant opens: a host, or one page's path. */
  pattern: v.pipe(v.string(), v.minLength(1), v.maxLength(2048)),
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

export function readRuntime(raw: unknown): Runtime {
  const parsed = v.safeParse(RuntimeSchema, raw);
  return parsed.success ? parsed.output : EMPTY_RUNTIME;
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
