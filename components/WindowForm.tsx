import { useState } from 'preact/hooks';
import { t } from '@/utils/browser/i18n';
import {
  lengthBetween,
  type WindowDraft,
  type WindowFormError,
} from '@/utils/schedule/window-form';
import { parseTimeOfDay } from '@/utils/time/temporal';
import { Checkbox } from './Choice';
import { DayChoices } from './DayChoices';
import { WindowErrors } from './WindowErrors';

/** What each window error says, on every page that edits a window. */

/** One window's form: days, start, end, name; usable by keyboard alone. */
export function WindowForm({
  initial,
  isNew,
  dayNames,
  onSave,
  onDelete,
  onCancel,
}: {
  initial: WindowDraft;
  isNew: boolean;
  dayNames: string[];
  onSave: (draft: WindowDraft) => WindowFormError[];
  onDelete: () => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<WindowFormError[]>([]);
  const set = (change: Partial<WindowDraft>) => setDraft({ ...draft, ...change });
  const start = parseTimeOfDay(draft.start);
  const end = parseTimeOfDay(draft.end);
  const nextDay = start !== null && end !== null && lengthBetween(start, end) > 0 && end <= start;
  const submit = (event: Event) => {
    event.preventDefault();
    setErrors(onSave(draft));
  };
  return (
    <form class="window-form" onSubmit={submit} aria-labelledby="window-form-title">
      <h3 id="window-form-title">{isNew ? t('windowFormTitleNew') : t('windowFormTitleEdit')}</h3>
      <label for="window-label">{t('windowLabelLabel')}</label>
      <input
        id="window-label"
        type="text"
        maxLength={80}
        value={draft.label}
        placeholder={t('windowLabelPlaceholder')}
        onInput={(e) => set({ label: e.currentTarget.value })}
      />
      <fieldset>
        <legend>{t('windowDaysLabel')}</legend>
        <DayChoices dayNames={dayNames} days={draft.days} onChange={(days) => set({ days })} />
      </fieldset>
      <div class="row">
        <span>
          <label for="window-start">{t('windowStartLabel')}</label>
          <input
            id="window-start"
            type="time"
            value={draft.start}
            onInput={(e) => set({ start: e.currentTarget.value })}
          />
        </span>
        <span>
          <label for="window-end">{t('windowEndLabel')}</label>
          <input
            id="window-end"
            type="time"
            value={draft.end}
            aria-describedby="window-end-hint"
            onInput={(e) => set({ end: e.currentTarget.value })}
          />
        </span>
        <Checkbox
          label={t('windowEnabledLabel')}
          checked={draft.enabled}
          onChange={(enabled) => set({ enabled })}
        />
      </div>
      <p id="window-end-hint" class="muted small">
        {nextDay ? t('windowEndsNextDay') : ''}
      </p>
      <WindowErrors errors={errors} />
      <div class="row">
        <button type="submit" class="primary">
          {t('windowSave')}
        </button>
        {!isNew && (
          <button type="button" onClick={onDelete}>
            {t('windowDelete')}
          </button>
        )}
        <button type="button" class="quiet" onClick={onCancel}>
          {t('windowCancel')}
        </button>
      </div>
    </form>
  );
}
