import { liveGrants, MANUAL_SESSION_MINUTES, type Runtime } from '@/utils/runtime/runtime';
import { scheduleAt } from '@/utils/schedule/schedule';
import type { Settings } from '@/utils/settings/schema';
import { MINUTE_MS } from '@/utils/time/temporal';

/**
 * "Start family time now": resumes a window that was ended early, or starts a
 * session of two hours when no window is on. Pure: returns the new runtime.
 */
export function startFamilyTime(
  settings: Settings,
  runtime: Runtime,
  now: number,
  timeZone: string,
): Runtime {
  const resumed: Runtime = { ...runtime, pause: null };
  if (scheduleAt(settings, resumed, now, timeZone).active) return resumed;
  return { ...resumed, session: { start: now, end: now + MANUAL_SESSION_MINUTES * MINUTE_MS } };
}

/** "End family time now": everything that would keep it on until the stretch's end stops now. */
export function endFamilyTime(
  settings: Settings,
  runtime: Runtime,
  now: number,
  timeZone: string,
): Runtime {
  const state = scheduleAt(settings, runtime, now, timeZone);
  if (!state.active || state.until === null) return runtime;
  const session = runtime.session && runtime.session.end > now ? null : runtime.session;
  return {
    session,
    pause: { start: now, end: state.until },
    // Open grants close now; they stay listed so their history is told honestly.
    grants: runtime.grants.map((g) =>
      liveGrants([g], now).length > 0
        ? { ...g, end: now, closed: 'family-time-ended' as const }
        : g,
    ),
  };
}
