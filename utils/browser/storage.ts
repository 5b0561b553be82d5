import { browser } from 'wxt/browser';
import { type Enforced, NOT_ENFORCED } from '@/utils/edges';
import { readWeeklyNote, type WeeklyNote } from '@/utils/history/weekly-note';
import { FRICTION_PURPOSES, type FrictionPurpose } from '@/utils/messages';
import { type Preview, readPreview } from '@/utils/runtime/preview';
import { EMPTY_RUNTIME, type Runtime, readRuntime } from '@/utils/runtime/runtime';
import { readSaved, type SavedPage } from '@/utils/runtime/saved';
import type { LoadedSettings } from '@/utils/settings/read';
import { type Recovery, readRecovery, settingsFromStored, trusted } from '@/utils/settings/read';
import type { Settings } from '@/utils/settings/schema';
import { type Quieted, readQuieted } from '@/utils/sites/notification-patterns';
import { readSiteProblems, type SiteProblem } from '@/utils/sites/problems';
import type { StoredStatusInputs } from '@/utils/status';
import { type ClockSeen, readClockSeen } from '@/utils/time/clock-jump';
import { statusInputsFrom } from './early-read';
import { KEYS, STATUS_INPUT_KEYS } from './storage-keys';

export { KEYS } from './storage-keys';

export async function loadSettings(): Promise<LoadedSettings> {
  const { [KEYS.settings]: raw } = await browser.storage.local.get(KEYS.settings);
  return settingsFromStored(raw);
}

export type SaveOutcome = 'saved' | 'refused';

/**
 * Writes settings, unless what is stored cannot be read (damaged, or from a
 * newer Hearth): writing over it would turn every record the parent has into
 * a deletion that sync carries to every device. Only a backup import, the
 * parent's explicit way back, may replace unreadable settings.
 */
export async function saveSettings(
  settings: Settings,
  {
    overUnreadable = false,
    over,
  }: {
    overUnreadable?: boolean;
    /** What the caller last read (a page being closed has no time to read again). */
    over?: LoadedSettings;
  } = {},
): Promise<SaveOutcome> {
  if (!overUnreadable && !trusted(over ?? (await loadSettings()))) return 'refused';
  await browser.storage.local.set({ [KEYS.settings]: settings });
  return 'saved';
}

/** When settings were last rebuilt from the sync replica (the parent is told for a day). */
export async function loadRecovery(): Promise<Recovery | null> {
  const { [KEYS.settingsRecovery]: raw } = await browser.storage.local.get(KEYS.settingsRecovery);
  return readRecovery(raw);
}

export async function loadRuntime(): Promise<Runtime> {
  const { [KEYS.runtime]: raw } = await browser.storage.local.get(KEYS.runtime);
  return raw === undefined ? EMPTY_RUNTIME : readRuntime(raw);
}

export async function saveRuntime(runtime: Runtime): Promise<void> {
  await browser.storage.local.set({ [KEYS.runtime]: runtime });
}

// One queue for every runtime and saved-pages write in this context (the
// background): each change reads, changes and writes with no other write in
// between, so a tab event's read-modify-write cannot undo a grant or an
// "end early" saved a moment before.
let writes: Promise<unknown> = Promise.resolve();
function queued<T>(task: () => Promise<T>): Promise<T> {
  const run = writes.then(task);
  writes = run.catch(() => undefined);
  return run;
}

/** Reads the runtime, applies `change` and writes the result (if it is a new object), queued. */
export function updateRuntime(
  change: (runtime: Runtime) => Runtime | Promise<Runtime>,
): Promise<Runtime> {
  return queued(async () => {
    const before = await loadRuntime();
    const after = await change(before);
    if (after !== before) await saveRuntime(after);
    return after;
  });
}

type FrictionOpened = Partial<Record<FrictionPurpose, number>>;

async function loadFrictionOpened(): Promise<FrictionOpened> {
  const { [KEYS.frictionOpened]: raw } = await browser.storage.local.get(KEYS.frictionOpened);
  if (typeof raw !== 'object' || raw === null) return {};
  const out: FrictionOpened = {};
  for (const purpose of FRICTION_PURPOSES) {
    const at = (raw as Record<string, unknown>)[purpose];
    if (typeof at === 'number' && Number.isFinite(at)) out[purpose] = at;
  }
  return out;
}

/** The background heard a friction form open at `at` (the calm wait counts from here). */
export function markFrictionOpened(purpose: FrictionPurpose, at: number): Promise<void> {
  return queued(async () => {
    const opened = await loadFrictionOpened();
    await browser.storage.local.set({ [KEYS.frictionOpened]: { ...opened, [purpose]: at } });
  });
}

export async function frictionOpenedAt(purpose: FrictionPurpose): Promise<number | null> {
  return (await loadFrictionOpened())[purpose] ?? null;
}

/** A wait is used once: the next step past opens the form, and waits, again. */
export function forgetFrictionOpened(purpose: FrictionPurpose): Promise<void> {
  return queued(async () => {
    const { [purpose]: _used, ...rest } = await loadFrictionOpened();
    await browser.storage.local.set({ [KEYS.frictionOpened]: rest });
  });
}

/** The same for the pages saved for after. */
export function updateSaved(
  change: (pages: SavedPage[]) => SavedPage[] | Promise<SavedPage[]>,
): Promise<SavedPage[]> {
  return queued(async () => {
    const before = await loadSaved();
    const after = await change(before);
    if (after !== before) await saveSaved(after);
    return after;
  });
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
  'page-catch',
  'quiet-notifications',
  'edges',
  'history',
  'tabs',
  'saved',
  'heads-up',
  'badge',
  'alarms',
  'clock',
] as const;
export type ReconcileStep = (typeof RECONCILE_STEPS)[number];

export interface EnforcementReport {
  /** Patterns whose rule the browser would not take (left out; the rest is installed). */
  refused: string[];
  /** Steps of the last reconcile that failed (it runs again within a minute). */
  failed: ReconcileStep[];
  /** What it found wrong with the lists as decided; every status shows these (utils/status.ts). */
  problems: SiteProblem[];
}

export const CLEAN_REPORT: EnforcementReport = { refused: [], failed: [], problems: [] };

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
    problems: readSiteProblems(r.problems),
  };
}

/**
 * Written only when it changes, so a calm evening writes nothing every
 * minute. Problems left out keep the stored ones (a reconcile that decided nothing).
 */
export async function saveEnforcementReport(
  report: Omit<EnforcementReport, 'problems'> & { problems?: SiteProblem[] },
): Promise<void> {
  const before = await loadEnforcementReport();
  const next: EnforcementReport = { ...report, problems: report.problems ?? before.problems };
  if (JSON.stringify(before) === JSON.stringify(next)) return;
  await browser.storage.local.set({ [KEYS.enforcementReport]: next });
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

/** The clocks the last reconcile saw (utils/time/clock-jump.ts); null when none or unreadable. */
export async function loadClockSeen(): Promise<ClockSeen | null> {
  const { [KEYS.clockSeen]: raw } = await browser.storage.local.get(KEYS.clockSeen);
  return readClockSeen(raw);
}

export async function saveClockSeen(seen: ClockSeen): Promise<void> {
  await browser.storage.local.set({ [KEYS.clockSeen]: seen });
}
