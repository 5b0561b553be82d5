import { beforeAll, describe, expect, test } from 'vitest';
import { importErrorText, planText } from '@/components/text/backup';
import type { ImportPlan } from '@/utils/backup/import-plan';
import { defaultSettings } from '@/utils/settings/schema';
import { installExtensionStubs } from '../support/fake-extension';

// The words the parent reads in the options page, from the real English messages.

beforeAll(() => {
  installExtensionStubs();
});

describe('the import preview and refusals', () => {
  const zero = { windows: 0, exceptions: 0, sites: 0, notes: 0 };
  const plan = (change: Partial<ImportPlan>): ImportPlan => ({
    mode: 'merge',
    settings: defaultSettings(),
    adds: zero,
    updates: zero,
    removes: zero,
    replaces: [],
    photosAdded: 0,
    photosRemoved: 0,
    photos: [],
    removePhotoIds: [],
    ...change,
  });

  test('says what will change, in a line', () => {
    expect(
      planText(
        plan({
          adds: { windows: 3, exceptions: 0, sites: 12, notes: 4 },
          replaces: ['gentleness'],
        }),
      ),
    ).toBe('adds 3 windows, 12 sites, 4 notes; replaces gentleness settings');
    expect(
      planText(
        plan({
          adds: { ...zero, notes: 1 },
          removes: { ...zero, windows: 2 },
          photosAdded: 1,
          photosRemoved: 1,
        }),
      ),
    ).toBe('adds 1 note, 1 photo; removes 2 windows, 1 photo');
    expect(planText(plan({}))).toBe('changes nothing, since you already have all of it');
  });

  test('a refusal names the place, and quotes hostile text to be shown as text', () => {
    expect(importErrorText({ code: 'hostile', place: 'note', text: '<script>x</script>' })).toEqual(
      {
        message:
          'Something in this backup (a note) looks like web code rather than words, so nothing was imported, to keep you safe. It reads:',
        quoted: '<script>x</script>',
      },
    );
    expect(importErrorText({ code: 'too-big', bytes: 100 * 1024 * 1024 }).message).toBe(
      'This file is too big to be a Hearth backup (100 MB). Nothing was changed.',
    );
    expect(importErrorText({ code: 'too-many', place: 'site' }).message).toBe(
      'This backup holds more sites than Hearth keeps, so nothing was imported.',
    );
  });
});
