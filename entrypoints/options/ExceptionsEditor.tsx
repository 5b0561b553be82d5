import { useState } from 'preact/hooks';
import { Field } from '@/components/Field';
import type { UpdateSettings } from '@/hooks/use-settings-editor';
import { t } from '@/utils/browser/i18n';
import type { Status } from '@/utils/messages';
import { windowFromDraft } from '@/utils/schedule/window-form';
import type { DateException, Settings } from '@/utils/settings/schema';
import { formatDate, formatMinute } from '@/utils/time/format';
import { zoned } from '@/utils/time/temporal';

/** Dated exceptions: "not tonight", a holiday, one more window on one date. */
export function ExceptionsEditor({
  settings,
  update,
  locale,
  timeZone,
  status,
}: {
  settings: Settings;
  update: UpdateSettings;
  locale: string;
  timeZone: string;
  status: Status | null;
}) {
  const today = zoned(Date.now(), timeZone).toPlainDate().toString();
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [extraDate, setExtraDate] = useState(today);
  const [extraStart, setExtraStart] = useState('10:00');
  const [extraEnd, setExtraEnd] = useState('12:00');
  const [error, setError] = useState('');
  const add = (e: DateException) => {
    setError('');
    update((s) => ({ ...s, exceptions: [...s.exceptions, e] }));
  };
  // "Tonight" is the date of the family time that is on, or the next one today.
  const tonight =
    status?.active && status.since !== null
      ? zoned(status.since, timeZone).toPlainDate().toString()
      : today;
  const tonightSkipped = settings.exceptions.some(
    (e) => e.kind === 'skip' && e.from <= tonight && tonight <= e.to,
  );

  const skip = (event: Event) => {
    event.preventDefault();
    if (!from || !to || to < from) return setError(t('exceptionErrorDates'));
    add({ id: crypto.randomUUID(), kind: 'skip', from, to, updatedAt: Date.now() });
  };
  const extra = (event: Event) => {
    event.preventDefault();
    const result = windowFromDraft(
      { days: [1], start: extraStart, end: extraEnd, label: '', enabled: true },
      'x',
      0,
    );
    if (!extraDate) return setError(t('exceptionErrorDate'));
    if (!result.ok)
      return setError(
        result.errors.includes('zero-length')
          ? t('windowErrorZeroLength')
          : t('windowErrorBadStart'),
      );
    add({
      id: crypto.randomUUID(),
      kind: 'extra',
      date: extraDate,
      startMinute: result.window.startMinute,
      lengthMinutes: result.window.lengthMinutes,
      label: '',
      updatedAt: Date.now(),
    });
  };

  return (
    <div class="exceptions">
      <h3>{t('exceptionsTitle')}</h3>
      <button
        type="button"
        disabled={tonightSkipped}
        onClick={() =>
          add({
            id: crypto.randomUUID(),
            kind: 'skip',
            from: tonight,
            to: tonight,
            updatedAt: Date.now(),
          })
        }
      >
        {t('notTonight')}
      </button>
      {tonightSkipped && <span class="muted"> {t('notTonightDone')}</span>}
      <form class="row" onSubmit={skip}>
        <Field
          id="skip-from"
          label={t('skipFromLabel')}
          type="date"
          value={from}
          onValue={setFrom}
        />
        <Field id="skip-to" label={t('skipToLabel')} type="date" value={to} onValue={setTo} />
        <button type="submit">{t('skipAdd')}</button>
      </form>
      <form class="row" onSubmit={extra}>
        <Field
          id="extra-date"
          label={t('extraDateLabel')}
          type="date"
          value={extraDate}
          onValue={setExtraDate}
        />
        <Field
          id="extra-start"
          label={t('extraStartLabel')}
          type="time"
          value={extraStart}
          onValue={setExtraStart}
        />
        <Field
          id="extra-end"
          label={t('extraEndLabel')}
          type="time"
          value={extraEnd}
          onValue={setExtraEnd}
        />
        <button type="submit">{t('extraAdd')}</button>
      </form>
      {error && (
        <p class="notice" role="alert">
          {error}
        </p>
      )}
      <ul class="exception-list">
        {settings.exceptions.map((e) => {
          const text =
            e.kind === 'skip'
              ? e.from === e.to
                ? t('exceptionSkipOne', formatDate(e.from, locale))
                : t('exceptionSkip', [formatDate(e.from, locale), formatDate(e.to, locale)])
              : t('exceptionExtra', [
                  formatDate(e.date, locale),
                  formatMinute(e.startMinute, locale),
                  formatMinute((e.startMinute + e.lengthMinutes) % 1440, locale),
                ]);
          return (
            <li key={e.id}>
              <span>{text}</span>
              <button
                type="button"
                aria-label={`${t('exceptionRemove')}: ${text}`}
                onClick={() =>
                  update((s) => ({ ...s, exceptions: s.exceptions.filter((x) => x.id !== e.id) }))
                }
              >
                {t('exceptionRemove')}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
