// The groups' ids are what settings, sync and every page read; the site lists
// below only the code that blocks or shows them (the popup carries none).
export const PRESET_IDS = ['mail', 'chat', 'docs', 'trackers', 'calls'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

// The common work sites, grouped the way a parent thinks of them. They live in
// code, not in storage, so a better list reaches everyone with an update;
// settings only store which groups are on. Microsoft is moving its signed-in
// apps to cloud.microsoft (outlook., teams., m365. — the Office home), so both
// the old and the new addresses are listed; Google Chat lives at chat.google.com
// as well as inside Gmail; Word, Excel and OneDrive for work open on sharepoint.com.
const PRESET_SITES: Record<PresetId, readonly string[]> = {
  mail: [
    'mail.google.com',
    'outlook.office.com',
    'outlook.live.com',
    'outlook.office365.com',
    'outlook.cloud.microsoft',
  ],
  chat: [
    'slack.com',
    'teams.microsoft.com',
    'teams.live.com',
    'teams.cloud.microsoft',
    'chat.google.com',
  ],
  docs: [
    'docs.google.com',
    'drive.google.com',
    'sheets.google.com',
    'notion.so',
    'notion.com',
    'm365.cloud.microsoft',
    'sharepoint.com',
  ],
  trackers: [
    'atlassian.net',
    'atlassian.com',
    'trello.com',
    'asana.com',
    'linear.app',
    'github.com',
  ],
  calls: ['meet.google.com', 'zoom.us'],
};

/** The groups in the order Options shows them. */
export const PRESETS = /* @__PURE__ */ PRESET_IDS.map((id) => ({ id, sites: PRESET_SITES[id] }));
