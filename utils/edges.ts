import type { HistoryEntry } from '@/utils/history/entries';
import type { Runtime } from '@/utils/runtime/runtime';
import { MINUTE_MS } from '@/utils/time/temporal';
import type { Desired } from './decide';

/** What the last reconcile enforced; comparing it with the new decision finds the edges. */
export interface Enforced {
  active: boolean;
  since: number | null;
  until: number | null;
  grantIds: string[];
}

export const NOT_ENFORCED: Enforced = { active: false, since: null, until: null, grantIds: [] };

export interface Edges {
  /** Family time began: open tabs on blocked sites go to the reminder. */
  started: boolean;
  /** Family time ended: saved pages are offered back. */
  ended: boolean;
  /** A grant closed while family time goes on: its site is blocked again, open tabs too. */
  grantClosed: boolean;
  history: HistoryEntry[];
  next: Enforced;
}

export function enforcedOf(desired: Desired): Enforced {
  const { schedule } = desired;
  return {
    active: schedule.active,
    since: schedule.since,
    until: schedule.until,
    grantIds: desired.grantIds,
  };
}

const sameEnforced = (a: Enforced, b: Enforced) =>
  a.active === b.active &&
  a.since === b.since &&
  a.until === b.until &&
  a.grantIds.length === b.grantIds.length &&
  a.grantIds.every((id, i) => id === b.grantIds[i]);

/** Pure: the edges between what was enforced and what is decided now, and what history they write. */
export function edgesBetween(
  previous: Enforced,
  desired: Desired,
  runtime: Runtime,
  now: number,
): Edges & { changed: boolean } {
  const next = enforcedOf(desired);
  const started = next.active && !previous.active;
  const ended = previous.active && !next.active;
  const history: HistoryEntry[] = [];

  const closedIds = previous.grantIds.filter((id) => !next.grantIds.includes(id));
  for (const id of closedIds) {
    const grant = runtime.grants.find((g) => g.id === id);
    if (!grant) continue;
    history.push({
      type: 'step-past-ended',
      at: now,
      grantId: id,
      minutesUsed: Math.max(0, Math.round((Math.min(now, grant.end) - grant.start) / MINUTE_MS)),
      how: grant.closed ?? (ended ? 'family-time-ended' : 'expired'),
    });
  }
  // Ending early writes its own entry (with the reason); only a stretch that ran its course is "kept".
  const paused = runtime.pause !== null && runtime.pause.start <= now && now < runtime.pause.end;
  // Asleep from one evening into the next: no reconcile saw the gap, but the earlier stretch ran its course.
  const rolledOver =
    previous.active &&
    next.active &&
    previous.until !== null &&
    next.since !== null &&
    next.since >= previous.until;
  // Switched off before its end (a loosening, recorded as one): not "kept" either.
  const ranItsCourse = previous.until !== null && now >= previous.until;
  if (((ended && !paused && ranItsCourse) || rolledOver) && previous.since !== null) {
    history.push({
      type: 'kept',
      at: now,
      start: previous.since,
      end: Math.min(now, previous.until ?? now),
    });
  }
  return {
    started,
    ended,
    grantClosed: next.active && closedIds.length > 0,
    history,
    next,
    changed: !sameEnforced(previous, next),
  };
}
