import { describe, expect, test } from 'vitest';
import { hash32, itemBytes, jsonBytes, utf8Length } from '@/utils/sync/bytes';

describe('counting bytes as the sync quotas do', () => {
  test("an item's size is at least what Chromium's storage.sync counts (measured with getBytesInUse)", () => {
    // [value, bytes Chromium 156 reported for it, less the one-letter key]
    const measured: [unknown, number][] = [
      [1, 1],
      [1795379580329, 18], // a timestamp: written 1.795379580329e+12
      [12345678901, 13], // written 12345678901.0
      [1.5, 3],
      ['x', 3],
      [[1795379580329, 'ab', 'b', 1795379580329], 48],
      [{ k: 1 }, 7],
      ['é', 4],
      ['<>&', 10], // "<" written \u003C
      [true, 4],
      [null, 4],
    ];
    for (const [value, bytes] of measured) {
      expect(jsonBytes(value)).toBe(bytes);
      // And never less than plain JSON in UTF-8 (Firefox's count).
      expect(jsonBytes(value)).toBeGreaterThanOrEqual(
        new TextEncoder().encode(JSON.stringify(value)).length,
      );
    }
    expect(jsonBytes(1e12)).toBe(13);
    expect(jsonBytes('\ud800')).toBe(8);
  });

  test('utf8Length counts as TextEncoder does', () => {
    for (const text of ['plain', 'Straße', '家族の時間', '👨‍👩‍👧 time', '\u{1F600}']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    }
  });

  test("an item is its key's bytes plus its value's", () => {
    expect(itemBytes('s:ab', 'x')).toBe(utf8Length('s:ab') + jsonBytes('x'));
    expect(itemBytes('ñ', 1)).toBe(2 + 1);
  });

  test('hash32 is stable and spreads close ids apart', () => {
    expect(hash32('site-1')).toBe(hash32('site-1'));
    const buckets = new Set(Array.from({ length: 200 }, (_, i) => hash32(`site-${i}`) % 24));
    expect(buckets.size).toBeGreaterThan(20);
  });
});
