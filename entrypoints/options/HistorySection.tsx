import { useEffect, useMemo, useState } from 'preact/hooks';
import { historyText } from '@/components/text/history';
import { clearHistory, readHistory } from '@/utils/browser/history-store';
import { t, uiLanguage } from '@/utils/browser/i18n';
import type { HistoryEntry } from '@/utils/history/entries';
import { groupByEvening, reflect } from '@/utils/history/week';
import { formatDate } from '@/utils/time/format';

/** Evenings shown at first; "Show earlier evenings" adds as many again. */
const EVENINGS_AT_A_TIME = 7;

/**
 * What happened, grouped by evening, newest first, each entry a short
 * sentence with its time; the only place history can be removed: on
 * purpose, with a second click.
 */
export function HistorySection({ timeZone }: { timeZone: string }) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [said, setSaid] = useState('');
  const [shown, setShown] = useState(EVENINGS_AT_A_TIME);
  const refresh = () => void readHistory().then(setEntries);
  useEffect(refresh, []);
  const locale = uiLanguage();
  // One formatter for every row: a new one per call costs more than the grouping.
  const clock = useMemo(
    () => new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }),
    [locale, timeZone],
  );
  const groups = useMemo(
    () => (entries ? groupByEvening(reflect({ entries, timeZone })) : []),
    [entries, timeZone],
  );
  return (
    <section id="history" aria-labelledby="history-title">
      <h2 id="history-title">{t('historyTitle')}</h2>
      <p class="muted">{t('historyLead')}</p>
      {entries !== null && <p>{t('historyCount', String(entries.length))}</p>}
      {groups.length > 0 && <h3>{t('historyRecent')}</h3>}
      {groups.slice(0, shown).map((group) => (
        <div class="history-evening" key={group.date}>
          <h4>{formatDate(group.date, locale)}</h4>
          <ol class="history">
            {group.entries.map((entry, i) => (
              <li key={`${entry.at}-${i}`}>
                <time dateTime={new Date(entry.at).toISOString()} class="muted">
                  {clock.format(entry.at).replace(/ /g, '\u00a0')}
                </time>{' '}
                {historyText(entry, timeZone, locale)}
              </li>
            ))}
          </ol>
        </div>
      ))}
      {groups.length > shown && (
        <button type="button" onClick={() => setShown(shown + EVENINGS_AT_A_TIME)}>
          {t('yourWeekHistoryShowMore')}
        </button>
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
