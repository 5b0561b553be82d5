import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  notificationPatterns,
  type Quieted,
  quietStep,
  readQuieted,
  wantedPatterns,
} from '@/utils/sites/notification-patterns';
import { parseAll } from '@/utils/sites/parse';
import { createFakeNotificationSettings } from '../support/fake-content-settings';

const lists = (block: string[], allow: string[] = []) => ({
  block: parseAll(block).patterns,
  allow: parseAll(allow).patterns,
});

/** What each URL would get once the patterns are set in a Chrome-like contentSettings. */
async function effectiveAfter(patterns: string[], urls: string[]) {
  const cs = createFakeNotificationSettings();
  for (const primaryPattern of patterns) await cs.set({ primaryPattern, setting: 'block' });
  return Object.fromEntries(urls.map((u) => [u, cs.effective(u)]));
}

describe('notificationPatterns', () => {
  test('a blocked host covers its subdomains, on every scheme and port', async () => {
    const { patterns } = notificationPatterns(lists(['slack.com']));
    expect(patterns).toEqual(['*://*.slack.com/*']);
    expect(
      await effectiveAfter(patterns, [
        'https://slack.com/',
        'https://acme.slack.com/client',
        'http://app.slack.com:8443/',
        'https://notslack.com/',
        'https://slack.com.example/',
      ]),
    ).toEqual({
      'https://slack.com/': 'block',
      'https://acme.slack.com/client': 'block',
      'http://app.slack.com:8443/': 'block',
      'https://notslack.com/': 'ask',
      'https://slack.com.example/': 'ask',
    });
  });

  test('paths are ignored: a permission belongs to the site, never to a page', () => {
    expect(
      notificationPatterns(lists(['docs.google.com/document', 'https://docs.google.com/'])),
    ).toEqual({ patterns: ['*://*.docs.google.com/*'], narrowed: [], skipped: [] });
  });

  test('a port is kept, and an IP address has no subdomains', () => {
    expect(
      notificationPatterns(lists(['10.0.0.7:8080', 'intranet.example:3000'])).patterns,
    ).toEqual(['*://*.intranet.example:3000/*', '*://10.0.0.7:8080/*']);
  });

  test('the allow list is left alone: an allowed site inside a blocked one narrows it', async () => {
    const result = notificationPatterns(
      lists(['atlassian.net', 'slack.com'], ['family.atlassian.net']),
    );
    expect(result).toEqual({
      patterns: ['*://*.slack.com/*', '*://atlassian.net/*'],
      narrowed: ['atlassian.net'],
      skipped: [],
    });
    expect(
      await effectiveAfter(result.patterns, [
        'https://family.atlassian.net/',
        'https://atlassian.net/',
      ]),
    ).toEqual({ 'https://family.atlassian.net/': 'ask', 'https://atlassian.net/': 'block' });
  });

  test('a blocked host that is itself allowed (a page of it, or all) is not quieted', () => {
    expect(
      notificationPatterns(
        lists(
          ['docs.google.com/document', 'mail.google.com'],
          ['docs.google.com/document/d/homework'],
        ),
      ),
    ).toEqual({
      patterns: ['*://*.mail.google.com/*'],
      narrowed: [],
      skipped: ['docs.google.com'],
    });
  });

  test('an allowed site outside every blocked one changes nothing', () => {
    expect(notificationPatterns(lists(['slack.com'], ['wikipedia.org'])).patterns).toEqual([
      '*://*.slack.com/*',
    ]);
  });

  test('no duplicates, in a stable order', () => {
    const a = notificationPatterns(lists(['b.com', 'a.com', 'b.com', 'https://a.com/x']));
    expect(a.patterns).toEqual(['*://*.a.com/*', '*://*.b.com/*']);
  });

  const label = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);
  const host = fc
    .tuple(
      fc.array(label, { maxLength: 2 }),
      fc.constantFrom('work.test', 'mail.test', 'chat.test'),
    )
    .map(([sub, base]) => [...sub, base].join('.'));

  test('a blocked host inside an allowed site is not quieted (allow covers subdomains)', () => {
    expect(notificationPatterns(lists(['mail.work.test', 'chat.test'], ['work.test']))).toEqual({
      patterns: ['*://*.chat.test/*'],
      narrowed: [],
      skipped: ['mail.work.test'],
    });
  });

  test('property: nothing the allow list covers is touched; the rest of the block list is quiet', async () => {
    const covers = (by: string, h: string) => h === by || h.endsWith(`.${by}`);
    await fc.assert(
      fc.asyncProperty(
        fc.array(host, { minLength: 1, maxLength: 5 }),
        fc.array(host, { maxLength: 3 }),
        fc.array(host, { maxLength: 4 }),
        async (block, allow, others) => {
          const { patterns } = notificationPatterns(lists(block, allow));
          const hosts = [...new Set([...block, ...allow, ...others])];
          const got = await effectiveAfter(
            patterns,
            hosts.map((h) => `https://${h}/`),
          );
          for (const h of hosts) {
            const allowed = allow.some((a) => covers(a, h));
            // Quiet when a blocked host covers it and no allowed site sits inside that host
            // (then only the blocked host's own address is quiet).
            const quiet =
              !allowed &&
              block.some((b) => h === b || (covers(b, h) && !allow.some((a) => covers(b, a))));
            expect(got[`https://${h}/`], `${h} (block ${block}; allow ${allow})`).toBe(
              quiet ? 'block' : 'ask',
            );
          }
        },
      ),
    );
  });
});

describe('wantedPatterns', () => {
  const work = lists(['slack.com']);
  test('only with the setting on, the API there and family time on', () => {
    const on = { enabled: true, available: true, active: true, lists: work };
    expect(wantedPatterns(on)).toEqual(['*://*.slack.com/*']);
    expect(wantedPatterns({ ...on, enabled: false })).toEqual([]);
    expect(wantedPatterns({ ...on, available: false })).toEqual([]);
    expect(wantedPatterns({ ...on, active: false })).toEqual([]);
  });
});

describe('quietStep', () => {
  const P = ['*://*.slack.com/*'];
  const done: Quieted = { patterns: P, complete: true };

  test('start: nothing set, something wanted -> quiet', () => {
    expect(quietStep(P, null)).toEqual({ kind: 'quiet', patterns: P });
  });
  test('during: set as wanted -> keep (nothing touched every heartbeat)', () => {
    expect(quietStep(P, done)).toEqual({ kind: 'keep' });
  });
  test('end, end early, setting off, or started after a close in family time -> restore', () => {
    expect(quietStep([], done)).toEqual({ kind: 'restore' });
    expect(quietStep([], { patterns: P, complete: false })).toEqual({ kind: 'restore' });
  });
  test('outside family time with nothing set -> keep', () => {
    expect(quietStep([], null)).toEqual({ kind: 'keep' });
  });
  test('a half-finished set or a changed list is set again whole', () => {
    expect(quietStep(P, { patterns: P, complete: false })).toEqual({ kind: 'quiet', patterns: P });
    const more = ['*://*.asana.com/*', ...P];
    expect(quietStep(more, done)).toEqual({ kind: 'quiet', patterns: more });
  });
});

describe('readQuieted', () => {
  test('nothing stored is nothing set', () => {
    expect(readQuieted(undefined)).toBeNull();
  });
  test('a stored record reads back', () => {
    expect(readQuieted({ patterns: ['*://*.a.com/*'], complete: true })).toEqual({
      patterns: ['*://*.a.com/*'],
      complete: true,
    });
  });
  test('anything unreadable counts as unfinished, so it is cleared', () => {
    expect(readQuieted('junk')).toEqual({ patterns: [], complete: false });
    expect(readQuieted({ patterns: 'x', complete: true })).toEqual({
      patterns: [],
      complete: false,
    });
    expect(quietStep([], readQuieted([1, 2]))).toEqual({ kind: 'restore' });
  });
});
