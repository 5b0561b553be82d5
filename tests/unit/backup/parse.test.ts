import { describe, expect, test } from 'vitest';
import { BACKUP_VERSION, type BackupPhoto, MAX_BACKUP_BYTES } from '@/utils/backup/format';
import {
  type BackupError,
  checkBackupSize,
  depthOf,
  isHostile,
  MAX_BACKUP_DEPTH,
  parseBackup,
} from '@/utils/backup/parse';
import { readBackupFile } from '@/utils/browser/backup-file';
import { type Note, SETTINGS_VERSION } from '@/utils/settings/schema';
import { canonical } from '@/utils/sync/canonical';

import { fails, fileWith, good, note, photo, T0 } from '../support/backup';

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

describe('a file of any depth: a message, never a stack overflow', () => {
  const deep = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);
  const backupAround = (inner: string, where: 'extra' | 'note-text' | 'settings') => {
    const base = fileWith((file) => {
      if (where === 'extra') file.extra = '__DEEP__';
      if (where === 'settings') file.settings.x = '__DEEP__';
      if (where === 'note-text') (file.settings.notes as Note[])[0] = { ...note('n1', '__DEEP__') };
    });
    return base.replace('"__DEEP__"', inner);
  };

  test.each([
    ['200,000 nested lists beside the backup', backupAround(deep(200_000), 'extra')],
    [
      '200,000 nested objects in the settings',
      backupAround(`${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}`, 'settings'),
    ],
    ['200,000 nested lists where a note is', backupAround(deep(200_000), 'note-text')],
  ])('%s: refused as too deep', (_name, text) => {
    expect(fails(text)).toEqual({ code: 'too-deep' });
  });

  test('a plain list nested 200,000 deep is no backup', () => {
    expect(fails(deep(200_000))).toEqual({ code: 'not-backup' });
  });

  test('just below the limit a strange extra field is walked and ignored; just above, refused', () => {
    const ok = backupAround(deep(MAX_BACKUP_DEPTH - 2), 'extra');
    expect(parseBackup(ok).ok).toBe(true);
    expect(fails(backupAround(deep(MAX_BACKUP_DEPTH + 1), 'extra'))).toEqual({ code: 'too-deep' });
  });

  test('depthOf counts levels without recursion and stops early', () => {
    expect(depthOf(1)).toBe(0);
    expect(depthOf({ a: [1, { b: 2 }] })).toBe(3);
    expect(depthOf(JSON.parse(deep(100_000)), 10)).toBe(11);
  });

  test('a hostile string deep in a photo list is still found (the walk is complete)', () => {
    const text = fileWith((file) => {
      file.photos = { included: true, items: [{ ...photo('p1'), child: '<script>x</script>' }] };
    });
    expect(fails(text)).toMatchObject({ code: 'hostile', place: 'photo' });
  });
});
