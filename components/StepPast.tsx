import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { type MessageKey, t } from '@/utils/browser/i18n';
import type { StepPastAnswer } from '@/utils/messages';
import { offeredMinutes, type StepPastError } from '@/utils/runtime/step-past';
import type { Gentleness } from '@/utils/settings/schema';
import { Radio } from './Choice';
import { useFriction } from './FrictionFields';

const ERRORS: Record<StepPastError, MessageKey> = {
  'reason-short': 'stepPastErrorReason',
  'not-active': 'stepPastErrorNotActive',
  'not-blocked': 'stepPastErrorNotBlocked',
  'budget-spent': 'stepPastBudgetSpent',
  'too-soon': 'trustStepPastTooSoon',
  'minutes-not-offered': 'trustStepPastNotOffered',
};

type Props = {
  host: string;
  gentleness: Gentleness;
  left: number;
  onStepPast: (reason: string, minutes: number) => Promise<StepPastAnswer>;
  /** Tells the background the form opened (it counts the calm wait from then). */
  onOpen: () => Promise<unknown>;
};

/** The gentle way past: the friction the parent chose for themselves, then the site for a while. */
export function StepPast(props: Props) {
  const [open, setOpen] = useState(false);
  // Opening and closing the form replaces the focused button: focus follows, never to the page top.
  const opener = useRef<HTMLButtonElement>(null);
  const closedByCancel = useRef(false);
  useLayoutEffect(() => {
    if (!open && closedByCancel.current) {
      closedByCancel.current = false;
      opener.current?.focus();
    }
  }, [open]);
  const { left } = props;
  if (left <= 0) return <p class="budget-spent">{t('stepPastBudgetSpent')}</p>;
  const leftText = left === 1 ? t('stepPastLeftOne') : t('stepPastLeft', String(left));
  if (!open) {
    return (
      <div class="step-past">
        <button ref={opener} type="button" class="quiet" onClick={() => setOpen(true)}>
          {t('stepPastOpen')}
        </button>
        <p class="muted small">{leftText}</p>
      </div>
    );
  }
  const cancel = () => {
    closedByCancel.current = true;
    setOpen(false);
  };
  return <StepPastForm {...props} leftText={leftText} onCancel={cancel} />;
}

function StepPastForm({
  host,
  gentleness,
  onStepPast,
  onOpen,
  leftText,
  onCancel,
}: Props & { leftText: string; onCancel: () => void }) {
  const friction = useFriction(gentleness, 'step-past', onOpen);
  const [minutes, setMinutes] = useState(gentleness.grantMinutes);
  const [error, setError] = useState<StepPastError | null>(null);
  const form = useRef<HTMLFormElement>(null);
  // The form's first field takes focus as it opens: the reason, or the chosen minutes.
  // Before paint, so there is no moment where the form shows and nothing has focus.
  useLayoutEffect(() => {
    form.current?.querySelector<HTMLElement>('textarea, input:checked')?.focus();
  }, []);
  const choices = offeredMinutes(gentleness);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!friction.ready) return;
    const answer = await onStepPast(friction.reason, minutes);
    if (!answer.ok) setError(answer.error);
  };
  return (
    <form ref={form} class="step-past open" onSubmit={submit} aria-labelledby="step-past-title">
      <h2 id="step-past-title">{t('stepPastTitle')}</h2>
      {friction.fields}
      <fieldset>
        <legend>{t('stepPastMinutesLabel')}</legend>
        {choices.map((m) => (
          <Radio
            key={m}
            label={m === 1 ? t('stepPastMinuteOne') : t('stepPastMinutes', String(m))}
            name="minutes"
            checked={minutes === m}
            onSelect={() => setMinutes(m)}
          />
        ))}
      </fieldset>
      {error && (
        <p class="notice" role="alert">
          {t(ERRORS[error])}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={!friction.ready}>
          {minutes === 1 ? t('stepPastGoOne', host) : t('stepPastGo', [host, String(minutes)])}
        </button>
        <button type="button" class="quiet" onClick={onCancel}>
          {t('stepPastCancel')}
        </button>
      </div>
      <p class="muted small">{leftText}</p>
    </form>
  );
}
