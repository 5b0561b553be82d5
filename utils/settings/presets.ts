// The common work sites, grouped the way a parent thinks of them. They live in
// code, not in storage, so a better list reaches everyone with an update;
// settings only store which groups are on. Microsoft is moving its signed-in
// apps to cloud.microsoft (outlook., teams., m365. — the Office home), so both
// the old and the new addresses are listed; Google Chat lives at chat.google.com
// as well as inside Gmail; Word, Excel and OneDrive for work open on sharepoint.com.
export const PRESETS = [
  {
    id: 'mail',
    sites: [
      'mail.google.com',
      'outlook.office.com',
      'outlook.live.com',
      'outlook.office365.com',
      'outlook.cloud.microsoft',
    ],
  },
  {
    id: 'chat',
    sites: [
      'slack.com',
      'teams.microsoft.com',
      'teams.live.com',
      'teams.cloud.microsoft',
      'chat.google.com',
    ],
  },
  {
    id: 'docs',
    sites: [
      'docs.google.com',
      'drive.google.com',
      'sheets.google.com',
      'notion.so',
      'notion.com',
      'm365.cloud.microsoft',
      'sharepoint.com',
    ],
  },
  {
    id: 'trackers',
    sites: [
      'atlassian.net',
      'atlassian.com',
      'trello.com',
      'asana.com',
      'linear.app',
      'github.com',
    ],
  },
  { id: 'calls', sites: ['meet.google.com', 'zoom.us'] },
] as const;

export type PresetId = (typeof PRESETS)[number]['id'];
export const PRESET_IDS: readonly PresetId[] = PRESETS.map((p) => p.id);
