import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonical } from '@/utils/sync/canonical';

describe('canonical JSON', () => {
  test('the order of keys does not matter; values do', () => {
    expect(canonical({ a: 1, b: [2, { d: 3, c: 4 }] })).toBe(
      canonical({ b: [2, { c: 4, d: 3 }], a: 1 }),
    );
    expect(canonical({ a: 1 })).not.toBe(canonical({ a: 2 }));
  });

  test('undefined fields are left out, as JSON would; undefined in arrays is null', () => {
    expect(canonical({ a: 1, b: undefined })).toBe(canonical({ a: 1 }));
    expect(canonical([undefined])).toBe('[null]');
  });

  test('any JSON value prints as JSON that parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonical(JSON.parse(canonical(value)))).toBe(canonical(value));
        expect(JSON.parse(canonical(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
