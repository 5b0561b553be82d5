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

const stored = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  pattern: 'mail.google.com',
  start: 1000,
  end: 2000,
  seen: false,
  ...extra,
});

describe('readRuntime salvages record by record', () => {
  test('a whole, valid runtime is read as it is', () => {
    const runtime = { session: { start: 1, end: 2 }, pause: null, grants: [stored('a')] };
    expect(readRuntime(runtime)).toEqual(runtime);
  });

  test('one damaged grant does not take the session, the pause or the other grants with it', () => {
    const raw = {
      session: { start: 10, end: 20 },
      pause: { start: 12, end: 20 },
      grants: [stored('a'), { id: '', pattern: 7 }, stored('b'), 'junk'],
    };
    expect(readRuntime(raw)).toEqual({
      session: { start: 10, end: 20 },
      pause: { start: 12, end: 20 },
      grants: [stored('a'), stored('b')],
    });
  });

  test('a grant whose page is longer than a grant may hold keeps its host, so it still counts', () => {
    const long = `mail.google.com/mail/u/0/${'x'.repeat(5000)}`;
    const read = readRuntime({
      session: null,
      pause: null,
      grants: [stored('a', { pattern: long })],
    });
    expect(read.grants).toEqual([stored('a', { pattern: 'mail.google.com' })]);
  });

  test('a damaged session is dropped alone; grants stay', () => {
    expect(readRuntime({ session: { start: 'x' }, pause: null, grants: [stored('a')] })).toEqual({
      session: null,
      pause: null,
      grants: [stored('a')],
    });
  });

  test('nothing usable reads as empty', () => {
    expect(readRuntime('nope')).toEqual(EMPTY_RUNTIME);
    expect(readRuntime(null)).toEqual(EMPTY_RUNTIME);
    expect(readRuntime({ grants: 'x' })).toEqual(EMPTY_RUNTIME);
  });
});
