import { useEffect, useState } from 'preact/hooks';
import { clearHistory, readHistory } from '../../utils/browser/history';
import { t } from '../../utils/browser/i18n';

/** The only place history can be removed: on purpose, with a second click. */
export function HistorySection() {
  const [count, setCount] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [said, setSaid] = useState('');
  const refresh = () => void readHistory().then((h) => setCount(h.length));
  useEffect(refresh, []);
  return (
    <section id="history" aria-labelledby="history-title">
      <h2 id="history-title">{t('historyTitle')}</h2>
      <p class="muted">{t('historyLead')}</p>
      {count !== null && <p>{t('historyCount', String(count))}</p>}
      {confirming ? (
        <button
          type="button"
          onClick={async () => {
            await clearHistory();
            setConfirming(false);
            setSaid(t('historyCleared'));
            refresh();
          }}
        >
          {t('historyClearConfirm')}
        </button>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('historyClear')}
        </button>
      )}
      <p role="status">{said}</p>
    </section>
  );
}
