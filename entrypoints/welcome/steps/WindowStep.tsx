import { useEffect, useRef } from 'preact/hooks';
import { WindowSentence } from '@/components/WindowSentence';
import type { UpdateSettings } from '@/hooks/use-settings-editor';
import { t, uiLanguage } from '@/utils/browser/i18n';
import type { Settings, WeeklyWindow } from '@/utils/settings/schema';
import { weekdayNames } from '@/utils/time/format';

/** A second window to shape: Saturday and Sunday mornings to start (weekends, school pick-up). */
function anotherWindow(): WeeklyWindow {
  return {
    id: crypto.randomUUID(),
    days: [6, 7],
    startMinute: 10 * 60,
    lengthMinutes: 120,
    label: '',
    enabled: true,
    updatedAt: Date.now(),
  };
}

/** Step 1: when family time is, each window a sentence edited in place. */
export function WindowStep({ settings, update }: { settings: Settings; update: UpdateSettings }) {
  const dayNames = weekdayNames(uiLanguage());
  const list = useRef<HTMLDivElement>(null);
  /** The window just turned on or added: it takes focus once it is drawn. */
  const added = useRef<string | null>(null);
  // A window that is off is not family time: the sentences show the ones that are on.
  const shown = settings.windows.filter((w) => w.enabled);
  const count = shown.length;
  // A window just added takes focus on its first control.
  useEffect(() => {
    const id = added.current;
    if (id === null) return;
    const button = list.current?.querySelector<HTMLElement>(
      `.window-sentence[data-window-id="${CSS.escape(id)}"] button`,
    );
    if (!button) return;
    added.current = null;
    button.focus();
  });

  const save = (window: WeeklyWindow) =>
    update((s) => ({ ...s, windows: s.windows.map((w) => (w.id === window.id ? window : w)) }));
  const remove = (id: string) =>
    update((s) => ({ ...s, windows: s.windows.filter((w) => w.id !== id) }));
  // One that is there but off (the default weekend one) is turned on first, else a new one is added.
  const add = () => {
    const off = settings.windows.find((w) => !w.enabled);
    const fresh = anotherWindow();
    added.current = off?.id ?? fresh.id;
    update((s) => {
      const stillOff = s.windows.find((w) => w.id === off?.id && !w.enabled);
      return {
        ...s,
        windows: stillOff
          ? s.windows.map((w) =>
              w === stillOff ? { ...w, enabled: true, updatedAt: Date.now() } : w,
            )
          : [...s.windows, fresh],
      };
    });
  };

  return (
    <>
      <p class="muted">{t('firstRunWindowLead')}</p>
      <div class="window-sentences" ref={list}>
        {shown.map((w, i) => (
          <WindowSentence
            key={w.id}
            window={w}
            index={i + 1}
            dayNames={dayNames}
            onSave={save}
            onRemove={count > 1 ? () => remove(w.id) : undefined}
          />
        ))}
      </div>
      {count === 0 && <p class="muted">{t('firstRunWindowNone')}</p>}
      <button type="button" onClick={add}>
        {count === 0 ? t('windowAdd') : t('firstRunWindowAnother')}
      </button>
    </>
  );
}
