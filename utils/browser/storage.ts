import { browser } from 'wxt/browser';
import { migrate } from '../migrations';
import { EMPTY_RUNTIME, type Runtime, readRuntime } from '../runtime';
import { type LoadedSettings, SETTINGS_VERSION, type Settings, readSettings } from '../settings';

/** Storage keys, named for what they hold. */
export const KEYS = {
  settings: 'settings',
  runtime: 'runtime',
  /** What reconcile last enforced; only used to find the start edge. */
  enforced: 'enforced',
} as const;

export async function loadSettings(): Promise<LoadedSettings> {
  const { [KEYS.settings]: raw } = await browser.storage.local.get(KEYS.settings);
  try {
    return readSettings(migrate(raw, SETTINGS_VERSION));
  } catch (error) {
    console.error('Hearth: stored settings could not be migrated', error);
    return readSettings(null);
  }
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

/** What the last reconcile enforced, to see edges: family time starting, a grant ending. */
export interface Enforced {
  active: boolean;
  grants: number;
}

export async function loadEnforced(): Promise<Enforced> {
  const { [KEYS.enforced]: raw } = await browser.storage.local.get(KEYS.enforced);
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return {
    active: record.active === true,
    grants: typeof record.grants === 'number' ? record.grants : 0,
  };
}

export async function saveEnforced(enforced: Enforced): Promise<void> {
  await browser.storage.local.set({ [KEYS.enforced]: enforced });
}
