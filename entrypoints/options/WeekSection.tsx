import { useState } from 'preact/hooks';
import { Field } from '@/components/Field';
import { WeekView } from '@/components/WeekView';
import { WindowForm } from '@/components/WindowForm';
import type { UpdateSettings } from '@/hooks/use-settings-editor';
import { t } from '@/utils/browser/i18n';
import type { Status } from '@/utils/messages';
import { weekBlocks, weekStart } from '@/utils/schedule/week-layout';
import { type WindowDraft, windowFromDraft, windowsOverlap } from '@/utils/schedule/window-form';
import type { DateException, Settings, WeeklyWindow } from '@/utils/settings/schema';
import {
  dayWord,
  formatClock,
  formatDate,
  formatMinute,
  formatWeekday,
  weekdayNames,
} from '@/utils/time/format';
import { formatMinuteOfDay, zoned } from '@/utils/time/temporal';

type Editing = { kind: 'new' } | { kind: 'window'; id: string } | null;

const NEW_DRAFT: WindowDraft = {
  days: [1, 2, 3, 4, 5],
  start: '18:00',
  end: '20:30',
  label: '',
  enabled: true,
};

function draftOf(w: WeeklyWindow): WindowDraft {
  return {
    days: w.days,
    start: formatMinuteOfDay(w.startMinute),
    end: formatMinuteOfDay((w.startMinute + w.lengthMinutes) % 1440),
    label: w.label,
    enabled: w.enabled,
  };
}

function nextLine(status: Status, locale: string): string {
  const now = Date.now();
  if (status.active && status.until !== null)
    return t('weekNow', formatClock(status.until, status.timeZone, locale));
  if (status.nextStart === null) return t('weekNone');
  const day = dayWord(status.nextStart, now, status.timeZone);
  const dayText =
    day === 'weekday'
      ? formatWeekday(status.nextStart, status.timeZone, locale)
      : t(day === 'today' ? 'dayToday' : 'dayTomorrow');
  const range = `${formatClock(status.nextStart, status.timeZone, locale)}–${
    status.nextEnd === null ? '' : formatClock(status.nextEnd, status.timeZone, locale)
  }`;
  return t('weekNext', `${dayText} ${range}`);
}

export function WeekSection({
  settings,
  update,
  status,
  locale,
}: {
  settings: Settings;
  update: UpdateSettings;
  status: Status | null;
  locale: string;
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
      {status && <p class="next-line">{nextLine(status, locale)}</p>}
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
        <WindowForm
          key={editing.kind === 'window' ? editing.id : 'new'}
          initial={editingWindow ? draftOf(editingWindow) : NEW_DRAFT}
          isNew={!editingWindow}
          dayNames={dayNames}
          onSave={saveWindow}
          onDelete={deleteWindow}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <button type="button" class="primary" onClick={() => setEditing({ kind: 'new' })}>
          {t('windowAdd')}
        </button>
      )}
      <ExceptionsEditor
        settings={settings}
        update={update}
        locale={locale}
        timeZone={timeZone}
        status={status}
      />
    </section>
  );
}

function ExceptionsEditor({
  settings,
  update,
  locale,
  timeZone,
  status,
}: {
  settings: Settings;
  update: UpdateSettings;
  locale: string;
  timeZone: string;
  status: Status | null;
}) {
  const today = zoned(Date.now(), timeZone).toPlainDate().toString();
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [extraDate, setExtraDate] = useState(today);
  const [extraStart, setExtraStart] = useState('10:00');
  const [extraEnd, setExtraEnd] = useState('12:00');
  const [error, setError] = useState('');
  const add = (e: DateException) => {
    setError('');
    update((s) => ({ ...s, exceptions: [...s.exceptions, e] }));
  };
  // "Tonight" is the date of the family time that is on, or the next one today.
  const tonight =
    status?.active && status.since !== null
      ? zoned(status.since, timeZone).toPlainDate().toString()
      : today;
  const tonightSkipped = settings.exceptions.some(
    (e) => e.kind === 'skip' && e.from <= tonight && tonight <= e.to,
  );

  const skip = (event: Event) => {
    event.preventDefault();
    if (!from || !to || to < from) return setError(t('exceptionErrorDates'));
    add({ id: crypto.randomUUID(), kind: 'skip', from, to, updatedAt: Date.now() });
  };
  const extra = (event: Event) => {
    event.preventDefault();
    const result = windowFromDraft(
      { days: [1], start: extraStart, end: extraEnd, label: '', enabled: true },
      'x',
      0,
    );
    if (!extraDate) return setError(t('exceptionErrorDate'));
    if (!result.ok)
      return setError(
        result.errors.includes('zero-length')
          ? t('windowErrorZeroLength')
          : t('windowErrorBadStart'),
      );
    add({
      id: crypto.randomUUID(),
      kind: 'extra',
      date: extraDate,
      startMinute: result.window.startMinute,
      lengthMinutes: result.window.lengthMinutes,
      label: '',
      updatedAt: Date.now(),
    });
  };

  return (
    <div class="exceptions">
      <h3>{t('exceptionsTitle')}</h3>
      <button
        type="button"
        disabled={tonightSkipped}
        onClick={() =>
          add({
            id: crypto.randomUUID(),
            kind: 'skip',
            from: tonight,
            to: tonight,
            updatedAt: Date.now(),
          })
        }
      >
        {t('notTonight')}
      </button>
      {tonightSkipped && <span class="muted"> {t('notTonightDone')}</span>}
      <form class="row" onSubmit={skip}>
        <Field
          id="skip-from"
          label={t('skipFromLabel')}
          type="date"
          value={from}
          onValue={setFrom}
        />
        <Field id="skip-to" label={t('skipToLabel')} type="date" value={to} onValue={setTo} />
        <button type="submit">{t('skipAdd')}</button>
      </form>
      <form class="row" onSubmit={extra}>
        <Field
          id="extra-date"
          label={t('extraDateLabel')}
          type="date"
          value={extraDate}
          onValue={setExtraDate}
        />
        <Field
          id="extra-start"
          label={t('extraStartLabel')}
          type="time"
          value={extraStart}
          onValue={setExtraStart}
        />
        <Field
          id="extra-end"
          label={t('extraEndLabel')}
          type="time"
          value={extraEnd}
          onValue={setExtraEnd}
        />
        <button type="submit">{t('extraAdd')}</button>
      </form>
      {error && (
        <p class="notice" role="alert">
          {error}
        </p>
      )}
      <ul class="exception-list">
        {settings.exceptions.map((e) => {
          const text =
            e.kind === 'skip'
              ? e.from === e.to
                ? t('exceptionSkipOne', formatDate(e.from, locale))
                : t('exceptionSkip', [formatDate(e.from, locale), formatDate(e.to, locale)])
              : t('exceptionExtra', [
                  formatDate(e.date, locale),
                  formatMinute(e.startMinute, locale),
                  formatMinute((e.startMinute + e.lengthMinutes) % 1440, locale),
                ]);
          return (
            <li key={e.id}>
              <span>{text}</span>
              <button
                type="button"
                aria-label={`${t('exceptionRemove')}: ${text}`}
                onClick={() =>
                  update((s) => ({ ...s, exceptions: s.exceptions.filter((x) => x.id !== e.id) }))
                }
              >
                {t('exceptionRemove')}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
