import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { scheduleAt } from '@/utils/schedule/schedule';
import { makeNote, notesFor, noteTargetDate } from '@/utils/settings/notes';
import { readSettings } from '@/utils/settings/read';
import {
  defaultSettings,
  NOTE_MAX_LENGTH,
  type Note,
  NoteSchema,
  type Settings,
} from '@/utils/settings/schema';
import { EVERY_DAY, NO_MANUAL, SAT, SUN, settingsWith, weekly } from '../support/settings';
import { wall, zonesWithSystem } from '../support/time';

// 2025-06-02 is a Monday. Default settings: weekdays 18:00-20:30.
const EVENINGS = defaultSettings();
/** Every night 21:30 until 06:00 the next morning. */
const NIGHTS = settingsWith([weekly(EVERY_DAY, '21:30', 510)]);

let nextId = 0;

/** A note as the parent writes it at `now`, through makeNote, failing loudly if refused. */
function write(
  settings: Settings,
  zone: string,
  now: number,
  text: string,
  kind: Note['kind'] = 'tonight',
): Note {
  const schedule = scheduleAt(settings, NO_MANUAL, now, zone);
  const made = makeNote({ id: `n-${++nextId}`, text, kind, child: '' }, schedule, now, zone);
  if (!made.ok) throw new Error(`note refused: ${made.error}`);
  return made.note;
}

/** The texts the reminder shows at `now`, in order. */
function shown(settings: Settings, zone: string, notes: Note[], now: number): string[] {
  return notesFor(notes, scheduleAt(settings, NO_MANUAL, now, zone), now, zone).map((n) => n.text);
}

describe.each(zonesWithSystem())('notes in %s', (zone) => {
  const at = (t: string) => wall(zone, t);

  test('a "tonight" note written at 08:40 is for today\'s 18:00 window', () => {
    const note = write(EVENINGS, zone, at('2025-06-02T08:40'), 'Ask Mia about the play');
    expect(note.date).toBe('2025-06-02');
    expect(shown(EVENINGS, zone, [note], at('2025-06-02T18:00'))).toEqual([
      'Ask Mia about the play',
    ]);
    expect(shown(EVENINGS, zone, [note], at('2025-06-02T20:29'))).toEqual([
      'Ask Mia about the play',
    ]);
  });

  test('it is not shown the next evening, nor before the one after', () => {
    const note = write(EVENINGS, zone, at('2025-06-02T08:40'), 'Ask Mia about the play');
    expect(shown(EVENINGS, zone, [note], at('2025-06-03T19:00'))).toEqual([]);
    // After tonight's window the popup looks ahead to tomorrow's: not this note.
    expect(shown(EVENINGS, zone, [note], at('2025-06-02T21:00'))).toEqual([]);
  });

  test('written after tonight\'s window ended, "tonight" means the next one', () => {
    const note = write(EVENINGS, zone, at('2025-06-02T21:00'), 'Pancakes tomorrow');
    expect(note.date).toBe('2025-06-03');
    expect(shown(EVENINGS, zone, [note], at('2025-06-03T18:30'))).toEqual(['Pancakes tomorrow']);
  });

  test('written on a Friday night, it waits for Monday (no weekend window)', () => {
    const note = write(EVENINGS, zone, at('2025-06-06T22:00'), 'Weekend recap');
    expect(note.date).toBe('2025-06-09');
    expect(shown(EVENINGS, zone, [note], at('2025-06-09T19:00'))).toEqual(['Weekend recap']);
  });

  test('written during a window that crosses midnight, it still shows after midnight', () => {
    const note = write(NIGHTS, zone, at('2025-06-02T23:00'), 'Story time was lovely');
    expect(note.date).toBe('2025-06-02');
    for (const t of [
      '2025-06-02T23:30',
      '2025-06-03T00:00',
      '2025-06-03T01:30',
      '2025-06-03T05:59',
    ]) {
      expect(shown(NIGHTS, zone, [note], at(t)), t).toEqual(['Story time was lovely']);
    }
  });

  test('written after midnight in that stretch, it belongs to the same stretch', () => {
    const note = write(NIGHTS, zone, at('2025-06-03T01:30'), 'Back to bed');
    expect(note.date).toBe('2025-06-02');
    expect(shown(NIGHTS, zone, [note], at('2025-06-03T05:00'))).toEqual(['Back to bed']);
  });

  test('a night note does not show the next night', () => {
    const note = write(NIGHTS, zone, at('2025-06-02T23:00'), 'Story time was lovely');
    expect(shown(NIGHTS, zone, [note], at('2025-06-03T08:40'))).toEqual([]);
    expect(shown(NIGHTS, zone, [note], at('2025-06-03T22:00'))).toEqual([]);
    expect(shown(NIGHTS, zone, [note], at('2025-06-04T01:00'))).toEqual([]);
  });

  test('standing notes show every time, tonight or not', () => {
    const standing = write(
      EVENINGS,
      zone,
      at('2025-06-02T08:40'),
      'Phones in the basket',
      'standing',
    );
    expect(standing.date).toBeNull();
    for (const t of [
      '2025-06-02T08:40',
      '2025-06-02T19:00',
      '2025-06-03T19:00',
      '2025-06-07T12:00',
      '2025-09-15T18:30',
    ]) {
      expect(shown(EVENINGS, zone, [standing], at(t)), t).toEqual(['Phones in the basket']);
    }
  });

  test('tonight notes come before standing ones, newest first within each', () => {
    const notes = [
      write(EVENINGS, zone, at('2025-06-02T07:00'), 'standing, oldest', 'standing'),
      write(EVENINGS, zone, at('2025-06-02T08:00'), 'tonight, older'),
      write(EVENINGS, zone, at('2025-06-02T09:00'), 'standing, newer', 'standing'),
      write(EVENINGS, zone, at('2025-06-02T10:00'), 'tonight, newest'),
      write(EVENINGS, zone, at('2025-06-01T10:00'), 'written Sunday, for Monday'),
      write(EVENINGS, zone, at('2025-05-30T10:00'), 'for last Friday'),
    ];
    expect(shown(EVENINGS, zone, notes, at('2025-06-02T19:00'))).toEqual([
      'tonight, newest',
      'tonight, older',
      'written Sunday, for Monday',
      'standing, newer',
      'standing, oldest',
    ]);
  });

  test('a note is stored as written: it survives being read back from storage', () => {
    const note = write(EVENINGS, zone, at('2025-06-02T08:40'), 'Ask Mia about the play');
    const { settings, problems } = readSettings({ ...EVENINGS, notes: [note] });
    expect(problems).toEqual([]);
    expect(settings.notes).toEqual([note]);
  });
});

describe('what makeNote accepts', () => {
  const zone = 'Europe/Berlin';
  const now = wall(zone, '2025-06-02T08:40');
  const schedule = scheduleAt(EVENINGS, NO_MANUAL, now, zone);
  const make = (text: string, child = '') => {
    const made = makeNote({ id: 'n', text, kind: 'tonight', child }, schedule, now, zone);
    return made.ok ? made.note : made.error;
  };

  test.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\n\t ', 'empty'],
    ['x'.repeat(NOTE_MAX_LENGTH + 1), 'too-long'],
    [`  ${'x'.repeat(NOTE_MAX_LENGTH + 1)}  `, 'too-long'],
  ])('%j is refused as %s', (text, error) => {
    expect(make(text)).toBe(error);
  });

  test.each([
    ['x', 'x'],
    ['  hello  ', 'hello'],
    ['x'.repeat(NOTE_MAX_LENGTH), 'x'.repeat(NOTE_MAX_LENGTH)],
    // The limit is on what is kept, not on the spaces around it.
    [`\n ${'y'.repeat(NOTE_MAX_LENGTH)} \n`, 'y'.repeat(NOTE_MAX_LENGTH)],
  ])('%j is kept as %j', (text, kept) => {
    const note = make(text);
    expect(typeof note === 'string' ? note : note.text).toBe(kept);
  });

  test('the child name is trimmed and kept short enough to store', () => {
    const note = make('hi', `  ${'Ada'.repeat(40)}  `);
    if (typeof note === 'string') throw new Error(note);
    expect(note.child).toBe('Ada'.repeat(40).slice(0, 80));
    expect(v.safeParse(NoteSchema, note).success).toBe(true);
  });

  test('any accepted text is a note storage keeps', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: NOTE_MAX_LENGTH + 20 }), (text) => {
        const note = make(text);
        if (typeof note === 'string')
          return text.trim() === '' || text.trim().length > NOTE_MAX_LENGTH;
        return v.safeParse(NoteSchema, note).success && note.text === text.trim();
      }),
    );
  });
});

describe('on days the clocks change', () => {
  // [zone, Saturday evening before the change, the Sunday, times after midnight in the stretch]
  const cases: [string, string, string, [string, 'earlier' | 'later'][]][] = [
    // Spring forward 02:00 -> 03:00.
    [
      'Europe/Berlin',
      '2025-03-29',
      '2025-03-30',
      [
        ['01:59', 'earlier'],
        ['03:00', 'earlier'],
        ['05:59', 'earlier'],
      ],
    ],
    // Fall back 03:00 -> 02:00: the repeated hour, both times.
    [
      'Europe/Berlin',
      '2025-10-25',
      '2025-10-26',
      [
        ['02:30', 'earlier'],
        ['02:30', 'later'],
        ['05:59', 'earlier'],
      ],
    ],
    [
      'America/New_York',
      '2025-03-08',
      '2025-03-09',
      [
        ['01:59', 'earlier'],
        ['03:00', 'earlier'],
        ['05:59', 'earlier'],
      ],
    ],
    [
      'America/New_York',
      '2025-11-01',
      '2025-11-02',
      [
        ['01:30', 'earlier'],
        ['01:30', 'later'],
        ['05:59', 'earlier'],
      ],
    ],
    // Half-hour shifts: 02:00 -> 02:30 in October, 02:00 -> 01:30 in April.
    [
      'Australia/Lord_Howe',
      '2025-10-04',
      '2025-10-05',
      [
        ['01:59', 'earlier'],
        ['02:30', 'earlier'],
        ['05:59', 'earlier'],
      ],
    ],
    [
      'Australia/Lord_Howe',
      '2025-04-05',
      '2025-04-06',
      [
        ['01:45', 'earlier'],
        ['01:45', 'later'],
        ['05:59', 'earlier'],
      ],
    ],
  ];

  test.each(cases)(
    '%s %s: a night note lasts through the change, not into the next night',
    (zone, saturday, sunday, after) => {
      const note = write(NIGHTS, zone, wall(zone, `${saturday}T23:00`), 'Night night');
      expect(note.date).toBe(saturday);
      for (const [time, which] of after) {
        const t = wall(zone, `${sunday}T${time}`, which);
        expect(shown(NIGHTS, zone, [note], t), `${sunday} ${time} (${which})`).toEqual([
          'Night night',
        ]);
      }
      expect(shown(NIGHTS, zone, [note], wall(zone, `${sunday}T22:00`))).toEqual([]);
    },
  );

  test.each(cases)(
    '%s %s: a note written that morning is for that evening',
    (zone, _saturday, sunday) => {
      const sundays = settingsWith([weekly([SUN], '18:00', 150)]);
      const note = write(sundays, zone, wall(zone, `${sunday}T08:40`), 'Sunday roast');
      expect(note.date).toBe(sunday);
      expect(shown(sundays, zone, [note], wall(zone, `${sunday}T19:00`))).toEqual(['Sunday roast']);
    },
  );

  test('a window that starts in the skipped hour still gets its note (Berlin, 02:30 -> 03:30)', () => {
    const zone = 'Europe/Berlin';
    const early = settingsWith([weekly([SUN], '02:30', 60)]);
    const note = write(early, zone, wall(zone, '2025-03-30T01:00'), 'Early flight');
    expect(note.date).toBe('2025-03-30');
    expect(shown(early, zone, [note], wall(zone, '2025-03-30T03:45'))).toEqual(['Early flight']);
    expect(shown(early, zone, [note], wall(zone, '2025-04-06T03:00'))).toEqual([]);
  });

  test('with no window at all, "tonight" means today', () => {
    const zone = 'America/New_York';
    const none = settingsWith([weekly([SAT], '10:00', 60, { enabled: false })]);
    const note = write(none, zone, wall(zone, '2025-03-09T08:40'), 'Just today');
    expect(note.date).toBe('2025-03-09');
    expect(shown(none, zone, [note], wall(zone, '2025-03-09T20:00'))).toEqual(['Just today']);
    expect(shown(none, zone, [note], wall(zone, '2025-03-10T08:00'))).toEqual([]);
  });
});

describe('notesFor, whatever notes are stored', () => {
  const zone = 'UTC';
  const now = wall(zone, '2025-06-02T19:00');
  const schedule = scheduleAt(EVENINGS, NO_MANUAL, now, zone);
  const TONIGHT = '2025-06-02';
  const noteArb = fc.record({
    kind: fc.constantFrom<Note['kind']>('tonight', 'standing'),
    date: fc.constantFrom('2025-05-30', '2025-06-01', TONIGHT, '2025-06-03'),
    createdAt: fc.integer({ min: 0, max: 2_000_000_000_000 }),
  });
  const notesArb = fc.array(noteArb, { maxLength: 30 }).map((raw) =>
    raw.map(
      (r, i): Note => ({
        id: `n${i}`,
        text: `note ${i}`,
        kind: r.kind,
        date: r.kind === 'tonight' ? r.date : null,
        child: '',
        createdAt: r.createdAt,
        updatedAt: r.createdAt,
      }),
    ),
  );
  const belongs = (n: Note) => n.kind === 'standing' || n.date === TONIGHT;

  test("shows exactly tonight's and the standing notes, each once", () => {
    fc.assert(
      fc.property(notesArb, (notes) => {
        const ids = notesFor(notes, schedule, now, zone).map((n) => n.id);
        const expected = notes.filter(belongs).map((n) => n.id);
        expect([...ids].sort()).toEqual([...expected].sort());
      }),
    );
  });

  test('no standing note before a tonight note; newest first within each', () => {
    fc.assert(
      fc.property(notesArb, (notes) => {
        const out = notesFor(notes, schedule, now, zone);
        const firstStanding = out.findIndex((n) => n.kind === 'standing');
        if (firstStanding !== -1) {
          expect(out.slice(firstStanding).every((n) => n.kind === 'standing')).toBe(true);
        }
        for (let i = 1; i < out.length; i++) {
          const [a, b] = [out[i - 1] as Note, out[i] as Note];
          if (a.kind === b.kind) expect(a.createdAt).toBeGreaterThanOrEqual(b.createdAt);
        }
      }),
    );
  });

  test("the date a note is for is the evening's own date, read from its start", () => {
    expect(noteTargetDate(schedule, now, zone)).toBe(TONIGHT);
  });
});
