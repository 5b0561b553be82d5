import { useState } from 'preact/hooks';
import { type MessageKey, t } from '@/utils/browser/i18n';
import {
  type DaysKind,
  daysKind,
  draftOfWindow,
  lengthBetween,
  type WindowFormError,
  windowFromDraft,
} from '@/utils/schedule/window-form';
import type { WeeklyWindow } from '@/utils/settings/schema';
import { parseTimeOfDay } from '@/utils/time/temporal';
import { DayChoices } from './DayChoices';
import { WindowErrors } from './WindowErrors';

const DAYS_WORDS: Record<Exclude<DaysKind, 'some'>, MessageKey> = {
  'every-day': 'firstRunDaysEveryDay',
  weekdays: 'firstRunDaysWeekdays',
  weekends: 'firstRunDaysWeekends',
};

/**
 * One window as a sentence ("Weekdays, from 6:00 PM to 8:30 PM") whose days
 * and times are edited in place. Each valid change is saved at once; an
 * invalid one says why and saves nothing.
 */
export function WindowSentence({
  window: stored,
  index,
  dayNames,
  onSave,
  onRemove,
}: {
  window: WeeklyWindow;
  /** 1, 2, …: names the group ("Window 2") so each control is told apart. */
  index: number;
  dayNames: string[];
  onSave: (window: WeeklyWindow) => void;
  onRemove?: () => void;
}) {
  const [draft, setDraft] = useState(() => draftOfWindow(stored));
  const [errors, setErrors] = useState<WindowFormError[]>([]);
  const [choosingDays, setChoosingDays] = useState(false);
  const id = `window-${index}`;

  const change = (next: Partial<typeof draft>) => {
    const merged = { ...draft, ...next };
    setDraft(merged);
    const result = windowFromDraft(merged, stored.id, Date.now());
    setErrors(result.ok ? [] : result.errors);
    if (result.ok) onSave(result.window);
  };

  const kind = daysKind(draft.days);
  const daysText =
    kind === 'some'
      ? draft.days.length === 0
        ? t('firstRunDaysNone')
        : [...draft.days]
            .sort()
            .map((d) => dayNames[d - 1])
            .join(', ')
      : t(DAYS_WORDS[kind]);
  const start = parseTimeOfDay(draft.start);
  const end = parseTimeOfDay(draft.end);
  const nextDay = start !== null && end !== null && lengthBetween(start, end) > 0 && end <= start;

  return (
    <fieldset class="window-sentence" data-window-id={stored.id}>
      <legend class="visually-hidden">{t('firstRunWindowName', String(index))}</legend>
      <p class="sentence">
        <span class="days-word">
          <button
            type="button"
            class="in-sentence"
            aria-expanded={choosingDays}
            aria-controls={`${id}-days`}
            onClick={() => setChoosingDays(!choosingDays)}
          >
            <span class="visually-hidden">{t('firstRunDaysChange')} </span>
            {daysText}
          </button>
          ,
        </span>
        <label for={`${id}-start`}>{t('firstRunFrom')}</label>
        <input
          id={`${id}-start`}
          type="time"
          value={draft.start}
          onInput={(e) => change({ start: e.currentTarget.value })}
        />
        <label for={`${id}-end`}>{t('firstRunTo')}</label>
        <input
          id={`${id}-end`}
          type="time"
          value={draft.end}
          aria-describedby={`${id}-hint`}
          onInput={(e) => change({ end: e.currentTarget.value })}
        />
        {onRemove && (
          <button
            type="button"
            class="quiet small-button"
            aria-label={t('firstRunWindowRemoveNamed', String(index))}
            onClick={onRemove}
          >
            {t('exceptionRemove')}
          </button>
        )}
      </p>
      <fieldset id={`${id}-days`} class="days" hidden={!choosingDays}>
        <legend>{t('windowDaysLabel')}</legend>
        <DayChoices dayNames={dayNames} days={draft.days} onChange={(days) => change({ days })} />
      </fieldset>
      <p id={`${id}-hint`} class="muted small">
        {nextDay ? t('windowEndsNextDay') : ''}
      </p>
      <WindowErrors errors={errors} />
    </fieldset>
  );
}
