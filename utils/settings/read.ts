import { migrate } from './migrations';
import { type LoadedSettings, readSettings, SETTINGS_VERSION } from './schema';

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
