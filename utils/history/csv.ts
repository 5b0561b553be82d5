import type { HistoryEntry } from '@/utils/history/entries';
import { zoned } from '@/utils/time/temporal';

/**
 * The record as CSV (RFC 4180): one row per entry, ISO local times with
 * their offset (so the repeated autumn hour stays unambiguous), the
 * parent's reasons as they wrote them. Every field is plain text to a
 * spreadsheet: one that would start a formula (=, +, -, @, tab, CR) is
 * prefixed with an apostrophe, and fields holding a comma, quote or line
 * break are quoted with quotes doubled.
 */
export const CSV_COLUMNS = [
  'time',
  'type',
  'site',
  'reason',
  'minutesGranted',
  'minutesUsed',
  'address',
  'start',
  'end',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

export function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function isoLocal(at: number, timeZone: string): string {
  return zoned(at, timeZone).toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

function row(entry: HistoryEntry, timeZone: string): Record<CsvColumn, string> {
  const out: Record<CsvColumn, string> = {
    time: isoLocal(entry.at, timeZone),
    type: entry.type,
    site: '',
    reason: '',
    minutesGranted: '',
    minutesUsed: '',
    address: '',
    start: '',
    end: '',
  };
  switch (entry.type) {
    case 'blocked':
    case 'budget-spent':
      out.site = entry.host;
      break;
    case 'step-past':
      out.site = entry.host;
      out.reason = entry.reason;
      out.minutesGranted = String(entry.minutesGranted);
      break;
    case 'step-past-ended':
      out.minutesUsed = String(entry.minutesUsed);
      break;
    case 'saved':
    case 'reopened':
      out.address = entry.url;
      break;
    case 'kept':
      out.start = isoLocal(entry.start, timeZone);
      out.end = isoLocal(entry.end, timeZone);
      break;
    case 'ended-early':
      out.reason = entry.reason;
      out.start = entry.start === null ? '' : isoLocal(entry.start, timeZone);
      out.end = isoLocal(entry.plannedEnd, timeZone);
      break;
  }
  return out;
}

/** The whole CSV text; `headers` are the column titles in the parent's language. */
export function historyCsv(
  entries: readonly HistoryEntry[],
  timeZone: string,
  headers: Record<CsvColumn, string>,
): string {
  const lines = [CSV_COLUMNS.map((c) => csvField(headers[c])).join(',')];
  for (const entry of entries) {
    const r = row(entry, timeZone);
    lines.push(CSV_COLUMNS.map((c) => csvField(r[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
