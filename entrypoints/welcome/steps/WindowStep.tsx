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
  const added = useRef(false);
  // A window that is off is not family time: the sentences show the ones that are on.
  const shown = settings.windows.filter((w) => w.enabled);
  const count = shown.length;
  // A window just added takes focus on its first control.
  useEffect(() => {
    if (!added.current) return;
    added.current = false;
    list.current?.querySelector<HTMLElement>('.window-sentence:last-child button')?.focus();
  }, [count]);

  const save = (window: WeeklyWindow) =>
    update((s) => ({ ...s, windows: s.windows.map((w) => (w.id === window.id ? window : w)) }));
  const remove = (id: string) =>
    update((s) => ({ ...s, windows: s.windows.filter((w) => w.id !== id) }));
  // One that is there but off (the default weekend one) is turned on first, else a new one is added.
  const add = () => {
    added.current = true;
    update((s) => {
      const off = s.windows.find((w) => !w.enabled);
      return {
        ...s,
        windows: off
          ? s.windows.map((w) => (w === off ? { ...w, enabled: true, updatedAt: Date.now() } : w))
          : [...s.windows, anotherWindow()],
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
