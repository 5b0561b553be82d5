import { MINUTE_MS } from '@/utils/time/temporal';
import type { KindCounts } from './layout';

/** What the options page shows about sync, as the engine last recorded it. */
export type SyncRefusal = 'quota' | 'rate' | 'unavailable';

export interface SyncStatus {
  /** 'waiting': another device writes a newer sync layout; this one holds back until updated. */
  state: 'ok' | 'refused' | 'waiting';
  reason: SyncRefusal | null;
  /** Records whose newest version is on this device only, by kind. */
  localOnly: KindCounts;
  lastSyncedAt: number | null;
  failures: number;
  retryAt: number | null;
}

export const INITIAL_STATUS: SyncStatus = {
  state: 'ok',
  reason: null,
  localOnly: {},
  lastSyncedAt: null,
  failures: 0,
  retryAt: null,
};

export function readStatus(raw: unknown): SyncStatus {
  if (typeof raw !== 'object' || raw === null) return INITIAL_STATUS;
  const r = raw as Partial<SyncStatus>;
  return {
    state: r.state === 'refused' || r.state === 'waiting' ? r.state : 'ok',
    reason:
      r.reason === 'quota' || r.reason === 'rate' || r.reason === 'unavailable' ? r.reason : null,
    localOnly: typeof r.localOnly === 'object' && r.localOnly !== null ? r.localOnly : {},
    lastSyncedAt: typeof r.lastSyncedAt === 'number' ? r.lastSyncedAt : null,
    failures: typeof r.failures === 'number' ? r.failures : 0,
    retryAt: typeof r.retryAt === 'number' ? r.retryAt : null,
  };
}

const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 30 * MINUTE_MS;

/**
 * Turns a refused write into a plain reason. Chrome and Firefox word them
 * differently, and Chrome's wording changed (`MAX_ITEMS quota exceeded`, now
 * `Resource::kMaxItems quota exceeded`).
 */
export function refusalOf(error: unknown): SyncRefusal {
  const message = error instanceof Error ? error.message : String(error);
  if (/MAX_?WRITE_?OPERATIONS|too many/i.test(message)) return 'rate';
  if (/QUOTA|MAX_ITEMS|quota/i.test(message)) return 'quota';
  return 'unavailable';
}

export function retryDelay(failures: number, reason: SyncRefusal): number {
  const base = reason === 'rate' ? MINUTE_MS : RETRY_BASE_MS;
  return Math.min(RETRY_MAX_MS, base * 2 ** Math.max(0, failures - 1));
}
