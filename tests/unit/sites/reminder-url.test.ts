import { describe, expect, test } from 'vitest';
import { defaultSettings, type Settings } from '@/utils/settings/schema';
import { MAX_RETURN_URL, returnUrlFrom } from '@/utils/sites/reminder-url';

const settings: Settings = {
  ...defaultSettings(),
  sites: [
    { id: 's1', pattern: 'reports.example.org/weekly', list: 'block', updatedAt: 0 },
    { id: 's2', pattern: 'example.net', list: 'allow', updatedAt: 0 },
  ],
};

describe('returnUrlFrom offers back the page that was blocked', () => {
  test.each([
    'https://mail.google.com/mail/u/0/?q=is%3Aunread&tab=rm#inbox/FMfcgz',
    'http://app.slack.com/client/T1/C2',
    'https://docs.google.com/document/d/1/edit?usp=sharing#heading=h.1',
    'https://reports.example.org/weekly/42?format=pdf',
    'https://acme.atlassian.net/browse/HEARTH-1',
  ])('%s, query and hash intact', (href) => {
    expect(returnUrlFrom(`#${href}`, settings)?.href).toBe(href);
  });

  test('the fragment may come with or without its #', () => {
    const href = 'https://slack.com/';
    expect(returnUrlFrom(href, settings)?.href).toBe(href);
  });

  test('a URL of exactly the maximum length is still offered back', () => {
    const base = 'https://mail.google.com/?q=';
    const href = base + 'a'.repeat(MAX_RETURN_URL - base.length);
    expect(href).toHaveLength(MAX_RETURN_URL);
    expect(returnUrlFrom(`#${href}`, settings)?.href).toBe(href);
  });
});

describe('returnUrlFrom is never an open redirect', () => {
  test.each([
    ['javascript:', '#javascript:alert(document.domain)//mail.google.com'],
    ['data:', '#data:text/html,<script>alert(1)</script>'],
    ['file:', '#file:///etc/passwd'],
    ['another extension page', '#chrome-extension://abc/options.html'],
    ['a host not on the block list', '#https://evil.example.com/'],
    ['an allowed host', '#https://example.net/'],
    ['a look-alike host', '#https://mail.google.com.evil.com/'],
    ['a blocked name as userinfo', '#https://mail.google.com@evil.com/'],
    ['userinfo on a blocked host', '#https://user:pass@mail.google.com/'],
    ['a path outside the blocked one', '#https://reports.example.org/daily'],
    ['an over-long URL', `#https://mail.google.com/?q=${'a'.repeat(MAX_RETURN_URL)}`],
    ['garbage', '#not a url at all'],
    ['a relative path', '#/mail/u/0'],
    ['nothing', '#'],
    ['the empty string', ''],
  ])('%s', (_, fragment) => {
    expect(returnUrlFrom(fragment, settings)).toBeNull();
  });

  test('a site blocked only by a preset that is off is not offered back', () => {
    const off: Settings = { ...settings, presets: { ...settings.presets, mail: false } };
    expect(returnUrlFrom('#https://mail.google.com/', off)).toBeNull();
    expect(returnUrlFrom('#https://mail.google.com/', settings)).not.toBeNull();
  });
});
