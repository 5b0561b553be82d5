import { t } from '@/utils/browser/i18n';
import type { Gentleness } from '@/utils/settings/schema';
import { useFriction } from './FrictionFields';

/** Ending early, with the same friction as stepping past when the parent asked for it. */
export function EndEarly({
  gentleness,
  onEnd,
  onCancel,
  onOpen,
}: {
  gentleness: Gentleness;
  /** Tells the background the form opened (it counts the calm wait from then). */
  onOpen: () => Promise<unknown>;
  onEnd: (reason: string) => void;
  onCancel: () => void;
}) {
  const friction = useFriction(gentleness, 'end-early', onOpen);
  return (
    <form
      class="end-early"
      aria-labelledby="end-early-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (friction.ready) onEnd(friction.reason);
      }}
    >
      <h2 id="end-early-title">{t('endEarlyTitle')}</h2>
      {friction.fields}
      <div class="row">
        <button type="submit" disabled={!friction.ready}>
          {t('endEarlyConfirm')}
        </button>
        <button type="button" class="quiet" onClick={onCancel}>
          {t('endEarlyCancel')}
        </button>
      </div>
    </form>
  );
}
