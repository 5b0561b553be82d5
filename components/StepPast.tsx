import { useState } from 'preact/hooks';
import { useCountdown } from '../hooks/use-countdown';
import { t } from '../utils/browser/i18n';
import type { StepPastAnswer } from '../utils/messages';
import type { Gentleness } from '../utils/settings';
import { GRANT_MINUTE_CHOICES, type StepPastError } from '../utils/step-past';

const ERRORS: Record<StepPastError, Parameters<typeof t>[0]> = {
  'reason-short': 'stepPastErrorReason',
  'not-active': 'stepPastErrorNotActive',
  'not-blocked': 'stepPastErrorNotBlocked',
  'budget-spent': 'stepPastBudgetSpent',
};

/** The gentle way past: the friction the parent chose for themselves, then the site for a while. */
export function StepPast({
  host,
  gentleness,
  left,
  onStepPast,
}: {
  host: string;
  gentleness: Gentleness;
  left: number;
  onStepPast: (reason: string, minutes: number, waitedSeconds: number) => Promise<StepPastAnswer>;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState(gentleness.grantMinutes);
  const [error, setError] = useState<StepPastError | null>(null);
  const countdown = useCountdown(gentleness.waitSeconds, open);

  if (left <= 0) return <p class="budget-spent">{t('stepPastBudgetSpent')}</p>;
  const leftText = left === 1 ? t('stepPastLeftOne') : t('stepPastLeft', String(left));
  if (!open) {
    return (
      <div class="step-past">
        <button type="button" class="quiet" onClick={() => setOpen(true)}>
          {t('stepPastOpen')}
        </button>
        <p class="muted small">{leftText}</p>
      </div>
    );
  }

  const minLength = gentleness.reasonRequired ? Math.max(1, gentleness.reasonMinLength) : 0;
  const ready = countdown.left === 0 && reason.trim().length >= minLength;
  const choices = [...new Set([...GRANT_MINUTE_CHOICES, gentleness.grantMinutes])].sort(
    (a, b) => a - b,
  );
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!ready) return;
    const answer = await onStepPast(reason, minutes, gentleness.waitSeconds);
    if (!answer.ok) setError(answer.error);
  };

  return (
    <form class="step-past open" onSubmit={submit} aria-labelledby="step-past-title">
      <h2 id="step-past-title">{t('stepPastTitle')}</h2>
      {gentleness.reasonRequired && (
        <p>
          <label for="step-past-reason">{t('stepPastReasonLabel')}</label>
          <textarea
            id="step-past-reason"
            rows={2}
            value={reason}
            aria-describedby="step-past-reason-hint"
            onInput={(e) => setReason(e.currentTarget.value)}
          />
          <span id="step-past-reason-hint" class="muted small">
            {t('stepPastReasonHint', String(minLength))}
          </span>
        </p>
      )}
      <fieldset>
        <legend>{t('stepPastMinutesLabel')}</legend>
        {choices.map((m) => (
          <label key={m} class="choice">
            <input
              type="radio"
              name="minutes"
              checked={minutes === m}
              onChange={() => setMinutes(m)}
            />
            {t('stepPastMinutes', String(m))}
          </label>
        ))}
      </fieldset>
      {countdown.left > 0 && (
        <p class="countdown" role="timer" aria-live="off">
          {t('stepPastWait', String(countdown.left))}
          {countdown.paused && ` ${t('stepPastWaitPaused')}`}
        </p>
      )}
      {error && (
        <p class="notice" role="alert">
          {t(ERRORS[error])}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={!ready}>
          {t('stepPastGo', [host, String(minutes)])}
        </button>
        <button type="button" class="quiet" onClick={() => setOpen(false)}>
          {t('stepPastCancel')}
        </button>
      </div>
      <p class="muted small">{leftText}</p>
    </form>
  );
}
