import { useEffect, useRef, useState } from 'preact/hooks';
import { onStoredChange, send } from '@/utils/browser/messaging';
import { loadRuntime } from '@/utils/browser/storage';
import type { LooseningAnswer, SettingsRefusal } from '@/utils/messages';
import { EMPTY_RUNTIME, type Runtime } from '@/utils/runtime/runtime';
import { type Loosening, looseningsBetween } from '@/utils/settings/loosening';
import type { LoadedSettings } from '@/utils/settings/read';
import type { Settings } from '@/utils/settings/schema';
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
const RETRY_MS = 1000;

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

  /**
   * Sends the draft to the background, the one writer (utils/browser/settings-writes.ts):
   * it lays this page's own edits (since `base`) over what is stored then,
   * refuses unreadable or newer settings, and orders the writes. The message
   * leaves at once (no read first), so a page that is closing still sends it.
   */
  const flush = async () => {
    const next = pending.current;
    if (!next) return;
    clearTimeout(timer.current);
    let answer: Awaited<ReturnType<typeof send<'saveSettings'>>>;
    try {
      answer = await send({ type: 'saveSettings', base: base.current, next });
    } catch (error) {
      // The background was stopped while it handled it: the draft stays pending and goes again
      // (the background rebases it over whatever it managed to store).
      console.warn('Hearth: settings not saved yet; trying again', error);
      timer.current = setTimeout(() => void flush(), RETRY_MS);
      return;
    }
    if (answer.ok) {
      base.current = next;
      if (pending.current === next) pending.current = null;
      setSaveState('saved');
      return;
    }
    if (!('what' in answer)) {
      setSaveState(answer.error);
      return;
    }
    // The background found a loosening this page did not hold (it knew family
    // time a moment later): the draft goes back and the friction is asked.
    if (pending.current === next) pending.current = null;
    current.current = base.current;
    setDraft(base.current);
    setSaveState('idle');
    setHeld({ next, what: answer.what });
  };

  useEffect(() => {
    const beforeUnload = () => void flush();
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
    // No friction chosen: it applies, and the background records what it was.
    apply(next);
  };

  const loosening: HeldLoosening | null = held && {
    what: held.what,
    // Sent with the reason: the background checks the friction, records, then writes.
    async confirm(reason) {
      clearTimeout(timer.current);
      const answer = await send({
        type: 'saveSettings',
        base: base.current,
        next: held.next,
        reason,
      });
      if (answer.ok) {
        setHeld(null);
        base.current = held.next;
        current.current = held.next;
        pending.current = null;
        setDraft(held.next);
        setSaveState('saved');
        return answer;
      }
      return { ok: false, error: answer.error };
    },
    cancel: () => setHeld(null),
  };

  return { settings: draft, update, saveState, loosening };
}
