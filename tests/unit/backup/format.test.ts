import { describe, expect, test } from 'vitest';
import { BACKUP_VERSION, backupFileName } from '@/utils/backup/format';
import { parseBackup } from '@/utils/backup/parse';
import { SETTINGS_VERSION } from '@/utils/settings/schema';
import { canonical } from '@/utils/sync/canonical';

import { fileWith, good, PNG, parentSettings, photo } from '../support/backup';

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
