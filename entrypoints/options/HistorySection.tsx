import { useEffect, useState } from 'preact/hooks';
import { historyText } from '@/components/text/history';
import { clearHistory, readHistory } from '@/utils/browser/history-store';
import { t, uiLanguage } from '@/utils/browser/i18n';
import type { HistoryEntry } from '@/utils/history/entries';
import { formatClock, formatWeekday } from '@/utils/time/format';

const RECENT = 20;

/** What happened, newest first; the only place history can be removed: on purpose, with a second click. */
export function HistorySection({ timeZone }: { timeZone: string }) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [said, setSaid] = useState('');
  const refresh = () => void readHistory().then(setEntries);
  useEffect(refresh, []);
  const locale = uiLanguage();
  const recent = (entries ?? []).slice(-RECENT).reverse();
  return (
    <section id="history" aria-labelledby="history-title">
      <h2 id="history-title">{t('historyTitle')}</h2>
      <p class="muted">{t('historyLead')}</p>
      {entries !== null && <p>{t('historyCount', String(entries.length))}</p>}
      {recent.length > 0 && (
        <>
          <h3>{t('historyRecent')}</h3>
          <ol class="history">
            {recent.map((entry, i) => (
              <li key={`${entry.at}-${i}`}>
                <time dateTime={new Date(entry.at).toISOString()} class="muted">
                  {formatWeekday(entry.at, timeZone, locale)}{' '}
                  {formatClock(entry.at, timeZone, locale)}
                </time>{' '}
                {historyText(entry, timeZone, locale)}
              </li>
            ))}
          </ol>
        </>
      )}
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
