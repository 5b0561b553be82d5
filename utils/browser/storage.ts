import { browser } from 'wxt/browser';
import { type Enforced, NOT_ENFORCED } from '@/utils/edges';
import { readWeeklyNote, type WeeklyNote } from '@/utils/history/weekly-note';
import { type Preview, readPreview } from '@/utils/runtime/preview';
import { EMPTY_RUNTIME, type Runtime, readRuntime } from '@/utils/runtime/runtime';
import { readSaved, type SavedPage } from '@/utils/runtime/saved';
import type { LoadedSettings } from '@/utils/settings/read';
import { settingsFromStored } from '@/utils/settings/read';
import type { Settings } from '@/utils/settings/schema';
import { type Quieted, readQuieted } from '@/utils/sites/notification-patterns';
import type { StoredStatusInputs } from '@/utils/status';
import { statusInputsFrom } from './early-read';
import { KEYS, STATUS_INPUT_KEYS } from './storage-keys';

export { KEYS } from './storage-keys';

export async function loadSettings(): Promise<LoadedSettings> {
  const { [KEYS.settings]: raw } = await browser.storage.local.get(KEYS.settings);
  return settingsFromStored(raw);
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [KEYS.settings]: settings });
}

export async function loadRuntime(): Promise<Runtime> {
  const { [KEYS.runtime]: raw } = await browser.storage.local.get(KEYS.runtime);
  return raw === undefined ? EMPTY_RUNTIME : readRuntime(raw);
}

export async function saveRuntime(runtime: Runtime): Promise<void> {
  await browser.storage.local.set({ [KEYS.runtime]: runtime });
}

export async function loadEnforced(): Promise<Enforced> {
  const { [KEYS.enforced]: raw } = await browser.storage.local.get(KEYS.enforced);
  if (typeof raw !== 'object' || raw === null) return NOT_ENFORCED;
  const r = raw as Record<string, unknown>;
  const num = (x: unknown) => (typeof x === 'number' ? x : null);
  return {
    active: r.active === true,
    since: num(r.since),
    until: num(r.until),
    grantIds: Array.isArray(r.grantIds)
      ? r.grantIds.filter((g): g is string => typeof g === 'string')
      : [],
  };
}

export async function saveEnforced(enforced: Enforced): Promise<void> {
  await browser.storage.local.set({ [KEYS.enforced]: enforced });
}

export async function loadSaved(): Promise<SavedPage[]> {
  const { [KEYS.saved]: raw } = await browser.storage.local.get(KEYS.saved);
  return readSaved(raw);
}

export async function saveSaved(pages: SavedPage[]): Promise<void> {
  await browser.storage.local.set({ [KEYS.saved]: pages });
}

export async function loadHeadsUpSaidFor(): Promise<number | null> {
  const { [KEYS.headsUpSaidFor]: raw } = await browser.storage.local.get(KEYS.headsUpSaidFor);
  return typeof raw === 'number' ? raw : null;
}

export async function saveHeadsUpSaidFor(start: number): Promise<void> {
  await browser.storage.local.set({ [KEYS.headsUpSaidFor]: start });
}

/** Off unless the parent turned it on (only `true` counts). */
export async function loadQuietSetting(): Promise<boolean> {
  const { [KEYS.quietNotifications]: raw } = await browser.storage.local.get(
    KEYS.quietNotifications,
  );
  return raw === true;
}

export async function saveQuietSetting(on: boolean): Promise<void> {
  await browser.storage.local.set({ [KEYS.quietNotifications]: on });
}

export async function loadQuieted(): Promise<Quieted | null> {
  const { [KEYS.quietedNotifications]: raw } = await browser.storage.local.get(
    KEYS.quietedNotifications,
  );
  return readQuieted(raw);
}

export async function saveQuieted(quieted: Quieted | null): Promise<void> {
  if (quieted === null) await browser.storage.local.remove(KEYS.quietedNotifications);
  else await browser.storage.local.set({ [KEYS.quietedNotifications]: quieted });
}

/** Everything a status is made of, in one read (utils/status.ts computes it). */
export async function loadStatusInputs(): Promise<StoredStatusInputs> {
  return statusInputsFrom(await browser.storage.local.get(Object.keys(STATUS_INPUT_KEYS)));
}

/** The steps of reconcile(), each run on its own so one failing never stops the others. */
export const RECONCILE_STEPS = [
  'read',
  'rules',
  'quiet-notifications',
  'edges',
  'history',
  'tabs',
  'saved',
  'heads-up',
  'badge',
  'alarms',
] as const;
export type ReconcileStep = (typeof RECONCILE_STEPS)[number];

export interface EnforcementReport {
  /** Patterns whose rule the browser would not take (left out; the rest is installed). */
  refused: string[];
  /** Steps of the last reconcile that failed (it runs again within a minute). */
  failed: ReconcileStep[];
}

export const CLEAN_REPORT: EnforcementReport = { refused: [], failed: [] };

export async function loadEnforcementReport(): Promise<EnforcementReport> {
  const { [KEYS.enforcementReport]: raw } = await browser.storage.local.get(KEYS.enforcementReport);
  if (typeof raw !== 'object' || raw === null) return CLEAN_REPORT;
  const r = raw as Record<string, unknown>;
  const strings = (x: unknown) =>
    Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string').slice(0, 100) : [];
  const steps: readonly string[] = RECONCILE_STEPS;
  return {
    refused: strings(r.refused),
    failed: strings(r.failed).filter((s): s is ReconcileStep => steps.includes(s)),
  };
}

/** Written only when it changes, so a calm evening writes nothing every minute. */
export async function saveEnforcementReport(report: EnforcementReport): Promise<void> {
  const before = await loadEnforcementReport();
  if (JSON.stringify(before) === JSON.stringify(report)) return;
  await browser.storage.local.set({ [KEYS.enforcementReport]: report });
}

export async function loadWeeklyNote(): Promise<WeeklyNote> {
  const { [KEYS.weeklyNote]: raw } = await browser.storage.local.get(KEYS.weeklyNote);
  return readWeeklyNote(raw);
}

export async function saveWeeklyNote(note: WeeklyNote): Promise<void> {
  await browser.storage.local.set({ [KEYS.weeklyNote]: note });
}

export async function loadPreview(): Promise<Preview | null> {
  const { [KEYS.preview]: raw } = await browser.storage.local.get(KEYS.preview);
  return readPreview(raw);
}

export async function savePreview(preview: Preview): Promise<void> {
  await browser.storage.local.set({ [KEYS.preview]: preview });
}
