import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { type MessageKey, t } from '@/utils/browser/i18n';
import type { LooseningAnswer } from '@/utils/messages';
import type { Loosening } from '@/utils/settings/loosening';
import type { Gentleness } from '@/utils/settings/schema';
import { useFriction } from './FrictionFields';
import { looseningText } from './text/history';

const ERRORS: Record<Extract<LooseningAnswer, { ok: false }>['error'], MessageKey> = {
  'reason-short': 'stepPastErrorReason',
  'too-soon': 'trustStepPastTooSoon',
  // Sent with a reason, so never asked for again; said as the reason it lacks.
  'needs-friction': 'stepPastErrorReason',
  'settings-unreadable': 'trustSaveRefusedUnreadable',
  'settings-newer': 'trustSaveRefusedNewer',
};

/**
 * Loosening blocking during family time, with the same friction as ending it
 * early (the parent chose that): a modal dialog, so nothing else changes
 * meanwhile; Escape or "Keep things as they are" leaves everything as it was.
 */
export function LooseningFriction({
  what,
  gentleness,
  onConfirm,
  onCancel,
  onOpen,
}: {
  what: Loosening[];
  gentleness: Gentleness;
  onConfirm: (reason: string) => Promise<LooseningAnswer>;
  onCancel: () => void;
  onOpen: () => Promise<unknown>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const friction = useFriction(gentleness, 'loosen', onOpen);
  const [error, setError] = useState<MessageKey | null>(null);
  useLayoutEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      class="loosen"
      aria-labelledby="loosen-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!friction.ready) return;
          const answer = await onConfirm(friction.reason);
          if (!answer.ok) setError(ERRORS[answer.error]);
        }}
      >
        <h2 id="loosen-title">{t('trustLoosenTitle')}</h2>
        <p>{t('trustLoosenLead', looseningText(what))}</p>
        {friction.fields}
        {error && (
          <p class="notice" role="alert">
            {t(error)}
          </p>
        )}
        <div class="row">
          <button type="submit" disabled={!friction.ready}>
            {t('trustLoosenConfirm')}
          </button>
          <button type="button" class="quiet" onClick={onCancel}>
            {t('trustLoosenCancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
