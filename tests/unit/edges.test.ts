import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { decide } from '@/utils/decide';
import { type Enforced, edgesBetween, NOT_ENFORCED } from '@/utils/edges';
import type { HistoryEntry } from '@/utils/history/entries';
import { endFamilyTime, startFamilyTime } from '@/utils/runtime/manual';
import { EMPTY_RUNTIME, type Grant, GrantSchema, type Runtime } from '@/utils/runtime/runtime';
import { defaultSettings } from '@/utils/settings/schema';
import type { RuleLimits } from '@/utils/sites/rules';
import { MINUTE, wall, zonesWithSystem } from './support/time';

// 2025-06-02 is a Monday. Default settings: weekdays 18:00-20:30.
const SETTINGS = defaultSettings();
const LIMITS: RuleLimits = { maxRules: 5000, maxRegexRules: 1000 };
const REMINDER = 'chrome-extension://hearth-test/blocked.html';

function grant(id: string, start: number, end: number, more: Partial<Grant> = {}): Grant {
  return v.parse(GrantSchema, { id, pattern: 'mail.google.com', start, end, ...more });
}

describe.each(zonesWithSystem())('edges in %s', (zone) => {
  const at = (t: string) => wall(zone, t);
  const desiredAt = (runtime: Runtime, now: number) =>
    decide({
      settings: SETTINGS,
      runtime,
      now,
      timeZone: zone,
      limits: LIMITS,
      reminderUrl: REMINDER,
    });
  /** One reconcile's worth: what was enforced, the runtime and the time now. */
  const step = (previous: Enforced, runtime: Runtime, now: number) =>
    edgesBetween(previous, desiredAt(runtime, now), runtime, now);
  /** What a reconcile at `now` would have left enforced. */
  const enforcedAt = (runtime: Runtime, now: number) => step(NOT_ENFORCED, runtime, now).next;

  /** The same inputs a second time: nothing more may happen. */
  const expectQuiet = (previous: Enforced, runtime: Runtime, now: number) => {
    const again = step(previous, runtime, now);
    expect(again).toMatchObject({
      started: false,
      ended: false,
      grantClosed: false,
      history: [],
      changed: false,
    });
    expect(again.next).toEqual(previous);
  };

  describe('the start edge', () => {
    test('family time begins: started, nothing written, the stretch remembered', () => {
      const edges = step(
        enforcedAt(EMPTY_RUNTIME, at('2025-06-02T17:00')),
        EMPTY_RUNTIME,
        at('2025-06-02T18:00'),
      );
      expect(edges).toMatchObject({
        started: true,
        ended: false,
        grantClosed: false,
        history: [],
        changed: true,
      });
      expect(edges.next).toEqual({
        active: true,
        since: at('2025-06-02T18:00'),
        until: at('2025-06-02T20:30'),
        grantIds: [],
      });
      expectQuiet(edges.next, EMPTY_RUNTIME, at('2025-06-02T18:00'));
    });

    test('a first reconcile in the middle of the evening is a start too (worker woke late)', () => {
      expect(step(NOT_ENFORCED, EMPTY_RUNTIME, at('2025-06-02T19:45')).started).toBe(true);
    });

    test('later in the same evening, nothing happens and nothing changes', () => {
      const previous = enforcedAt(EMPTY_RUNTIME, at('2025-06-02T18:00'));
      expectQuiet(previous, EMPTY_RUNTIME, at('2025-06-02T19:00'));
      expectQuiet(previous, EMPTY_RUNTIME, at('2025-06-02T20:29'));
    });

    test('outside family time, a reconcile is quiet', () => {
      expectQuiet(NOT_ENFORCED, EMPTY_RUNTIME, at('2025-06-02T12:00'));
      expectQuiet(NOT_ENFORCED, EMPTY_RUNTIME, at('2025-06-07T19:00'));
    });
  });

  describe('the end edge', () => {
    test('an evening that ran its course is written down as kept', () => {
      const previous = enforcedAt(EMPTY_RUNTIME, at('2025-06-02T19:00'));
      const edges = step(previous, EMPTY_RUNTIME, at('2025-06-02T20:30'));
      expect(edges).toMatchObject({ started: false, ended: true, changed: true });
      expect(edges.history).toEqual<HistoryEntry[]>([
        {
          type: 'kept',
          at: at('2025-06-02T20:30'),
          start: at('2025-06-02T18:00'),
          end: at('2025-06-02T20:30'),
        },
      ]);
      expect(edges.next).toEqual(NOT_ENFORCED);
      expectQuiet(edges.next, EMPTY_RUNTIME, at('2025-06-02T20:30'));
    });

    test('switched off at 19:00 (a loosening, recorded as one): the evening is not "kept"', () => {
      const previous = enforcedAt(EMPTY_RUNTIME, at('2025-06-02T18:30'));
      const off = { ...SETTINGS, windows: SETTINGS.windows.map((w) => ({ ...w, enabled: false })) };
      const now = at('2025-06-02T19:00');
      const desired = decide({
        settings: off,
        runtime: EMPTY_RUNTIME,
        now,
        timeZone: zone,
        limits: LIMITS,
        reminderUrl: REMINDER,
      });
      const edges = edgesBetween(previous, desired, EMPTY_RUNTIME, now);
      expect(edges.ended).toBe(true);
      expect(edges.history).toEqual([]);
    });

    test('noticed late (the laptop slept), it is kept until its planned end, not until now', () => {
      const previous = enforcedAt(EMPTY_RUNTIME, at('2025-06-02T19:00'));
      const edges = step(previous, EMPTY_RUNTIME, at('2025-06-02T23:10'));
      expect(edges.history).toEqual<HistoryEntry[]>([
        {
          type: 'kept',
          at: at('2025-06-02T23:10'),
          start: at('2025-06-02T18:00'),
          end: at('2025-06-02T20:30'),
        },
      ]);
    });

    test('slept through the end into the next evening: yesterday is still kept', () => {
      const previous = enforcedAt(EMPTY_RUNTIME, at('2025-06-02T19:00'));
      const edges = step(previous, EMPTY_RUNTIME, at('2025-06-03T19:00'));
      expect(edges.history).toContainEqual<HistoryEntry>({
        type: 'kept',
        at: at('2025-06-03T19:00'),
        start: at('2025-06-02T18:00'),
        end: at('2025-06-02T20:30'),
      });
      expect(edges.next).toMatchObject({ active: true, since: at('2025-06-03T18:00') });
      expectQuiet(edges.next, EMPTY_RUNTIME, at('2025-06-03T19:05'));
    });

    test('ended early: no "kept" entry (ending early writes its own, with the reason)', () => {
      const previous = enforcedAt(EMPTY_RUNTIME, at('2025-06-02T19:00'));
      const ended = endFamilyTime(SETTINGS, EMPTY_RUNTIME, at('2025-06-02T19:15'), zone);
      const edges = step(previous, ended, at('2025-06-02T19:15'));
      expect(edges.ended).toBe(true);
      expect(edges.history).toEqual([]);
      // And nothing more later that evening, nor when the planned end passes.
      expectQuiet(edges.next, ended, at('2025-06-02T20:00'));
      expectQuiet(edges.next, ended, at('2025-06-02T20:31'));
    });

    test('ended early, then started again: the evening ends as kept', () => {
      const ended = endFamilyTime(SETTINGS, EMPTY_RUNTIME, at('2025-06-02T19:15'), zone);
      const resumed = startFamilyTime(SETTINGS, ended, at('2025-06-02T19:30'), zone);
      const restart = step(
        enforcedAt(ended, at('2025-06-02T19:15')),
        resumed,
        at('2025-06-02T19:30'),
      );
      expect(restart.started).toBe(true);
      const edges = step(restart.next, resumed, at('2025-06-02T20:30'));
      expect(edges.history).toEqual<HistoryEntry[]>([
        {
          type: 'kept',
          at: at('2025-06-02T20:30'),
          start: at('2025-06-02T18:00'),
          end: at('2025-06-02T20:30'),
        },
      ]);
    });

    test('a manual session that ran out is kept too', () => {
      const session = startFamilyTime(SETTINGS, EMPTY_RUNTIME, at('2025-06-07T15:00'), zone);
      const previous = enforcedAt(session, at('2025-06-07T15:00'));
      const edges = step(previous, session, at('2025-06-07T17:00'));
      expect(edges.history).toEqual<HistoryEntry[]>([
        {
          type: 'kept',
          at: at('2025-06-07T17:00'),
          start: at('2025-06-07T15:00'),
          end: at('2025-06-07T17:00'),
        },
      ]);
    });
  });

  describe('closing grants', () => {
    const t19 = () => at('2025-06-02T19:00');
    const withGrant = (g: Grant): Runtime => ({ ...EMPTY_RUNTIME, grants: [g] });

    test('a grant that ran out: "expired", with the minutes it lasted; the site is closed again', () => {
      const runtime = withGrant(grant('g1', t19(), t19() + 10 * MINUTE));
      const previous = enforcedAt(runtime, t19() + MINUTE);
      expect(previous.grantIds).toEqual(['g1']);
      const edges = step(previous, runtime, t19() + 10 * MINUTE);
      expect(edges).toMatchObject({
        started: false,
        ended: false,
        grantClosed: true,
        changed: true,
      });
      expect(edges.history).toEqual<HistoryEntry[]>([
        {
          type: 'step-past-ended',
          at: t19() + 10 * MINUTE,
          grantId: 'g1',
          minutesUsed: 10,
          how: 'expired',
        },
      ]);
      expect(edges.next.grantIds).toEqual([]);
      expectQuiet(edges.next, runtime, t19() + 11 * MINUTE);
    });

    test('noticed late, it counts the minutes it lasted, not the minutes since', () => {
      const runtime = withGrant(grant('g1', t19(), t19() + 10 * MINUTE));
      const edges = step(enforcedAt(runtime, t19()), runtime, t19() + 45 * MINUTE);
      expect(edges.history).toEqual<HistoryEntry[]>([
        {
          type: 'step-past-ended',
          at: t19() + 45 * MINUTE,
          grantId: 'g1',
          minutesUsed: 10,
          how: 'expired',
        },
      ]);
    });

    test('the parent left the site after 4 minutes: "left", 4 minutes', () => {
      const open = grant('g1', t19(), t19() + 10 * MINUTE, { seen: true });
      const previous = enforcedAt(withGrant(open), t19() + MINUTE);
      const left = withGrant({ ...open, end: t19() + 4 * MINUTE, closed: 'left' });
      const edges = step(previous, left, t19() + 4 * MINUTE);
      expect(edges.grantClosed).toBe(true);
      expect(edges.history).toEqual<HistoryEntry[]>([
        {
          type: 'step-past-ended',
          at: t19() + 4 * MINUTE,
          grantId: 'g1',
          minutesUsed: 4,
          how: 'left',
        },
      ]);
    });

    test('family time ended early with a grant open: "family-time-ended", and no "kept"', () => {
      const runtime = withGrant(grant('g1', t19(), t19() + 10 * MINUTE));
      const previous = enforcedAt(runtime, t19() + MINUTE);
      const ended = endFamilyTime(SETTINGS, runtime, t19() + 6 * MINUTE, zone);
      const edges = step(previous, ended, t19() + 6 * MINUTE);
      expect(edges).toMatchObject({ ended: true, grantClosed: false });
      expect(edges.history).toEqual<HistoryEntry[]>([
        {
          type: 'step-past-ended',
          at: t19() + 6 * MINUTE,
          grantId: 'g1',
          minutesUsed: 6,
          how: 'family-time-ended',
        },
      ]);
    });

    test('family time ran out with a grant open: the grant ended with it, and the evening is kept', () => {
      const runtime = withGrant(grant('g1', at('2025-06-02T20:25'), at('2025-06-02T20:30')));
      const previous = enforcedAt(runtime, at('2025-06-02T20:26'));
      const edges = step(previous, runtime, at('2025-06-02T20:30'));
      expect(edges.history).toEqual<HistoryEntry[]>([
        {
          type: 'step-past-ended',
          at: at('2025-06-02T20:30'),
          grantId: 'g1',
          minutesUsed: 5,
          how: 'family-time-ended',
        },
        {
          type: 'kept',
          at: at('2025-06-02T20:30'),
          start: at('2025-06-02T18:00'),
          end: at('2025-06-02T20:30'),
        },
      ]);
    });

    test('a new grant opening is a change, but no edge and nothing written', () => {
      const previous = enforcedAt(EMPTY_RUNTIME, t19());
      const runtime = withGrant(grant('g1', t19(), t19() + 10 * MINUTE));
      const edges = step(previous, runtime, t19());
      expect(edges).toMatchObject({
        started: false,
        ended: false,
        grantClosed: false,
        history: [],
        changed: true,
      });
      expect(edges.next.grantIds).toEqual(['g1']);
      expectQuiet(edges.next, runtime, t19() + 5 * MINUTE);
    });

    test('each closed grant is written once, of two, the other stays open', () => {
      const runtime: Runtime = {
        ...EMPTY_RUNTIME,
        grants: [
          grant('short', t19(), t19() + 5 * MINUTE),
          grant('long', t19(), t19() + 30 * MINUTE),
        ],
      };
      const previous = enforcedAt(runtime, t19());
      expect([...previous.grantIds].sort()).toEqual(['long', 'short']);
      const edges = step(previous, runtime, t19() + 5 * MINUTE);
      expect(edges.history.map((h) => h.type === 'step-past-ended' && h.grantId)).toEqual([
        'short',
      ]);
      expect(edges.next.grantIds).toEqual(['long']);
    });
  });

  test('the evening changed shape (a window edited while on): a change, not an edge', () => {
    const previous = enforcedAt(EMPTY_RUNTIME, at('2025-06-02T19:00'));
    const longer = { ...previous, until: at('2025-06-02T21:00') };
    const edges = step(longer, EMPTY_RUNTIME, at('2025-06-02T19:00'));
    expect(edges).toMatchObject({ started: false, ended: false, history: [], changed: true });
    expect(edges.next.until).toBe(at('2025-06-02T20:30'));
  });

  test('a window whose start was moved while on: still the same evening, nothing written', () => {
    const previous = enforcedAt(EMPTY_RUNTIME, at('2025-06-02T19:00'));
    const earlier = { ...previous, since: at('2025-06-02T17:30') };
    const edges = step(earlier, EMPTY_RUNTIME, at('2025-06-02T19:00'));
    expect(edges).toMatchObject({ started: false, ended: false, history: [], changed: true });
    expect(edges.next.since).toBe(at('2025-06-02T18:00'));
  });
});

describe('walking through a week of reconciles', () => {
  const zone = 'UTC';
  const WEEK_START = wall(zone, '2025-06-02T00:00');
  const settings = SETTINGS;
  const desiredAt = (runtime: Runtime, now: number) =>
    decide({ settings, runtime, now, timeZone: zone, limits: LIMITS, reminderUrl: REMINDER });

  const grantsArb = fc.array(
    fc.record({
      start: fc.integer({ min: 0, max: 7 * 24 * 60 }),
      minutes: fc.integer({ min: 1, max: 120 }),
    }),
    { maxLength: 6 },
  );
  const timesArb = fc
    .array(fc.integer({ min: 0, max: 7 * 24 * 60 }), { minLength: 1, maxLength: 40 })
    .map((ts) => [...ts].sort((a, b) => a - b));

  test('a second reconcile at the same time is always quiet', () => {
    fc.assert(
      fc.property(grantsArb, timesArb, (gs, times) => {
        const runtime: Runtime = {
          ...EMPTY_RUNTIME,
          grants: gs.map((g, i) =>
            grant(
              `g${i}`,
              WEEK_START + g.start * MINUTE,
              WEEK_START + (g.start + g.minutes) * MINUTE,
            ),
          ),
        };
        let enforced = NOT_ENFORCED;
        for (const m of times) {
          const now = WEEK_START + m * MINUTE;
          const desired = desiredAt(runtime, now);
          enforced = edgesBetween(enforced, desired, runtime, now).next;
          const again = edgesBetween(enforced, desired, runtime, now);
          if (again.changed || again.history.length > 0 || again.started || again.ended)
            return false;
        }
        return true;
      }),
    );
  });

  test('every evening seen on and then off is kept exactly once; no grant is closed twice', () => {
    fc.assert(
      fc.property(grantsArb, timesArb, (gs, times) => {
        const runtime: Runtime = {
          ...EMPTY_RUNTIME,
          grants: gs.map((g, i) =>
            grant(
              `g${i}`,
              WEEK_START + g.start * MINUTE,
              WEEK_START + (g.start + g.minutes) * MINUTE,
            ),
          ),
        };
        let enforced = NOT_ENFORCED;
        const written: HistoryEntry[] = [];
        const seenOn = new Set<number>();
        for (const m of [...times, 8 * 24 * 60]) {
          const now = WEEK_START + m * MINUTE;
          const edges = edgesBetween(enforced, desiredAt(runtime, now), runtime, now);
          if (edges.next.active && edges.next.since !== null) seenOn.add(edges.next.since);
          written.push(...edges.history);
          enforced = edges.next;
        }
        const kept = written.flatMap((h) => (h.type === 'kept' ? [h.start] : []));
        const closed = written.flatMap((h) => (h.type === 'step-past-ended' ? [h.grantId] : []));
        expect([...kept].sort()).toEqual([...seenOn].sort());
        expect(new Set(closed).size).toBe(closed.length);
        for (const h of written) if (h.type === 'kept') expect(h.end).toBeLessThanOrEqual(h.at);
      }),
    );
  });
});
