import { useEffect, useRef, useState } from 'preact/hooks';
import { saveSettingsInOrder } from '@/utils/browser/actions';
import { loadSettings, saveSettings } from '@/utils/browser/storage';
import type { Settings } from '@/utils/settings/schema';
import { rebaseSettings } from '@/utils/sync/records';
import { useSettings } from './use-settings';

export type SaveState = 'idle' | 'saving' | 'saved';
export type UpdateSettings = (change: (current: Settings) => Settings) => void;

const DEBOUNCE_MS = 300;

/**
 * Settings as a page edits them: each change shows at once and is written
 * shortly after (typing does not write on every key). Callers validate first:
 * only valid settings ever reach `update`.
 */
export function useSettingsEditor(): {
  settings: Settings | null;
  update: UpdateSettings;
  saveState: SaveState;
} {
  const loaded = useSettings();
  const [draft, setDraft] = useState<Settings | null>(loaded?.settings ?? null);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const pending = useRef<Settings | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** The stored settings the draft grew from: what this page's own edits are measured against. */
  const base = useRef<Settings | null>(loaded?.settings ?? null);

  // Changes from elsewhere (popup, another window, sync) show unless an edit is in flight.
  useEffect(() => {
    if (loaded && pending.current === null) {
      setDraft(loaded.settings);
      base.current = loaded.settings;
    }
  }, [loaded]);

  const flush = async ({ rebase = true }: { rebase?: boolean } = {}) => {
    const next = pending.current;
    if (!next) return;
    // Only this page's own edits are written over what is stored now, so a
    // change that arrived meanwhile (another device, the popup) is kept.
    // Leaving the page saves at once instead: the page may be gone before a read returns.
    const from = base.current;
    const stored = rebase && from ? await loadSettings() : null;
    const merged =
      from && stored && stored.problems.length === 0
        ? rebaseSettings(from, next, stored.settings)
        : next;
    // Tightening converges the rules first (a new site during family time is
    // blocked before it is stored); a page that is leaving writes at once.
    await (rebase ? saveSettingsInOrder(merged) : saveSettings(merged));
    base.current = next;
    if (pending.current === next) pending.current = null;
    setSaveState('saved');
  };

  useEffect(() => {
    const beforeUnload = () => void flush({ rebase: false });
    addEventListener('pagehide', beforeUnload);
    return () => removeEventListener('pagehide', beforeUnload);
  }, []);

  const update: UpdateSettings = (change) => {
    setDraft((current) => {
      if (!current) return current;
      const next = change(current);
      pending.current = next;
      setSaveState('saving');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
      return next;
    });
  };

  return { settings: draft, update, saveState };
}
