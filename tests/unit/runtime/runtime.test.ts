import { describe, expect, test } from 'vitest';
import {
  EMPTY_RUNTIME,
  type Grant,
  liveGrants,
  pruneGrants,
  readRuntime,
} from '@/utils/runtime/runtime';
import { DAY_MS, MINUTE_MS } from '@/utils/time/temporal';

const T0 = Date.UTC(2025, 5, 2, 17, 0);
const grant = (id: string, start: number, minutes: number): Grant => ({
  id,
  pattern: 'mail.google.com',
  start,
  end: start + minutes * MINUTE_MS,
  seen: false,
});

describe('runtime state as stored', () => {
  test('a valid runtime reads back as written', () => {
    const runtime = {
      session: { start: T0, end: T0 + 60 * MINUTE_MS },
      pause: null,
      grants: [grant('g1', T0, 10)],
    };
    expect(readRuntime(JSON.parse(JSON.stringify(runtime)))).toEqual(runtime);
  });

  test('nothing stored, or something unreadable, reads as no manual session, pause or grant', () => {
    for (const raw of [undefined, null, 'x', 3, [], { session: 'now' }]) {
      expect(readRuntime(raw)).toEqual(EMPTY_RUNTIME);
    }
  });
});

describe('grants over time', () => {
  const grants = [
    grant('old', T0 - 3 * DAY_MS, 10),
    grant('earlier', T0 - 30 * MINUTE_MS, 10),
    grant('now', T0 - MINUTE_MS, 10),
  ];

  test('only the grant whose minutes are running is live', () => {
    expect(liveGrants(grants, T0).map((g) => g.id)).toEqual(['now']);
    expect(liveGrants(grants, T0 + 9 * MINUTE_MS).map((g) => g.id)).toEqual([]);
  });

  test('ended grants stay two days (the evening budget counts them), then go', () => {
    expect(pruneGrants(grants, T0).map((g) => g.id)).toEqual(['earlier', 'now']);
  });
});
