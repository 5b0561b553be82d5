import { useState } from 'preact/hooks';
import { weekNextLine } from '@/components/text/status';
import { WeekView } from '@/components/WeekView';
import type { UpdateSettings } from '@/hooks/use-settings-editor';
import { t } from '@/utils/browser/i18n';
import type { Status } from '@/utils/messages';
import { weekBlocks, weekStart } from '@/utils/schedule/week-layout';
import {
  draftOfWindow,
  type WindowDraft,
  windowFromDraft,
  windowsOverlap,
} from '@/utils/schedule/window-form';
import type { Settings } from '@/utils/settings/schema';
import { formatMinute, weekdayNames } from '@/utils/time/format';
import { zoned } from '@/utils/time/temporal';
import type { LaterModule } from './later';

type Editing = { kind: 'new' } | { kind: 'window'; id: string } | null;

const NEW_DRAFT: WindowDraft = {
  days: [1, 2, 3, 4, 5],
  start: '18:00',
  end: '20:30',
  label: '',
  enabled: true,
};

export function WeekSection({
  settings,
  update,
  status,
  locale,
  later,
}: {
  settings: Settings;
  update: UpdateSettings;
  status: Status | null;
  locale: string;
  /** The window form and the dates editor come with the later sections (./later.ts). */
  later: LaterModule | null;
}) {
  const [editing, setEditing] = useState<Editing>(null);
  const [overlapNote, setOverlapNote] = useState(false);
  const timeZone = status?.timeZone ?? Temporal.Now.timeZoneId();
  const monday = weekStart(zoned(Date.now(), timeZone).toPlainDate());
  const dayNames = weekdayNames(locale);
  const blocks = weekBlocks(settings, monday, timeZone);
  const editingWindow =
    editing?.kind === 'window' ? settings.windows.find((w) => w.id === editing.id) : undefined;

  const saveWindow = (draft: WindowDraft) => {
    const id = editingWindow?.id ?? crypto.randomUUID();
    const result = windowFromDraft(draft, id, Date.now());
    if (!result.ok) return result.errors;
    update((s) => ({
      ...s,
      windows: editingWindow
        ? s.windows.map((w) => (w.id === id ? result.window : w))
        : [...s.windows, result.window],
    }));
    setOverlapNote(
      result.window.enabled &&
        settings.windows.some((w) => w.id !== id && w.enabled && windowsOverlap(w, result.window)),
    );
    setEditing(null);
    return [];
  };
  const deleteWindow = () => {
    if (!editingWindow) return;
    update((s) => ({ ...s, windows: s.windows.filter((w) => w.id !== editingWindow.id) }));
    setEditing(null);
  };

  return (
    <section id="week" aria-labelledby="week-title">
      <h2 id="week-title">{t('weekTitle')}</h2>
      {status && <p class="next-line">{weekNextLine(status, Date.now(), locale)}</p>}
      <p class="muted">{t('weekLead')}</p>
      <WeekView
        blocks={blocks}
        dayNames={dayNames}
        locale={locale}
        onEdit={(b) =>
          b.kind === 'window' ? setEditing({ kind: 'window', id: b.sourceId }) : undefined
        }
      />
      <h3>{t('windowsListTitle')}</h3>
      <ul class="window-list">
        {settings.windows.map((w) => {
          const name = w.label || t('weekBlockUnnamed');
          const days = w.days.map((d) => dayNames[d - 1]).join(', ');
          return (
            <li key={w.id}>
              <span>
                <strong>{name}</strong> · {days} ·{' '}
                <span class="nowrap">
                  {formatMinute(w.startMinute, locale)}–
                  {formatMinute((w.startMinute + w.lengthMinutes) % 1440, locale)}
                </span>
                {!w.enabled && <span class="tag">{t('windowOff')}</span>}
              </span>
              <button
                type="button"
                class="small-button"
                aria-label={t('windowEditNamed', name)}
                onClick={() => setEditing({ kind: 'window', id: w.id })}
              >
                {t('windowEdit')}
              </button>
            </li>
          );
        })}
      </ul>
      {overlapNote && <p class="notice">{t('windowOverlaps')}</p>}
      {editing ? (
        later && (
          <later.WindowForm
            key={editing.kind === 'window' ? editing.id : 'new'}
            initial={editingWindow ? draftOfWindow(editingWindow) : NEW_DRAFT}
            isNew={!editingWindow}
            dayNames={dayNames}
            onSave={saveWindow}
            onDelete={deleteWindow}
            onCancel={() => setEditing(null)}
          />
        )
      ) : (
        <button type="button" class="primary" onClick={() => setEditing({ kind: 'new' })}>
          {t('windowAdd')}
        </button>
      )}
      {later && (
        <later.ExceptionsEditor
          settings={settings}
          update={update}
          locale={locale}
          timeZone={timeZone}
          status={status}
        />
      )}
    </section>
  );
}
