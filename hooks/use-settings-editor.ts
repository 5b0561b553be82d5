import { useEffect, useRef, useState } from 'preact/hooks';
import { saveSettingsInOrder } from '@/utils/browser/converge-first';
import { onStoredChange, send } from '@/utils/browser/messaging';
import { loadRuntime, loadSettings, saveSettings } from '@/utils/browser/storage';
import type { LooseningAnswer, SettingsRefusal } from '@/utils/messages';
import { EMPTY_RUNTIME, type Runtime } from '@/utils/runtime/runtime';
import { type Loosening, looseningsBetween } from '@/utils/settings/loosening';
import { type LoadedSettings, refusalOf } from '@/utils/settings/read';
import type { Settings } from '@/utils/settings/schema';
import { rebaseSettings } from '@/utils/sync/records';
import { systemTimeZone } from '@/utils/time/temporal';
import { useSettings } from './use-settings';

export type SaveState = 'idle' | 'saving' | 'saved' | SettingsRefusal;
export type UpdateSettings = (change: (current: Settings) => Settings) => void;

/** A change that loosens blocking during family time, held until the parent gets past the friction. */
export interface HeldLoosening {
  what: Loosening[];
  /** Records it (the background checks the friction) and, when it agrees, applies the change. */
  confirm(reason: string): Promise<LooseningAnswer>;
  cancel(): void;
}

const DEBOUNCE_MS = 300;

/**
 * Settings as a page edits them: each change shows at once and is written
 * shortly after (typing does not write on every key). Callers validate first:
 * only valid settings ever reach `update`. Only this page's own edits are ever
 * written over what is stored (a three-way merge), and nothing is written over
 * settings that could not be read. A change that loosens blocking during
 * family time goes through the end-early friction first (when the parent chose
 * it) and is recorded in the history either way; tightening applies at once.
 */
export function useSettingsEditor(): {
  settings: Settings | null;
  update: UpdateSettings;
  saveState: SaveState;
  loosening: HeldLoosening | null;
} {
  const loaded = useSettings();
  const [draft, setDraft] = useState<Settings | null>(loaded?.settings ?? null);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [held, setHeld] = useState<{ next: Settings; what: Loosening[] } | null>(null);
  const pending = useRef<Settings | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** The stored settings the draft grew from: what this page's own edits are measured against. */
  const base = useRef<Settings | null>(loaded?.settings ?? null);
  /** What storage held when this page last heard (it re-reads on every change). */
  const latest = useRef<LoadedSettings | null>(loaded);
  const current = useRef<Settings | null>(loaded?.settings ?? null);
  const runtime = useRef<Runtime>(EMPTY_RUNTIME);

  useEffect(() => {
    const read = () => void loadRuntime().then((r) => (runtime.current = r));
    read();
    return onStoredChange(read);
  }, []);

  // Changes from elsewhere (popup, another window, sync) show unless an edit is in flight.
  useEffect(() => {
    latest.current = loaded;
    if (loaded && pending.current === null) {
      setDraft(loaded.settings);
      current.current = loaded.settings;
      base.current = loaded.settings;
    }
  }, [loaded]);

  const flush = async ({ leaving = false }: { leaving?: boolean } = {}) => {
    const next = pending.current;
    if (!next) return;
    // Leaving the page saves at once: the page may be gone before a read
    // returns, so the last draft is merged over the stored settings this page
    // last heard of instead of being written whole over what arrived meanwhile.
    const stored = leaving ? latest.current : await loadSettings();
    if (!stored) return;
    const refused = refusalOf(stored);
    if (refused) {
      setSaveState(refused);
      return;
    }
    const from = base.current;
    const merged = from ? rebaseSettings(from, next, stored.settings) : next;
    // Tightening converges the rules first (a new site during family time is
    // blocked before it is stored); a page that is leaving writes at once.
    const outcome = leaving
      ? await saveSettings(merged, { over: stored })
      : await saveSettingsInOrder(merged, { over: stored });
    if (outcome === 'refused') {
      setSaveState('settings-unreadable');
      return;
    }
    base.current = next;
    if (pending.current === next) pending.current = null;
    setSaveState('saved');
  };

  useEffect(() => {
    const beforeUnload = () => void flush({ leaving: true });
    addEventListener('pagehide', beforeUnload);
    return () => removeEventListener('pagehide', beforeUnload);
  }, []);

  const apply = (next: Settings) => {
    current.current = next;
    setDraft(next);
    pending.current = next;
    setSaveState('saving');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
  };

  const update: UpdateSettings = (change) => {
    const now = current.current;
    if (!now) return;
    const next = change(now);
    const what = looseningsBetween(now, next, {
      runtime: runtime.current,
      now: Date.now(),
      timeZone: systemTimeZone(),
    });
    if (what.length === 0) return apply(next);
    if (now.gentleness.endEarlyNeedsFriction) return setHeld({ next, what });
    // No friction chosen: it applies, and the history says what it was.
    void send({ type: 'recordLoosening', what });
    apply(next);
  };

  const loosening: HeldLoosening | null = held && {
    what: held.what,
    async confirm(reason) {
      const answer = await send({ type: 'recordLoosening', what: held.what, reason });
      if (answer.ok) {
        setHeld(null);
        apply(held.next);
      }
      return answer;
    },
    cancel: () => setHeld(null),
  };

  return { settings: draft, update, saveState, loosening };
}
