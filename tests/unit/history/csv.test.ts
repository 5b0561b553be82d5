import { describe, expect, test } from 'vitest';
import { CSV_COLUMNS, csvField, historyCsv, isoLocal } from '@/utils/history/csv';
import type { HistoryEntry } from '@/utils/history/entries';
import { wall } from '../support/time';

const HEADERS = Object.fromEntries(CSV_COLUMNS.map((c) => [c, c])) as Record<
  (typeof CSV_COLUMNS)[number],
  string
>;

/** A small RFC 4180 reader, written apart from the writer, to read the file back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('csv fields', () => {
  test('plain text stays plain', () => expect(csvField('bath time')).toBe('bath time'));
  test('commas, quotes and line breaks are quoted, quotes doubled', () => {
    expect(csvField('call, then "bath"')).toBe('"call, then ""bath"""');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });
  test('what a spreadsheet would run as a formula is kept as text', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});

describe('the whole export', () => {
  const timeZone = 'Europe/Berlin';
  const reasons = [
    'on call, sorry',
    'she said "just 5"',
    'line\nbreak',
    '<b>markup</b> & <script>x</script>',
  ];
  const entries: HistoryEntry[] = reasons.map((reason, i) => ({
    type: 'step-past',
    at: wall(timeZone, `2026-10-25T0${i}:30`),
    grantId: `g${i}`,
    host: 'slack.com',
    pattern: 'slack.com',
    reason,
    waitedSeconds: 20,
    minutesGranted: 10,
  }));
  entries.push({
    type: 'kept',
    at: wall(timeZone, '2026-10-25T04:00'),
    start: wall(timeZone, '2026-10-24T22:00'),
    end: wall(timeZone, '2026-10-25T04:00'),
  });

  test('one row per entry, reasons read back exactly, markup as text', () => {
    const rows = parseCsv(historyCsv(entries, timeZone, HEADERS));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(entries.length + 1);
    expect(rows.slice(1, 5).map((r) => r[3])).toEqual(reasons);
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
  });

  test('times are ISO local with their offset, so the repeated autumn hour is clear', () => {
    const first = wall(timeZone, '2026-10-25T02:30', 'earlier');
    const second = wall(timeZone, '2026-10-25T02:30', 'later');
    expect(isoLocal(first, timeZone)).toBe('2026-10-25T02:30:00+02:00');
    expect(isoLocal(second, timeZone)).toBe('2026-10-25T02:30:00+01:00');
    const rows = parseCsv(historyCsv(entries, timeZone, HEADERS));
    expect(rows[5]?.slice(7)).toEqual(['2026-10-24T22:00:00+02:00', '2026-10-25T04:00:00+01:00']);
  });
});
