import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeLedger, encodeLedger, readEntry } from '@/utils/sync/ledger';
import { setArb } from '../support/sync-records';

describe('the stored ledger', () => {
  test('any record set reads back as it was stored', () => {
    fc.assert(
      fc.property(setArb, fc.nat(), (records, horizon) => {
        const back = decodeLedger(JSON.parse(JSON.stringify(encodeLedger({ records, horizon }))));
        expect(back?.horizon).toBe(horizon);
        expect(back && [...back.records]).toEqual([...records]);
      }),
    );
  });

  test('entries that are not ours, or not entries, are dropped; the rest are kept', () => {
    const back = decodeLedger({
      horizon: 'soon',
      records: {
        'w:a': { t: 1, d: 'x', v: 1 },
        'zz:q': { t: 1, d: 'x', v: 1 },
        'n:b': { t: -1, d: 'x', v: 1 },
      },
    });
    expect(back?.horizon).toBe(0);
    expect(back && [...back.records.keys()]).toEqual(['w:a']);
    expect(decodeLedger(null)).toBeNull();
  });
});

describe('one entry from an untrusted place', () => {
  test('a version or a tombstone is read; anything else is not', () => {
    expect(readEntry({ t: 5, d: 'dev', v: { id: 'a' } })).toEqual({
      t: 5,
      d: 'dev',
      v: { id: 'a' },
    });
    expect(readEntry({ t: 5, d: 'dev', gone: true, v: 1 })).toEqual({ t: 5, d: 'dev', gone: true });
    for (const raw of [
      null,
      [],
      { t: 5, d: 'dev' },
      { t: Number.NaN, d: '', v: 1 },
      { t: 1, d: 'x'.repeat(65), v: 1 },
      { t: 1, d: 3, v: 1 },
    ]) {
      expect(readEntry(raw)).toBeNull();
    }
  });
});
