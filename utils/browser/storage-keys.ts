// Every key Hearth stores under, in one place (browser.storage.local, and the
// pages' own localStorage). Nothing else writes a key by its literal name: the
// layout test (tests/unit/layout.test.ts) holds that true.

/**
 * The keys a status is computed from, in an object of their own: a page that
 * only shows the status (the popup, its early read) carries no other key name.
 */
const STATUS_KEYS = {
  settings: 'settings',
  runtime: 'runtime',
  saved: 'savedForAfter',
  /** What the last reconcile could not do: rules the browser refused, steps that failed (Coverage shows it). */
  enforcementReport: 'enforcementReport',
  /** When settings that could not be read were rebuilt from the sync replica. */
  settingsRecovery: 'settingsRecovery',
  /** The wall clock and time zone the last reconcile saw (to notice a jump). */
  clockSeen: 'clockSeen',
} as const;

export const KEYS = {
  ...STATUS_KEYS,
  /** What reconcile last enforced; only used to find edges. */
  enforced: 'enforced',
  /** The start time the last heads-up was given for. */
  headsUpSaidFor: 'headsUpSaidFor',
  /** Every record's newest version, tombstones included (docs/sync.md). */
  syncLedger: 'syncLedger',
  syncDevice: 'syncDevice',
  /** What the options page shows about sync. */
  syncStatus: 'syncStatus',
  /** When each friction form (step past, end early, loosening) was opened, as the background saw it. */
  frictionOpened: 'frictionOpened',
  /** The parent's "keep work notifications quiet" setting (this browser only, not synced). */
  quietNotifications: 'quietNotifications',
  /** The notification patterns Hearth has set in contentSettings (written before they are set). */
  quietedNotifications: 'quietedNotifications',
  /** The optional weekly note (on/off, day, time); per device, never synced. */
  weeklyNote: 'weeklyNote',
  /** The one reminder preview the welcome page asked for (utils/runtime/preview.ts). */
  preview: 'reminderPreview',
  /**
   * A prefix, not a key: history entries from Chrome's private copy wait under
   * `privateHistory:<id>`, one key each, until the regular copy drains them
   * (utils/history/inbox.ts).
   */
  privateHistoryInbox: 'privateHistory:',
  /** Display copies of the photos for Chrome's private copy, which has no IndexedDB of its own (utils/photos/private-copy.ts). */
  privatePhotos: 'privatePhotos',
  /** What `privatePhotos` was made from, kept apart so a start can compare without reading megabytes. */
  privatePhotosMade: 'privatePhotosMade',
} as const;

/** Keys an older Hearth wrote and this one only removes (on update). */
export const RETIRED_KEYS = {
  /** Origins learned from a blocked site that committed; the page catch made it needless. */
  selfServedOrigins: 'selfServedOrigins',
} as const;

/** Keys of the extension pages' own localStorage (per browser profile, never synced). */
export const LOCAL_STORAGE_KEYS = {
  /** The next reminder's photo, made ready by the last visit. */
  preparedPhoto: 'hearth.preparedPhoto',
  /** Counts reminder visits, so each one shows the next photo. */
  reminderVisits: 'hearth.reminderVisits',
} as const;

/** The storage.local keys a status is computed from (utils/status.ts), by the input each one is. */
export const STATUS_INPUT_KEYS = {
  [STATUS_KEYS.settings]: 'settings',
  [STATUS_KEYS.runtime]: 'runtime',
  [STATUS_KEYS.saved]: 'saved',
  [STATUS_KEYS.settingsRecovery]: 'recovery',
  [STATUS_KEYS.clockSeen]: 'clock',
  [STATUS_KEYS.enforcementReport]: 'report',
} as const satisfies Record<
  string,
  'settings' | 'runtime' | 'saved' | 'recovery' | 'clock' | 'report'
>;
