import { type MessageKey, t, uiLanguage } from '@/utils/browser/i18n';

/** Counting things in the parent's words: "1 window", "3 windows, 12 sites". */

export type Countable = 'windows' | 'exceptions' | 'sites' | 'notes' | 'photos' | 'settings';

const COUNT_KEYS: Record<Countable, [MessageKey, MessageKey]> = {
  windows: ['countWindowsOne', 'countWindowsMany'],
  exceptions: ['countExceptionsOne', 'countExceptionsMany'],
  sites: ['countSitesOne', 'countSitesMany'],
  notes: ['countNotesOne', 'countNotesMany'],
  photos: ['countPhotosOne', 'countPhotosMany'],
  settings: ['countSettingsOne', 'countSettingsMany'],
};

/** "1 window", "12 sites". */
export function countText(what: Countable, n: number): string {
  const [one, many] = COUNT_KEYS[what];
  return n === 1 ? t(one) : t(many, String(n));
}

/** "3 windows, 12 sites, 4 notes" (zeros left out), in the page's language. */
export function listText(counts: Partial<Record<Countable, number>>): string {
  const order: Countable[] = ['windows', 'exceptions', 'sites', 'notes', 'photos', 'settings'];
  const parts = order.flatMap((k) => ((counts[k] ?? 0) > 0 ? [countText(k, counts[k] ?? 0)] : []));
  return new Intl.ListFormat(uiLanguage(), { style: 'short', type: 'unit' }).format(parts);
}
