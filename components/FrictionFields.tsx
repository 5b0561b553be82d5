import { useEffect, useState } from 'preact/hooks';
import { useCountdown } from '@/hooks/use-countdown';
import { t } from '@/utils/browser/i18n';
import type { Gentleness } from '@/utils/settings/schema';

export interface Friction {
  reason: string;
  ready: boolean;
  fields: preact.JSX.Element;
}

/**
 * The friction the parent chose for themselves: a few words on what needs
 * them, and a calm wait that only runs while the page is visible.
 */
export function useFriction(
  gentleness: Gentleness,
  idPrefix: string,
  onOpen: () => Promise<unknown>,
): Friction {
  const [reason, setReason] = useState('');
  // The background counts the wait from when it heard the form open: the page's count starts then too.
  const [heard, setHeard] = useState(false);
  useEffect(() => {
    void onOpen().then(() => setHeard(true));
  }, []);
  const countdown = useCountdown(gentleness.waitSeconds, heard);
  const minLength = gentleness.reasonRequired ? Math.max(1, gentleness.reasonMinLength) : 0;
  const ready = heard && countdown.left === 0 && reason.trim().length >= minLength;
  const fields = (
    <>
      {gentleness.reasonRequired && (
        <p>
          <label for={`${idPrefix}-reason`}>{t('stepPastReasonLabel')}</label>
          <textarea
            id={`${idPrefix}-reason`}
            rows={2}
            value={reason}
            aria-describedby={`${idPrefix}-reason-hint`}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
          <span id={`${idPrefix}-reason-hint`} class="muted small">
            {t('stepPastReasonHint', String(minLength))}
          </span>
        </p>
      )}
      {countdown.left > 0 && (
        <p class="countdown" role="timer" aria-live="off">
          {t('stepPastWait', String(countdown.left))}
          {countdown.paused && ` ${t('stepPastWaitPaused')}`}
        </p>
      )}
    </>
  );
  return { reason, ready, fields };
}
