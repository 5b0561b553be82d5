import { useState } from 'preact/hooks';
import { t } from '@/utils/browser/i18n';
import { send } from '@/utils/browser/messaging';

/** Step 5: the real reminder, with their photo and note, as a preview in a new tab. */
export function TryStep({ onTried, onAddSite }: { onTried: () => void; onAddSite: () => void }) {
  const [noSite, setNoSite] = useState(false);
  const [busy, setBusy] = useState(false);
  const tryIt = async () => {
    setBusy(true);
    try {
      const answer = await send({ type: 'startPreview' });
      setNoSite(!answer.ok);
      if (answer.ok) onTried();
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p>{t('firstRunTryLead')}</p>
      <p class="muted">{t('firstRunTryNothingCounted')}</p>
      <p>
        <button type="button" class="primary big" disabled={busy} onClick={tryIt}>
          {t('firstRunTryButton')}
        </button>
      </p>
      <div role="status">
        {noSite && (
          <p class="notice">
            {t('firstRunTryNoSite')}{' '}
            <button type="button" class="link" onClick={onAddSite}>
              {t('firstRunTryAddSite')}
            </button>
          </p>
        )}
      </div>
    </>
  );
}
