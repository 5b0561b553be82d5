import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { type DecideInput, decide, stricterLists, TIGHTEN_AHEAD_MS } from '@/utils/decide';
import { EMPTY_RUNTIME, type Grant, GrantSchema, type Runtime } from '@/utils/runtime/runtime';
import { PRESET_IDS, PRESETS } from '@/utils/settings/presets';
import { defaultSettings, type Settings, type SiteRecord } from '@/utils/settings/schema';
import type { RuleLimits } from '@/utils/sites/rules';
import { type DnrRule, outcome } from './support/fake-dnr';
import { MINUTE, wall, zonesWithSystem } from './support/time';

const REMINDER = 'chrome-extension://hearth-test/blocked.html';
const LIMITS: RuleLimits = { maxRules: 5000, maxRegexRules: 1000 };

function site(pattern: string, list: SiteRecord['list'] = 'block'): SiteRecord {
  return { id: `s-${pattern}`, pattern, list, updatedAt: 0 };
}

/** Through the stored schema, so fields with defaults get them as a stored grant would. */
function grant(pattern: string, start: number, end: number): Grant {
  return v.parse(GrantSchema, { id: `g-${pattern}-${start}`, pattern, start, end });
}

function settings(more: Partial<Settings> = {}): Settings {
  return { ...defaultSettings(), ...more };
}

/** The rules as a browser would hold them, to ask what a navigation meets. */
function installed(rules: ReturnType<typeof decide>['rules']): DnrRule[] {
  return rules.map((r, i) => ({ id: i + 1, ...r }));
}

describe.each(zonesWithSystem())(
  'decide in %s (default settings: weekdays 18:00-20:30)',
  (zone) => {
    const at = (t: string) => wall(zone, t);
    const run = (now: number, more: Partial<DecideInput> = {}) =>
      decide({
        settings: defaultSettings(),
        runtime: EMPTY_RUNTIME,
        now,
        timeZone: zone,
        limits: LIMITS,
        reminderUrl: REMINDER,
        ...more,
      });

    test('outside the window: no rules, nothing in force', () => {
      const desired = run(at('2025-06-02T12:00'));
      expect(desired.schedule.active).toBe(false);
      expect(desired.rules).toEqual([]);
      expect(desired.lists).toEqual({ block: [], allow: [], grants: [] });
      expect(desired.problems).toEqual([]);
    });

    test('inside the window: work sites redirect to the reminder, carrying the whole URL', () => {
      const desired = run(at('2025-06-02T19:00'));
      expect(desired.schedule.active).toBe(true);
      const redirects = desired.rules.filter((r) => r.action.type === 'redirect');
      expect(redirects.length).toBeGreaterThan(0);
      for (const r of redirects) {
        expect(r.action).toEqual({
          type: 'redirect',
          redirect: { regexSubstitution: `${REMINDER}#\\0` },
        });
      }
      const rules = installed(desired.rules);
      for (const href of [
        'https://mail.google.com/mail/u/0/?q=is%3Aunread#inbox',
        'https://app.slack.com/client/T1/C2',
        'https://docs.google.com/document/d/1/edit#heading=h.1',
        'https://acme.atlassian.net/browse/HEARTH-1?focusedCommentId=2',
        'https://github.com/org/repo/pulls',
      ]) {
        expect(outcome(rules, href)).toEqual({
          action: 'redirect',
          redirectUrl: `${REMINDER}#${href}`,
        });
      }
      expect(outcome(rules, 'https://www.wikipedia.org/').action).toBeNull();
    });

    test('every preset site is blocked while its preset is on', () => {
      const rules = installed(run(at('2025-06-02T19:00')).rules);
      for (const preset of PRESETS) {
        for (const host of preset.sites)
          expect(outcome(rules, `https://${host}/`).action).toBe('redirect');
      }
    });

    test('a preset switched off drops its sites, the others stay', () => {
      const presets = { ...defaultSettings().presets, mail: false };
      const desired = run(at('2025-06-02T19:00'), { settings: settings({ presets }) });
      const rules = installed(desired.rules);
      const mail = PRESETS.find((p) => p.id === 'mail');
      for (const host of mail?.sites ?? []) {
        expect(outcome(rules, `https://${host}/`).action).toBeNull();
        expect(desired.lists.block.some((p) => p.host === host)).toBe(false);
      }
      expect(outcome(rules, 'https://slack.com/').action).toBe('redirect');
    });

    test("the parent's own sites: blocked ones join the presets, allowed ones win", () => {
      const desired = run(at('2025-06-02T19:00'), {
        settings: settings({
          sites: [site('reports.example.org/weekly'), site('gist.github.com', 'allow')],
        }),
      });
      const rules = installed(desired.rules);
      expect(outcome(rules, 'https://reports.example.org/weekly/42').action).toBe('redirect');
      expect(outcome(rules, 'https://reports.example.org/daily').action).toBeNull();
      expect(outcome(rules, 'https://gist.github.com/someone/1').action).toBe('allow');
      expect(outcome(rules, 'https://github.com/').action).toBe('redirect');
    });

    test('a live step-past grant is a higher-priority allow rule; its alarm comes ahead of its end', () => {
      const now = at('2025-06-02T19:00');
      const live = grant('mail.google.com', now - 5 * MINUTE, now + 10 * MINUTE);
      const desired = run(now, { runtime: { ...EMPTY_RUNTIME, grants: [live] } });
      const grantRules = desired.rules.filter((r) => r.priority === 3);
      expect(grantRules.length).toBeGreaterThan(0);
      for (const r of grantRules) expect(r.action).toEqual({ type: 'allow' });
      const blockPriority = Math.max(
        ...desired.rules.filter((r) => r.action.type === 'redirect').map((r) => r.priority),
      );
      expect(Math.min(...grantRules.map((r) => r.priority))).toBeGreaterThan(blockPriority);
      const rules = installed(desired.rules);
      expect(outcome(rules, 'https://mail.google.com/mail/u/0/').action).toBe('allow');
      expect(outcome(rules, 'https://slack.com/').action).toBe('redirect');
      // Closing the door tightens: the alarm comes early enough for the rule to be gone at the end.
      expect(desired.nextAlarmAt).toBe(live.end - TIGHTEN_AHEAD_MS);
    });

    test('the next alarm is the earliest of grant end and window end', () => {
      const now = at('2025-06-02T20:00');
      const longGrant = grant('slack.com', now - MINUTE, at('2025-06-02T21:00'));
      const desired = run(now, { runtime: { ...EMPTY_RUNTIME, grants: [longGrant] } });
      expect(desired.nextAlarmAt).toBe(at('2025-06-02T20:30'));
    });

    test.each([
      ['ended', -20, -5],
      ['not yet begun', 5, 15],
    ])('a grant that has %s opens nothing', (_, from, to) => {
      const now = at('2025-06-02T19:00');
      const runtime: Runtime = {
        ...EMPTY_RUNTIME,
        grants: [grant('mail.google.com', now + from * MINUTE, now + to * MINUTE)],
      };
      const desired = run(now, { runtime });
      expect(desired.rules.some((r) => r.priority === 3)).toBe(false);
      expect(outcome(installed(desired.rules), 'https://mail.google.com/').action).toBe('redirect');
      expect(desired.nextAlarmAt).toBe(at('2025-06-02T20:30'));
    });

    test('heads-up: minutesBefore ahead of the next start, and the alarm wakes for it', () => {
      const desired = run(at('2025-06-02T17:00'));
      const expected = at('2025-06-02T18:00') - 10 * MINUTE;
      expect(desired.headsUpAt).toBe(expected);
      expect(desired.nextAlarmAt).toBe(expected);

      const earlier = run(at('2025-06-02T17:00'), {
        settings: settings({ headsUp: { enabled: true, minutesBefore: 45 } }),
      });
      expect(earlier.headsUpAt).toBe(at('2025-06-02T17:15'));
    });

    test('heads-up already passed, switched off, or during family time: the alarm is ahead of the start', () => {
      const passed = run(at('2025-06-02T17:55'));
      expect(passed.headsUpAt).toBeNull();
      expect(passed.nextAlarmAt).toBe(at('2025-06-02T18:00') - TIGHTEN_AHEAD_MS);

      const off = run(at('2025-06-02T17:00'), {
        settings: settings({ headsUp: { enabled: false, minutesBefore: 10 } }),
      });
      expect(off.headsUpAt).toBeNull();
      expect(off.nextAlarmAt).toBe(at('2025-06-02T18:00') - TIGHTEN_AHEAD_MS);

      const during = run(at('2025-06-02T19:00'));
      expect(during.headsUpAt).toBeNull();
      expect(during.nextAlarmAt).toBe(at('2025-06-02T20:30'));
    });

    test('tightening runs ahead of the clock: the rules are in before the start, not the rest', () => {
      const start = at('2025-06-02T18:00');
      const before = run(start - TIGHTEN_AHEAD_MS - 1);
      expect(before.blocking).toBe(false);
      expect(before.rules).toEqual([]);
      expect(before.nextAlarmAt).toBe(start - TIGHTEN_AHEAD_MS);

      const armed = run(start - TIGHTEN_AHEAD_MS);
      expect(armed.schedule.active).toBe(false);
      expect(armed.blocking).toBe(true);
      expect(outcome(installed(armed.rules), 'https://mail.google.com/').action).toBe('redirect');
      // Family time itself (badge, edges, history) still starts on the clock.
      expect(armed.grantIds).toEqual([]);
      // Woken once more halfway (a lost wake is retried), then at the start itself.
      expect(armed.nextAlarmAt).toBe(start - TIGHTEN_AHEAD_MS / 2);
      expect(run(start - TIGHTEN_AHEAD_MS / 2).nextAlarmAt).toBe(start);
    });

    test('loosening follows the clock: the rules stay until the end itself', () => {
      const end = at('2025-06-02T20:30');
      const last = run(end - 1);
      expect(last.blocking).toBe(true);
      expect(outcome(installed(last.rules), 'https://mail.google.com/').action).toBe('redirect');
      expect(last.nextAlarmAt).toBe(end);
      const after = run(end);
      expect(after.blocking).toBe(false);
      expect(after.rules).toEqual([]);
    });

    test("a grant's allow rule leaves ahead of its end; the grant is told as ended at the end", () => {
      const now = at('2025-06-02T19:00');
      const g = grant('mail.google.com', now - 5 * MINUTE, now + 5 * MINUTE);
      const runtime: Runtime = { ...EMPTY_RUNTIME, grants: [g] };
      const open = run(g.end - TIGHTEN_AHEAD_MS - 1, { runtime });
      expect(outcome(installed(open.rules), 'https://mail.google.com/').action).toBe('allow');

      const closing = run(g.end - TIGHTEN_AHEAD_MS, { runtime });
      expect(outcome(installed(closing.rules), 'https://mail.google.com/').action).toBe('redirect');
      expect(closing.lists.grants).toEqual([]);
      expect(closing.grantIds).toEqual([g.id]);
      expect(closing.nextAlarmAt).toBe(g.end - TIGHTEN_AHEAD_MS / 2);
      expect(run(g.end - TIGHTEN_AHEAD_MS / 2, { runtime }).nextAlarmAt).toBe(g.end);
      expect(run(g.end, { runtime }).grantIds).toEqual([]);
    });

    test('stored site texts that no longer parse are reported, the rest still blocks', () => {
      const desired = run(at('2025-06-02T19:00'), {
        settings: settings({
          sites: [site('not a site'), site('slack', 'allow'), site('zoom.us/j')],
        }),
      });
      expect(desired.problems).toContainEqual({ code: 'invalid-sites', count: 2 });
      expect(outcome(installed(desired.rules), 'https://zoom.us/j/123').action).toBe('redirect');
    });

    test('nothing to block is reported, in and out of the window', () => {
      const presets = Object.fromEntries(PRESET_IDS.map((p) => [p, false])) as Settings['presets'];
      for (const t of ['2025-06-02T12:00', '2025-06-02T19:00']) {
        const desired = run(at(t), { settings: settings({ presets }) });
        expect(desired.problems).toContainEqual({ code: 'nothing-to-block' });
        expect(desired.rules).toEqual([]);
      }
    });

    test('rules that do not fit the browser are dropped and counted', () => {
      const many = settings({
        sites: ['a', 'b', 'c', 'd'].map((x) => site(`${x}.example.org/path`)),
      });
      const now = at('2025-06-02T19:00');
      const roomy = run(now, { settings: many });
      const tight = run(now, { settings: many, limits: { maxRules: 2, maxRegexRules: 2 } });
      expect(roomy.problems).toEqual([]);
      const dropped = tight.problems.find((p) => p.code === 'rules-dropped');
      expect(dropped).toEqual({
        code: 'rules-dropped',
        count: roomy.rules.length - tight.rules.length,
      });
      expect(tight.rules.length).toBeLessThanOrEqual(2);
      // The packed preset rule survives: mail stays blocked.
      expect(outcome(installed(tight.rules), 'https://mail.google.com/').action).toBe('redirect');
    });
  },
);

describe('stricterLists: what a settings change converges to before it is stored', () => {
  const base = () => settings({ sites: [site('slack.com'), site('gist.github.com', 'allow')] });

  test('blocks what either blocks, allows only what both allow, keeps a preset either has on', () => {
    const stored = base();
    const presetId = PRESET_IDS[0];
    if (!presetId) throw new Error('no presets');
    const next = settings({
      presets: { ...stored.presets, [presetId]: false },
      sites: [site('zoom.us'), site('gist.github.com', 'allow'), site('docs.example', 'allow')],
    });
    const stricter = stricterLists(stored, next);
    const patterns = (list: 'block' | 'allow') =>
      stricter.sites
        .filter((s) => s.list === list)
        .map((s) => s.pattern)
        .sort();
    expect(patterns('block')).toEqual(['slack.com', 'zoom.us']);
    expect(patterns('allow')).toEqual(['gist.github.com']);
    expect(stricter.presets[presetId]).toBe(true);
    // Everything else is the new settings'.
    expect(stricter.windows).toBe(next.windows);
  });

  test('a change that only adds is the change itself; one that only removes is the stored lists', () => {
    const stored = base();
    const added = { ...stored, sites: [...stored.sites, site('zoom.us')] };
    expect(stricterLists(stored, added).sites).toEqual(added.sites);
    const removed = { ...stored, sites: [] };
    expect(stricterLists(stored, removed).sites).toEqual([site('slack.com')]);
  });
});
