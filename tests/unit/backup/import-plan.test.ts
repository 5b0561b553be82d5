import { describe, expect, test } from 'vitest';
import { type Backup, buildBackup } from '@/utils/backup/format';
import { planImport, planIsEmpty } from '@/utils/backup/import-plan';
import { parseBackup } from '@/utils/backup/parse';
import { defaultSettings, type Settings } from '@/utils/settings/schema';
import { note, parentSettings, photo, T0 } from '../support/backup';
import { weekly } from '../support/settings';

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
