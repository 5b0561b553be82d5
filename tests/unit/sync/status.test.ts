import { describe, expect, test } from 'vitest';
import { INITIAL_STATUS, readStatus, refusalOf, retryDelay } from '@/utils/sync/status';

describe('when sync refuses a write', () => {
  test('the same refusal twice waits twice as long; a rate limit waits a minute', () => {
    expect(retryDelay(1, 'quota')).toBe(30_000);
    expect(retryDelay(2, 'quota')).toBe(60_000);
    expect(retryDelay(20, 'quota')).toBe(30 * 60_000);
    expect(retryDelay(1, 'rate')).toBe(60_000);
  });

  test("the browsers' refusals read as plain reasons", () => {
    expect(refusalOf(new Error('QUOTA_BYTES quota exceeded'))).toBe('quota');
    expect(refusalOf(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'))).toBe('quota');
    expect(refusalOf(new Error('MAX_ITEMS quota exceeded'))).toBe('quota');
    expect(refusalOf(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'))).toBe('rate');
    // Chromium 156's words, seen in the e2e run:
    expect(refusalOf(new Error('Resource::kQuotaBytesPerItem quota exceeded'))).toBe('quota');
    expect(refusalOf(new Error('Resource::kMaxWriteOperationsPerMinute quota exceeded'))).toBe(
      'rate',
    );
    expect(refusalOf(new Error('Resource::kMaxWriteOperationsPerHour quota exceeded'))).toBe(
      'rate',
    );
    expect(refusalOf(new Error('Resource::kMaxItems quota exceeded'))).toBe('quota');
    expect(
      refusalOf(
        new Error('QuotaExceededError: storage.sync API call exceeded its quota limitations.'),
      ),
    ).toBe('quota');
    expect(
      refusalOf(new Error('Please set webextensions.storage.sync.enabled to true in about:config')),
    ).toBe('unavailable');
  });
});

describe('the stored status', () => {
  test('anything unreadable reads as all well, never as a false alarm', () => {
    for (const raw of [undefined, null, 7, 'x', [], { state: 'exploded' }]) {
      expect(readStatus(raw)).toEqual({
        ...INITIAL_STATUS,
        ...(raw && typeof raw === 'object' && !Array.isArray(raw) ? {} : {}),
      });
    }
  });

  test('a refusal reads back as it was written', () => {
    const written = {
      state: 'refused',
      reason: 'rate',
      localOnly: { site: 3 },
      lastSyncedAt: 5,
      failures: 2,
      retryAt: 9,
    } as const;
    expect(readStatus(JSON.parse(JSON.stringify(written)))).toEqual(written);
  });
});
