import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { Checkbox } from '@/components/Choice';
import { comparisonText, duration, suggestionText, weekHeadline } from '@/components/text/week';
import { WeekPicture } from '@/components/WeekPicture';
import { useRecord, useWeeklyNote } from '@/hooks/use-record';
import { readHistory } from '@/utils/browser/history-store';
import { t } from '@/utils/browser/i18n';
import { CSV_COLUMNS, type CsvColumn, historyCsv } from '@/utils/history/csv';
import { suggestionFor } from '@/utils/history/suggestions';
import {
  compareWeeks,
  recentWeeks,
  reflect,
  summarizeWeek,
  WEEKS_SHOWN,
  type WeekSummary,
} from '@/utils/history/week';
import type { Note } from '@/utils/settings/schema';
import { formatDate, formatMinute, weekdayNames } from '@/utils/time/format';
import { formatMinuteOfDay, parseTimeOfDay } from '@/utils/time/temporal';

const CSV_HEADERS: Record<CsvColumn, Parameters<typeof t>[0]> = {
  time: 'yourWeekCsvTime',
  type: 'yourWeekCsvType',
  site: 'yourWeekCsvSite',
  reason: 'yourWeekCsvReason',
  minutesGranted: 'yourWeekCsvGranted',
  minutesUsed: 'yourWeekCsvUsed',
  address: 'yourWeekCsvAddress',
  start: 'yourWeekCsvStart',
  end: 'yourWeekCsvEnd',
};

const SETTING_HREF = {
  sites: '#sites',
  'heads-up': '#heads-up',
  gentleness: '#gentleness',
} as const;

/**
 * User-timing names `npm run bench` reads: from the record arriving (or a
 * page turn) to the week being in the DOM, maths and render together.
 */
export const TIMING = { start: 'hearth:your-week:start', done: 'hearth:your-week' } as const;

/**
 * A reflection on the evenings kept, built from the honest record: what was
 * kept, first. Loaded after the page's first content (YourWeekSection.tsx),
 * so the rest of the settings page never waits for it.
 */
export function YourWeekContent({
  timeZone,
  locale,
  notes,
}: {
  timeZone: string;
  locale: string;
  notes: Note[];
}) {
  const entries = useRecord(WEEKS_SHOWN, timeZone, () => performance.mark(TIMING.start));
  const [page, setPageState] = useState(0);
  const setPage = (next: number) => {
    performance.mark(TIMING.start);
    setPageState(next);
  };
  const weeks = useMemo(() => recentWeeks(Date.now(), timeZone, WEEKS_SHOWN), [timeZone]);
  const reflection = useMemo(
    () =>
      entries &&
      reflect({
        entries,
        timeZone,
        noteDates: notes.flatMap((n) => (n.kind === 'tonight' && n.date ? [n.date] : [])),
      }),
    [entries, timeZone, notes],
  );
  const weekStart = weeks[page] as string;
  const week = useMemo(
    () => (reflection ? summarizeWeek(reflection, weekStart) : null),
    [reflection, weekStart],
  );
  const before = useMemo(
    () =>
      reflection && page + 1 < WEEKS_SHOWN
        ? summarizeWeek(reflection, weeks[page + 1] as string)
        : null,
    [reflection, page, weeks],
  );
  const last = Temporal.PlainDate.from(weekStart).add({ days: 6 }).toString();
  useLayoutEffect(() => {
    if (week && performance.getEntriesByName(TIMING.start).length > 0) {
      performance.measure(TIMING.done, TIMING.start);
      performance.clearMarks(TIMING.start);
    }
  }, [week]);
  return (
    <>
      <div class="week-pager">
        <button type="button" disabled={page + 1 >= WEEKS_SHOWN} onClick={() => setPage(page + 1)}>
          {t('yourWeekEarlier')}
        </button>
        <h3 id="your-week-range" aria-live="polite">
          {t('yourWeekRange', [formatDate(weekStart, locale), formatDate(last, locale)])}
        </h3>
        <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
          {t('yourWeekLater')}
        </button>
      </div>
      {week === null ? (
        <p class="muted">{t('yourWeekLoading')}</p>
      ) : (
        <WeekBody week={week} before={before} timeZone={timeZone} locale={locale} />
      )}
      <WeeklyNoteControls locale={locale} />
      <Export timeZone={timeZone} />
    </>
  );
}

function WeekBody({
  week,
  before,
  timeZone,
  locale,
}: {
  week: WeekSummary;
  before: WeekSummary | null;
  timeZone: string;
  locale: string;
}) {
  const compared = comparisonText(compareWeeks(week, before));
  const suggestion = suggestionFor(week, timeZone);
  const shortNames = weekdayNames(locale);
  const longNames = weekdayNames(locale, 'long');
  const dayText = week.days.map((d, i) =>
    t('yourWeekDayDesc', [
      longNames[i] as string,
      String(d.familyMinutes),
      String(d.steppedPastMinutes),
    ]),
  );
  // One formatter for every time in the week: a new one per call costs more than the week's maths.
  const when = useMemo(() => {
    const f = new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: 'numeric',
      minute: '2-digit',
    });
    return (at: number) => f.format(at).replace(/ /g, '\u00a0');
  }, [locale, timeZone]);
  const reachedIn = week.reached.length + week.stepPasts.length + week.endedEarly.length > 0;
  return (
    <>
      <p class="week-headline">
        <strong>{weekHeadline(week)}</strong>
      </p>
      {week.evenings > 0 && (
        <ul class="week-facts">
          <li>{t('yourWeekProtected', duration(week.minutesProtected))}</li>
          {week.notes > 0 && (
            <li>
              {week.notes === 1 ? t('yourWeekNotesOne') : t('yourWeekNotes', String(week.notes))}
            </li>
          )}
          {week.saved + week.reopened > 0 && (
            <li>{t('yourWeekSaved', [String(week.saved), String(week.reopened)])}</li>
          )}
        </ul>
      )}
      {compared && <p>{compared}</p>}
      <figure class="week-figure">
        <WeekPicture
          id="your-week-picture"
          days={week.days}
          text={{
            title: t('yourWeekPictureTitle'),
            desc: t('yourWeekPictureDesc', dayText.join(' ')),
            dayText,
            dayNames: shortNames,
            barLabel: week.days.map((d) => (d.familyMinutes > 0 ? duration(d.familyMinutes) : '')),
          }}
        />
        <figcaption class="week-legend" aria-hidden="true">
          <span class="swatch family" /> {t('yourWeekLegendFamily')} <span class="swatch stepped" />{' '}
          {t('yourWeekLegendStepped')}
        </figcaption>
      </figure>
      <table class="week-table">
        <caption>{t('yourWeekTableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('yourWeekTableDay')}</th>
            <th scope="col">{t('yourWeekTableFamily')}</th>
            <th scope="col">{t('yourWeekTableStepped')}</th>
            <th scope="col">{t('yourWeekTableKept')}</th>
          </tr>
        </thead>
        <tbody>
          {week.days.map((d) => (
            <tr key={d.date}>
              <th scope="row">{formatDate(d.date, locale)}</th>
              <td>{d.familyMinutes}</td>
              <td>{d.steppedPastMinutes}</td>
              <td>
                {d.hadFamilyTime
                  ? d.kept
                    ? t('yourWeekYes')
                    : t('yourWeekNo')
                  : t('yourWeekNone')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('yourWeekReachedTitle')}</h3>
      {!reachedIn && <p>{t('yourWeekReachedNothing')}</p>}
      {week.reached.length > 0 && (
        <>
          <h4>{t('yourWeekSitesTitle')}</h4>
          <ul class="week-sites">
            {week.reached.map((r) => (
              <li key={r.host}>
                {r.count === 1
                  ? t('yourWeekSiteOnce', r.host)
                  : t('yourWeekSiteTimes', [r.host, String(r.count)])}
              </li>
            ))}
          </ul>
        </>
      )}
      {week.stepPasts.length > 0 && (
        <>
          <h4>{t('yourWeekStepPastsTitle')}</h4>
          <ul class="week-step-pasts">
            {week.stepPasts.map((s) => (
              <li key={`${s.at}-${s.host}`}>
                {s.minutesUsed === null
                  ? t('yourWeekStepPastOpen', [
                      when(s.at),
                      s.host,
                      s.reason,
                      String(s.minutesGranted),
                    ])
                  : t('yourWeekStepPast', [
                      when(s.at),
                      s.host,
                      s.reason,
                      String(s.minutesGranted),
                      String(s.minutesUsed),
                    ])}
              </li>
            ))}
          </ul>
        </>
      )}
      {week.endedEarly.length > 0 && (
        <>
          <h4>{t('yourWeekEndedTitle')}</h4>
          <ul class="week-ended">
            {week.endedEarly.map((e) => (
              <li key={e.at}>
                {e.reason
                  ? t('yourWeekEnded', [when(e.at), String(e.minutesLeft), e.reason])
                  : t('yourWeekEndedNoReason', [when(e.at), String(e.minutesLeft)])}
              </li>
            ))}
          </ul>
        </>
      )}
      {suggestion && (
        <div class="week-thought">
          <h3>{t('yourWeekThoughtTitle')}</h3>
          {(() => {
            const { text, link } = suggestionText(
              suggestion,
              suggestion.kind === 'early-reach' ? formatMinute(suggestion.noteAt, locale) : '',
            );
            return (
              <p>
                {text} <a href={SETTING_HREF[suggestion.setting]}>{link}</a>
              </p>
            );
          })()}
        </div>
      )}
    </>
  );
}

function WeeklyNoteControls({ locale }: { locale: string }) {
  const [note, save] = useWeeklyNote();
  const [timeText, setTimeText] = useState<string | null>(null);
  if (!note) return null;
  const names = weekdayNames(locale, 'long');
  const shown = timeText ?? formatMinuteOfDay(note.minute);
  const bad = timeText !== null && parseTimeOfDay(timeText) === null;
  return (
    <fieldset class="week-note">
      <legend>{t('yourWeekNoteTitle')}</legend>
      <Checkbox
        label={t('yourWeekNoteEnabled')}
        checked={note.enabled}
        onChange={(enabled) => save({ ...note, enabled })}
      />
      <span class="field">
        <label for="week-note-day">{t('yourWeekNoteDay')}</label>
        <select
          id="week-note-day"
          value={String(note.weekday)}
          onChange={(e) => save({ ...note, weekday: Number(e.currentTarget.value) })}
        >
          {names.map((name, i) => (
            <option key={name} value={String(i + 1)}>
              {name}
            </option>
          ))}
        </select>
      </span>
      <span class="field">
        <label for="week-note-time">{t('yourWeekNoteTime')}</label>
        <input
          id="week-note-time"
          type="time"
          value={shown}
          aria-invalid={bad}
          aria-describedby={bad ? 'week-note-time-problem' : undefined}
          onInput={(e) => {
            const text = e.currentTarget.value;
            setTimeText(text);
            const minute = parseTimeOfDay(text);
            if (minute !== null) save({ ...note, minute });
          }}
        />
      </span>
      {bad && (
        <p id="week-note-time-problem" class="notice">
          {t('yourWeekNoteBadTime')}
        </p>
      )}
      <p class="muted">{t('yourWeekNoteHere')}</p>
    </fieldset>
  );
}

function Export({ timeZone }: { timeZone: string }) {
  const [said, setSaid] = useState('');
  const download = async () => {
    const entries = await readHistory();
    const headers = Object.fromEntries(CSV_COLUMNS.map((c) => [c, t(CSV_HEADERS[c])])) as Record<
      CsvColumn,
      string
    >;
    const blob = new Blob([historyCsv(entries, timeZone, headers)], {
      type: 'text/csv;charset=utf-8',
    });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `hearth-record-${Temporal.Now.plainDateISO(timeZone).toString()}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setSaid(t('yourWeekExported', String(entries.length)));
  };
  return (
    <div class="week-export">
      <h3>{t('yourWeekExportTitle')}</h3>
      <button type="button" onClick={() => void download()}>
        {t('yourWeekExport')}
      </button>
      <p role="status">{said}</p>
    </div>
  );
}
