import { describe, expect, test } from 'vitest';
import {
  BACKUP_VERSION,
  type Backup,
  type BackupError,
  type BackupPhoto,
  backupFileName,
  buildBackup,
  checkBackupSize,
  isHostile,
  MAX_BACKUP_BYTES,
  parseBackup,
  planImport,
  planIsEmpty,
} from '@/utils/backup/format';
import { readBackupFile } from '@/utils/browser/backup-file';
import {
  defaultSettings,
  type Note,
  SETTINGS_VERSION,
  type Settings,
} from '@/utils/settings/schema';
import { canonical } from '@/utils/sync/records';
import { weekly } from '../support/settings';

const T0 = Date.UTC(2025, 5, 2, 17, 0);

// 1×1 images, as the browsers encode them.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const WEBP = 'UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA';

function note(id: string, text: string, extra: Partial<Note> = {}): Note {
  return {
    id,
    text,
    kind: 'standing',
    date: null,
    child: 'Mia',
    createdAt: T0,
    updatedAt: T0,
    ...extra,
  };
}

function parentSettings(): Settings {
  return {
    ...defaultSettings(),
    windows: [
      weekly([1, 2, 3, 4, 5], '18:00', 150, {
        id: 'evenings',
        label: 'Dinner & bath',
        updatedAt: T0,
      }),
    ],
    exceptions: [
      { id: 'holiday', kind: 'skip', from: '2025-08-01', to: '2025-08-14', updatedAt: T0 },
    ],
    sites: [
      { id: 's1', pattern: 'mail.example.com', list: 'block', updatedAt: T0 },
      { id: 's2', pattern: 'wiki.example.com/family', list: 'allow', updatedAt: T0 },
    ],
    notes: [note('n1', 'Recital on Friday <3 — and "a < b" is fine')],
    gentleness: { ...defaultSettings().gentleness, waitSeconds: 45 },
  };
}

const photo = (id: string, data = WEBP, type: BackupPhoto['type'] = 'image/webp'): BackupPhoto => ({
  id,
  child: 'Mia',
  order: 0,
  addedAt: T0,
  width: 1,
  height: 1,
  type,
  data,
});

function good(photos: BackupPhoto[] | null = null): Backup {
  return buildBackup(parentSettings(), photos, { now: new Date(T0), app: 'Hearth 0.1.0' });
}

/** A good backup as text, changed by `edit` (which may break it). */
function fileWith(
  edit: (file: Record<string, unknown> & { settings: Record<string, unknown> }) => void,
): string {
  const file = JSON.parse(JSON.stringify(good([photo('p1')])));
  edit(file);
  return JSON.stringify(file);
}

const fails = (text: string): BackupError => {
  const parsed = parseBackup(text);
  if (parsed.ok) throw new Error('expected the file to be refused');
  return parsed.error;
};

describe('a good backup', () => {
  test('round-trips: export, then import, gives the same settings and photos', () => {
    const backup = good([photo('p1'), photo('p2', PNG, 'image/png')]);
    const parsed = parseBackup(JSON.stringify(backup, null, 2));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(canonical(parsed.backup.settings)).toBe(canonical(parentSettings()));
    expect(parsed.backup.photos).toEqual({
      included: true,
      items: [photo('p1'), photo('p2', PNG, 'image/png')],
    });
  });

  test('says whether photos are in it', () => {
    expect(good().photos).toEqual({ included: false });
    expect(good([photo('p1')]).photos).toMatchObject({ included: true });
    expect(JSON.parse(JSON.stringify(good())).photos.included).toBe(false);
  });

  test('is versioned and names itself', () => {
    const backup = good();
    expect(backup).toMatchObject({
      format: 'hearth-backup',
      version: BACKUP_VERSION,
      exportedAt: '2025-06-02T17:00:00.000Z',
    });
    expect(backup.settings.version).toBe(SETTINGS_VERSION);
    expect(backupFileName(new Date(2025, 5, 2, 23, 30))).toBe('hearth-backup-2025-06-02.json');
  });

  test('a byte-order mark (Windows editors add one) is fine', () => {
    expect(parseBackup(`\uFEFF${JSON.stringify(good())}`).ok).toBe(true);
  });

  test('site patterns come back normalised, as the sites list prints them', () => {
    const parsed = parseBackup(
      fileWith((f) => {
        (f.settings.sites as { pattern: string }[])[0] = {
          ...(f.settings.sites as { pattern: string }[])[0],
          pattern: 'HTTPS://Mail.Example.com/',
        } as never;
      }),
    );
    expect(parsed.ok && parsed.backup.settings.sites[0]?.pattern).toBe('mail.example.com');
  });

  test('an older backup imports through the same numbered migrations as storage', () => {
    // Version 0 kept the heads-up lead time at the top level; the migration moves it.
    const migrations = {
      0: (old: Record<string, unknown>) => {
        const { headsUpMinutes, ...rest } = old;
        return { ...rest, headsUp: { enabled: true, minutesBefore: headsUpMinutes } };
      },
    };
    const old = fileWith((f) => {
      const { headsUp: _gone, ...rest } = f.settings;
      f.settings = { ...rest, version: 0, headsUpMinutes: 25 };
    });
    expect(parseBackup(old, { target: 1, migrations })).toMatchObject({
      ok: true,
      backup: {
        settings: { version: SETTINGS_VERSION, headsUp: { enabled: true, minutesBefore: 25 } },
      },
    });
    // Without the migration the same file is damaged, not half-imported.
    expect(parseBackup(old, { target: 1, migrations: {} })).toEqual({
      ok: false,
      error: { code: 'damaged', place: 'settings' },
    });
  });
});

describe('bad files change nothing and get a specific message', () => {
  const huge = 'x'.repeat(64);
  const corpus: [string, () => string, BackupError][] = [
    ['an empty file', () => '', { code: 'empty' }],
    ['only whitespace', () => ' \n\t ', { code: 'empty' }],
    [
      'not JSON at all (a PNG chosen by mistake)',
      () => '\u0089PNG\r\n\u001a\n\u0000\u0000IHDR',
      { code: 'not-json' },
    ],
    ['plain text', () => 'my settings: windows at 6pm', { code: 'not-json' }],
    ['cut short mid-string', () => JSON.stringify(good()).slice(0, 200), { code: 'truncated' }],
    [
      'cut short between values',
      () => JSON.stringify(good(), null, 2).split('"notes"')[0] ?? '',
      { code: 'truncated' },
    ],
    ['JSON but a list', () => '[1, 2, 3]', { code: 'not-backup' }],
    ['JSON but a number', () => '42', { code: 'not-backup' }],
    [
      'another app’s file',
      () => JSON.stringify({ version: 1, windows: [] }),
      { code: 'not-backup' },
    ],
    [
      'a newer backup version',
      () => fileWith((f) => (f.version = BACKUP_VERSION + 1)),
      { code: 'newer-version' },
    ],
    [
      'settings from a newer Hearth',
      () => fileWith((f) => (f.settings.version = SETTINGS_VERSION + 1)),
      { code: 'newer-version' },
    ],
    ['no version', () => fileWith((f) => delete f.version), { code: 'damaged', place: 'file' }],
    [
      'no settings',
      () => fileWith((f) => delete (f as Record<string, unknown>).settings),
      { code: 'damaged', place: 'settings' },
    ],
    [
      'windows not a list',
      () => fileWith((f) => (f.settings.windows = 'evenings')),
      { code: 'damaged', place: 'window' },
    ],
    [
      'a window starting at minute 9999',
      () =>
        fileWith(
          (f) =>
            ((f.settings.windows as { startMinute: number }[])[0] = {
              ...(f.settings.windows as object[])[0],
              startMinute: 9999,
            } as never),
        ),
      { code: 'damaged', place: 'window' },
    ],
    [
      'a note far longer than notes can be',
      () => fileWith((f) => ((f.settings.notes as Note[])[0] = note('n1', 'x'.repeat(5000)))),
      { code: 'damaged', place: 'note' },
    ],
    [
      'gentleness missing',
      () => fileWith((f) => delete f.settings.gentleness),
      { code: 'damaged', place: 'settings' },
    ],
    [
      'a bad export date',
      () => fileWith((f) => (f.exportedAt = 'yesterday')),
      { code: 'damaged', place: 'file' },
    ],
    [
      'the same note twice',
      () => fileWith((f) => (f.settings.notes = [note('n1', 'one'), note('n1', 'two')])),
      { code: 'duplicate', place: 'note' },
    ],
    [
      '20,000 sites',
      () =>
        fileWith(
          (f) =>
            (f.settings.sites = Array.from({ length: 20_000 }, (_, i) => ({
              id: `s${i}`,
              pattern: `s${i}.example.com`,
              list: 'block',
              updatedAt: T0,
            }))),
        ),
      { code: 'too-many', place: 'site' },
    ],
    [
      'a script in a note',
      () => fileWith((f) => (f.settings.notes = [note('n1', 'Hi <script>alert("hi")</script>')])),
      { code: 'hostile', place: 'note', text: 'Hi <script>alert("hi")</script>' },
    ],
    [
      'an image tag with a handler in a window label',
      () =>
        fileWith(
          (f) =>
            ((f.settings.windows as object[])[0] = {
              ...(f.settings.windows as object[])[0],
              label: '<img src=x onerror=alert(1)>',
            }),
        ),
      { code: 'hostile', place: 'window', text: '<img src=x onerror=alert(1)>' },
    ],
    [
      'a javascript: address as a child’s name',
      () =>
        fileWith(
          (f) => (f.settings.notes = [note('n1', 'bedtime', { child: 'javascript:alert(1)' })]),
        ),
      { code: 'hostile', place: 'note', text: 'javascript:alert(1)' },
    ],
    [
      'right-to-left override characters hiding text in a label',
      () =>
        fileWith(
          (f) =>
            ((f.settings.exceptions as object[])[0] = {
              id: 'x',
              kind: 'extra',
              date: '2025-06-07',
              startMinute: 600,
              lengthMinutes: 60,
              label: 'Zoo \u202Egnp.exe',
              updatedAt: T0,
            }),
        ),
      { code: 'hostile', place: 'exception', text: 'Zoo \u202Egnp.exe' },
    ],
    [
      'markup in a photo’s name',
      () =>
        fileWith(
          (f) =>
            ((f.photos as { items: BackupPhoto[] }).items[0] = {
              ...photo('p1'),
              child: '<b>Mia</b>',
            }),
        ),
      { code: 'hostile', place: 'photo', text: '<b>Mia</b>' },
    ],
    [
      'a site Hearth cannot read',
      () =>
        fileWith(
          (f) =>
            ((f.settings.sites as object[])[0] = {
              id: 's1',
              pattern: 'ftp://files.example.com',
              list: 'block',
              updatedAt: T0,
            }),
        ),
      { code: 'bad-site', text: 'ftp://files.example.com' },
    ],
    [
      'photo data that is not base64',
      () =>
        fileWith(
          (f) =>
            ((f.photos as { items: BackupPhoto[] }).items[0] = photo('p1', '%%%not base64%%%')),
        ),
      { code: 'bad-photo' },
    ],
    [
      'a "photo" that is really a web page',
      () =>
        fileWith(
          (f) =>
            ((f.photos as { items: BackupPhoto[] }).items[0] = photo(
              'p1',
              btoa('<html><body>hi</body></html>'),
            )),
        ),
      { code: 'bad-photo' },
    ],
    [
      'a photo of a kind Hearth does not show (SVG)',
      () =>
        fileWith(
          (f) =>
            ((f.photos as { items: BackupPhoto[] }).items[0] = {
              ...photo('p1'),
              type: 'image/svg+xml' as never,
            }),
        ),
      { code: 'damaged', place: 'photo' },
    ],
    [
      'photos said to be included but missing',
      () => fileWith((f) => (f.photos = { included: true })),
      { code: 'damaged', place: 'photo' },
    ],
    [
      'a huge id',
      () => fileWith((f) => (f.settings.notes = [note(huge + huge, 'long id')])),
      { code: 'damaged', place: 'note' },
    ],
  ];

  for (const [name, make, error] of corpus) {
    test(name, () => {
      expect(fails(make())).toEqual(error);
    });
  }

  test(`the corpus covers at least 15 distinct kinds of bad file (${corpus.length} files)`, () => {
    const kinds = new Set(corpus.map(([, , e]) => canonical({ ...e, text: undefined })));
    expect(kinds.size).toBeGreaterThanOrEqual(15);
  });

  test('a 100 MB file is refused before it is read', async () => {
    const hundredMegabytes = {
      size: 100 * 1024 * 1024,
      text: () => Promise.reject(new Error('must not be read')),
    } as unknown as Blob;
    expect(await readBackupFile(hundredMegabytes)).toEqual({
      ok: false,
      error: { code: 'too-big', bytes: 100 * 1024 * 1024 },
    });
    expect(checkBackupSize(MAX_BACKUP_BYTES)).toBeNull();
    expect(checkBackupSize(0)).toEqual({ code: 'empty' });
  });

  test('a file from the disk goes through the same checks', async () => {
    const file = new Blob([fileWith((f) => (f.version = 99))]);
    expect(await readBackupFile(file)).toEqual({ ok: false, error: { code: 'newer-version' } });
    expect((await readBackupFile(new Blob([JSON.stringify(good())]))).ok).toBe(true);
  });

  test('"__proto__" in a file pollutes nothing', () => {
    const text = JSON.stringify(good()).replace(
      '"format"',
      '"__proto__":{"polluted":true},"format"',
    );
    parseBackup(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('what counts as hostile, and what is just words', () => {
    for (const fine of [
      '<3',
      'a < b and c > d',
      'Dinner & bath',
      'Mamá 👩‍👧',
      'score < 10 > 5',
      'Line\nbreak\ttab',
    ]) {
      expect(isHostile(fine)).toBe(false);
    }
    for (const bad of [
      '<b>',
      '</div>',
      '<!-- x -->',
      '<svg onload=alert(1)',
      'JavaScript:void(0)',
      'data:text/html,hi',
      'a\u0000b',
      '\u2066x',
    ]) {
      expect(isHostile(bad)).toBe(true);
    }
  });
});

describe('the preview, and merge or replace', () => {
  const here = (): Settings => ({
    ...defaultSettings(),
    windows: [weekly([6], '10:00', 60, { id: 'saturday', updatedAt: T0 - 1000 })],
    sites: [
      { id: 'mine', pattern: 'mail.example.com', list: 'block', updatedAt: T0 - 1000 },
      { id: 'only-here', pattern: 'chat.example.com', list: 'block', updatedAt: T0 - 1000 },
    ],
    notes: [note('n1', 'older text', { updatedAt: T0 - 5000 })],
  });
  const file = (): Backup => {
    const parsed = parseBackup(
      JSON.stringify(
        buildBackup(
          {
            ...parentSettings(),
            windows: [
              weekly([1, 2, 3], '18:00', 60, { id: 'a', updatedAt: T0 }),
              weekly([4, 5], '18:00', 60, { id: 'b', updatedAt: T0 }),
              weekly([6, 7], '09:00', 60, { id: 'c', updatedAt: T0 }),
            ],
            notes: [note('n1', 'newer text'), note('n2', 'two'), note('n3', 'three')],
          },
          [photo('p1'), photo('p2')],
          { now: new Date(T0), app: 'Hearth 0.1.0' },
        ),
      ),
    );
    if (!parsed.ok) throw new Error('fixture');
    return parsed.backup;
  };
  const NOW = T0 + 60_000;

  test('merge: adds what is missing, keeps the same site once, updates only what the file has newer', () => {
    const plan = planImport(here(), ['p1'], file(), 'merge', NOW);
    expect(plan.adds).toEqual({ windows: 3, exceptions: 1, sites: 1, notes: 2 });
    expect(plan.updates).toEqual({ windows: 0, exceptions: 0, sites: 0, notes: 1 });
    expect(plan.removes).toEqual({ windows: 0, exceptions: 0, sites: 0, notes: 0 });
    expect(plan.replaces).toEqual(['gentleness']);
    expect(plan.photosAdded).toBe(1);
    expect(plan.settings.sites.map((s) => s.pattern)).toEqual([
      'mail.example.com',
      'chat.example.com',
      'wiki.example.com/family',
    ]);
    expect(plan.settings.notes.find((n) => n.id === 'n1')?.text).toBe('newer text');
    // What an import adds or changes is an edit made now: sync carries it everywhere.
    expect(plan.settings.windows.find((w) => w.id === 'a')?.updatedAt).toBe(NOW);
    expect(plan.settings.windows.find((w) => w.id === 'saturday')?.updatedAt).toBe(T0 - 1000);
  });

  test("merge keeps this browser's copy when it is the newer one", () => {
    const mine = { ...here(), notes: [note('n1', 'edited here later', { updatedAt: T0 + 10 })] };
    const plan = planImport(mine, [], file(), 'merge', NOW);
    expect(plan.settings.notes.find((n) => n.id === 'n1')?.text).toBe('edited here later');
  });

  test('replace: settings become exactly the file’s, and the preview counts what goes', () => {
    const plan = planImport(here(), ['p1', 'p-old'], file(), 'replace', NOW);
    expect(plan.adds).toEqual({ windows: 3, exceptions: 1, sites: 2, notes: 2 });
    expect(plan.updates.notes).toBe(1);
    expect(plan.removes).toEqual({ windows: 1, exceptions: 0, sites: 2, notes: 0 });
    expect(plan.photosRemoved).toBe(1);
    expect(plan.removePhotoIds).toEqual(['p-old']);
    expect(plan.settings.windows.map((w) => w.id)).toEqual(['a', 'b', 'c']);
    expect(plan.settings.gentleness.waitSeconds).toBe(45);
  });

  test('a file without photos leaves photos alone, even on replace', () => {
    const noPhotos = { ...file(), photos: { included: false as const } };
    const plan = planImport(here(), ['p1'], noPhotos, 'replace', NOW);
    expect(plan.photosRemoved).toBe(0);
    expect(plan.photos).toEqual([]);
  });

  test('importing what is already here changes nothing', () => {
    const same = file();
    const plan = planImport(same.settings, ['p1', 'p2'], same, 'merge', NOW);
    expect(planIsEmpty(plan)).toBe(true);
    expect(planIsEmpty(planImport(same.settings, ['p1', 'p2'], same, 'replace', NOW))).toBe(true);
  });
});
