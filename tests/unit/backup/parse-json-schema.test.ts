import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { BACKUP_VERSION, type BackupPhoto, buildBackup } from '@/utils/backup/format';
import { BackupSchema } from '@/utils/backup/parse';
import {
  defaultSettings,
  GentlenessSchema,
  HeadsUpSchema,
  NoteSchema,
  SETTINGS_VERSION,
  SiteRecordSchema,
  WeeklyWindowSchema,
} from '@/utils/settings/schema';

// The JSON Schema beside docs/backup-format.md must say what the importer does.
const schema = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../docs/backup-format.schema.json'), 'utf8'),
);
const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(schema);

const T0 = Date.UTC(2025, 5, 2, 17, 0);
const photo: BackupPhoto = {
  id: 'p1',
  child: 'Mia',
  order: 0,
  addedAt: T0,
  width: 1,
  height: 1,
  type: 'image/webp',
  data: 'UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA',
};
const settings = {
  ...defaultSettings(),
  exceptions: [
    { id: 'x', kind: 'skip' as const, from: '2025-08-01', to: '2025-08-03', updatedAt: T0 },
    {
      id: 'y',
      kind: 'extra' as const,
      date: '2025-06-07',
      startMinute: 600,
      lengthMinutes: 90,
      label: 'Zoo',
      updatedAt: T0,
    },
  ],
  sites: [{ id: 's', pattern: 'mail.example.com', list: 'block' as const, updatedAt: T0 }],
  notes: [
    {
      id: 'n',
      text: 'Hi',
      kind: 'tonight' as const,
      date: '2025-06-02',
      child: '',
      createdAt: T0,
      updatedAt: T0,
    },
  ],
};
const exported = (photos: BackupPhoto[] | null) =>
  JSON.parse(
    JSON.stringify(buildBackup(settings, photos, { now: new Date(T0), app: 'Hearth 0.1.0' })),
  );

const keysOf = (s: { entries: Record<string, unknown> }) => Object.keys(s.entries).sort();

describe('docs/backup-format.schema.json', () => {
  test('accepts what Hearth exports, with and without photos', () => {
    for (const file of [exported(null), exported([photo])]) {
      expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  test('refuses what the importer refuses for shape', () => {
    const bad = [
      { ...exported(null), format: 'other' },
      { ...exported(null), version: BACKUP_VERSION + 1 },
      { ...exported(null), settings: { ...settings, version: SETTINGS_VERSION + 1 } },
      {
        ...exported(null),
        settings: { ...settings, windows: [{ ...settings.windows[0], startMinute: 9999 }] },
      },
      { ...exported(null), photos: { included: true } },
      { ...exported([{ ...photo, type: 'image/svg+xml' as never }]) },
      { ...exported([{ ...photo, data: '%%%' }]) },
    ];
    for (const file of bad) expect(validate(file)).toBe(false);
  });

  test('names the versions this Hearth writes', () => {
    expect(schema.properties.version.maximum).toBe(BACKUP_VERSION);
    expect(schema.$defs.settings.properties.version.maximum).toBe(SETTINGS_VERSION);
  });

  test('requires exactly the fields the importer requires', () => {
    const entries = (s: v.GenericSchema) => s as unknown as { entries: Record<string, unknown> };
    expect(schema.required.sort()).toEqual(
      keysOf(entries(BackupSchema)).filter((k) => k !== 'app'),
    );
    expect(schema.$defs.window.required.sort()).toEqual(keysOf(entries(WeeklyWindowSchema)));
    expect(schema.$defs.site.required.sort()).toEqual(keysOf(entries(SiteRecordSchema)));
    expect(schema.$defs.note.required.sort()).toEqual(keysOf(entries(NoteSchema)));
    expect(schema.$defs.gentleness.required.sort()).toEqual(keysOf(entries(GentlenessSchema)));
    expect(schema.$defs.headsUp.required.sort()).toEqual(keysOf(entries(HeadsUpSchema)));
    expect(schema.$defs.settings.required.sort()).toEqual(
      keysOf(entries(BackupSchema.entries.settings)),
    );
    expect(schema.$defs.photo.required.sort()).toEqual(
      keysOf(entries(BackupSchema.entries.photos.options[1].entries.items.item)),
    );
  });
});
