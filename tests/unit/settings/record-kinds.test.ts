import { describe, expect, test } from 'vitest';
import {
  GENTLENESS_KEY,
  HEADS_UP_KEY,
  kindOf,
  RECORD_KIND_TABLE,
  RECORD_KINDS,
  RECORD_PREFIX,
} from '@/utils/settings/record-kinds';
import { defaultSettings } from '@/utils/settings/schema';

describe('the table of record kinds', () => {
  test('every kind has one row, a distinct key, and names a real Settings field', () => {
    expect(new Set(RECORD_KINDS).size).toBe(RECORD_KIND_TABLE.length);
    const keys = RECORD_KIND_TABLE.map((row) => ('key' in row ? row.key : row.prefix));
    expect(new Set(keys).size).toBe(keys.length);
    const fields = Object.keys(defaultSettings());
    for (const row of RECORD_KIND_TABLE) expect(fields).toContain(row.field);
  });

  test('a sync key reads back as its kind', () => {
    for (const [kind, prefix] of Object.entries(RECORD_PREFIX)) {
      expect(kindOf(`${prefix}some-id`)).toBe(kind);
    }
    expect(kindOf(GENTLENESS_KEY)).toBe('gentleness');
    expect(kindOf(HEADS_UP_KEY)).toBe('headsUp');
  });

  test('keys that are not ours are not read as records', () => {
    for (const key of ['', 'x', 'w:', 'q:abc', 'hearth', `s:${'x'.repeat(65)}`, 'gg']) {
      expect(kindOf(key)).toBeNull();
    }
  });
});
