import * as v from 'valibot';
import { DAY_MS, MINUTE_MS } from '@/utils/time/temporal';
import { migrate } from './migrations';
import {
  defaultSettings,
  ExceptionSchema,
  GentlenessSchema,
  HeadsUpSchema,
  NoteSchema,
  presetsFrom,
  SETTINGS_VERSION,
  type Settings,
  SiteRecordSchema,
  WeeklyWindowSchema,
} from './schema';

/**
 * Settings as stored (any version, any shape) -> settings this version can
 * use, salvaged record by record. Storage and sync both read through here.
 */
export function settingsFromStored(raw: unknown): LoadedSettings {
  try {
    return readSettings(migrate(raw, SETTINGS_VERSION));
  } catch (error) {
    console.error('Hearth: stored settings could not be migrated', error);
    return readSettings(null);
  }
}

export type SettingsProblem =
  | 'unreadable'
  | 'newer-version'
  | 'records-dropped'
  /** Settings here could not be read and were rebuilt from the sync replica (said for a day). */
  | 'recovered-from-sync';

export interface LoadedSettings {
  settings: Settings;
  problems: SettingsProblem[];
}

/**
 * May these settings be written over (and absorbed by sync)? Not when they
 * could not be read or come from a newer Hearth: the defaults shown instead
 * are a stand-in, and saving them would delete every record everywhere.
 */
export function trusted(loaded: LoadedSettings): boolean {
  return !loaded.problems.includes('unreadable') && !loaded.problems.includes('newer-version');
}

/** Why a save over these settings is refused, or null when it is not. */
export function refusalOf(loaded: LoadedSettings): 'settings-unreadable' | 'settings-newer' | null {
  if (loaded.problems.includes('newer-version')) return 'settings-newer';
  if (loaded.problems.includes('unreadable')) return 'settings-unreadable';
  return null;
}

/** The note that settings were rebuilt from sync. */
export interface Recovery {
  at: number;
  from: 'sync';
}

export const RECOVERY_SHOWN_MS = DAY_MS;

export function readRecovery(raw: unknown): Recovery | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const at = (raw as Record<string, unknown>).at;
  return typeof at === 'number' && Number.isFinite(at) ? { at, from: 'sync' } : null;
}

/** Is the recovery recent enough to tell the parent about? */
export function recoveryToTell(recovery: Recovery | null, now: number): boolean {
  return (
    recovery !== null && recovery.at <= now + MINUTE_MS && now - recovery.at < RECOVERY_SHOWN_MS
  );
}

/**
 * Reads whatever storage holds into valid settings, never throwing: each record
 * is checked on its own, so one bad window cannot switch off every other one.
 * Corrupt data falls back to defaults (which block), never to "nothing blocked".
 */
export function readSettings(raw: unknown): LoadedSettings {
  const defaults = defaultSettings();
  if (raw === undefined) return { settings: defaults, problems: [] };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings: defaults, problems: ['unreadable'] };
  }
  const blob = raw as Record<string, unknown>;
  const problems: SettingsProblem[] = [];
  const version = typeof blob.version === 'number' ? blob.version : 0;
  if (version > SETTINGS_VERSION) problems.push('newer-version');

  let dropped = false;
  const records = <S extends v.GenericSchema>(
    schema: S,
    value: unknown,
    fallback: v.InferOutput<S>[],
  ) => {
    if (!Array.isArray(value)) {
      if (value !== undefined) dropped = true;
      return fallback;
    }
    const kept: v.InferOutput<S>[] = [];
    for (const item of value) {
      const parsed = v.safeParse(schema, item);
      if (parsed.success) kept.push(parsed.output);
      else dropped = true;
    }
    return kept;
  };
  const one = <S extends v.GenericSchema>(
    schema: S,
    value: unknown,
    fallback: v.InferOutput<S>,
  ) => {
    if (value === undefined) return fallback;
    const parsed = v.safeParse(schema, value);
    if (!parsed.success) dropped = true;
    return parsed.success ? parsed.output : fallback;
  };

  const settings: Settings = {
    version: SETTINGS_VERSION,
    windows: records(WeeklyWindowSchema, blob.windows, defaults.windows),
    exceptions: records(ExceptionSchema, blob.exceptions, []),
    sites: records(SiteRecordSchema, blob.sites, []),
    notes: records(NoteSchema, blob.notes, []),
    presets: presetsFrom(blob.presets),
    gentleness: one(GentlenessSchema, blob.gentleness, defaults.gentleness),
    headsUp: one(HeadsUpSchema, blob.headsUp, defaults.headsUp),
  };
  if (dropped) problems.push('records-dropped');
  return { settings, problems };
}
