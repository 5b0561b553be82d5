import { kindOf } from '@/utils/settings/record-kinds';
import type { SyncState } from './merge';
import type { Entry, Json, RecordSet } from './records';

/** Entries from untrusted places: the sync area, and the ledger as stored in storage.local. */

export function readEntry(raw: unknown): Entry | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.t !== 'number' || !Number.isFinite(r.t) || r.t < 0) return null;
  if (typeof r.d !== 'string' || r.d.length > 64) return null;
  if (r.gone === true) return { t: r.t, d: r.d, gone: true };
  if (!('v' in r) || r.v === undefined) return null;
  return { t: r.t, d: r.d, v: r.v as Json };
}

/** The ledger as stored in storage.local. */
export interface StoredLedger {
  horizon: number;
  records: Record<string, Entry>;
}

export function encodeLedger(state: SyncState): StoredLedger {
  return { horizon: state.horizon, records: Object.fromEntries(state.records) };
}

export function decodeLedger(raw: unknown): SyncState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const records: RecordSet = new Map();
  if (typeof r.records === 'object' && r.records !== null) {
    for (const [key, value] of Object.entries(r.records)) {
      const entry = readEntry(value);
      if (entry && kindOf(key) !== null) records.set(key, entry);
    }
  }
  const horizon = typeof r.horizon === 'number' && Number.isFinite(r.horizon) ? r.horizon : 0;
  return { records, horizon };
}
