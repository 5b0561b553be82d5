import { describe, expect, test } from 'vitest';
import { parseMessage, senderAllowed } from '@/utils/messages';
import { defaultSettings } from '@/utils/settings/schema';
import { MAX_RETURN_URL } from '@/utils/sites/limits';

describe('the one protocol, checked on arrival', () => {
  test('each well-formed message is accepted as it was sent', () => {
    const good = [
      { type: 'getStatus' },
      { type: 'checkReturnUrl', fragment: '#https://mail.google.com/' },
      { type: 'startFamilyTime' },
      { type: 'endFamilyTime', reason: 'bath time went early' },
      {
        type: 'stepPast',
        url: 'https://mail.google.com/',
        reason: 'school',
        minutes: 10,
      },
      { type: 'openFriction', purpose: 'step-past' },
      { type: 'openFriction', purpose: 'end-early' },
      { type: 'saveSettings', base: null, next: defaultSettings(), via: 'edit' },
      {
        type: 'saveSettings',
        base: defaultSettings(),
        next: defaultSettings(),
        reason: 'the school',
        via: 'import',
      },
      { type: 'saveForAfter', url: 'https://docs.google.com/d/1' },
      { type: 'reopenSaved', id: 'abc' },
      { type: 'recordBlocked', url: 'https://slack.com/' },
      { type: 'addNote', text: 'Lego tower with Leo', kind: 'tonight', child: 'Leo' },
      { type: 'removeNote', id: 'n1' },
      { type: 'listWorkTabs' },
      { type: 'parkTabs', tabIds: [1, 2] },
    ];
    for (const message of good) expect(parseMessage(message)).toMatchObject(message);
  });

  test('a step past says nothing about how long the parent waited: the background counted it', () => {
    const parsed = parseMessage({
      type: 'stepPast',
      url: 'https://mail.google.com/',
      reason: 'school',
      minutes: 10,
      waitedSeconds: 999,
    });
    expect(parsed).not.toHaveProperty('waitedSeconds');
  });

  test('optional fields get their defaults', () => {
    expect(parseMessage({ type: 'endFamilyTime' })).toEqual({ type: 'endFamilyTime', reason: '' });
    expect(parseMessage({ type: 'addNote', text: 'x', kind: 'standing' })).toMatchObject({
      child: '',
    });
  });

  test('anything else is refused, never thrown', () => {
    const bad: unknown[] = [
      undefined,
      null,
      'getStatus',
      [],
      {},
      { type: 'deleteEverything' },
      {
        type: 'stepPast',
        url: 'https://mail.google.com/',
        reason: 'x',
        minutes: 0,
        waitedSeconds: 0,
      },
      {
        type: 'stepPast',
        url: 'https://mail.google.com/',
        reason: 'x',
        minutes: 121,
        waitedSeconds: 0,
      },
      {
        type: 'stepPast',
        url: 'https://mail.google.com/',
        reason: 'x',
        minutes: 5.5,
        waitedSeconds: 0,
      },
      {
        type: 'stepPast',
        url: 'https://mail.google.com/',
        reason: 'x'.repeat(501),
        minutes: 5,
        waitedSeconds: 0,
      },
      { type: 'saveForAfter', url: `https://a.example/${'x'.repeat(MAX_RETURN_URL)}` },
      { type: 'addNote', text: 'x', kind: 'someday' },
      { type: 'parkTabs', tabIds: ['1'] },
      { type: 'openFriction', purpose: 'anything' },
      { type: 'saveSettings', base: null },
      { type: 'saveSettings', base: null, next: { ...defaultSettings(), windows: 'none' } },
      { type: 'saveSettings', base: null, next: defaultSettings(), via: 'sideways' },
      { type: 'saveSettings', base: null, next: defaultSettings(), reason: 'x'.repeat(501) },
    ];
    for (const message of bad) expect(parseMessage(message)).toBeNull();
  });
});

const OWN = { id: 'hearthid', origin: 'chrome-extension://hearthid' };
const REMINDER = 'chrome-extension://hearthid/blocked.html#https://mail.google.com/';

describe('only Hearth’s own pages are heard', () => {
  test.each([
    ['the reminder, top frame', 'stepPast', { id: 'hearthid', url: REMINDER, frameId: 0 }, true],
    [
      'the popup (no tab, no frame id)',
      'getStatus',
      { id: 'hearthid', url: 'chrome-extension://hearthid/popup.html' },
      true,
    ],
    [
      'options in a tab',
      'startFamilyTime',
      { id: 'hearthid', url: 'chrome-extension://hearthid/options.html', frameId: 0 },
      true,
    ],
    [
      'the reminder framed by a web page',
      'stepPast',
      { id: 'hearthid', url: REMINDER, frameId: 3 },
      false,
    ],
    [
      'a framed reminder recording a visit',
      'recordBlocked',
      { id: 'hearthid', url: REMINDER, frameId: 1 },
      false,
    ],
    [
      'a framed reminder saving for after',
      'saveForAfter',
      { id: 'hearthid', url: REMINDER, frameId: 1 },
      false,
    ],
    [
      'a web page (a content script would say its page url)',
      'getStatus',
      { id: 'hearthid', url: 'https://evil.example/' },
      false,
    ],
    [
      'another extension',
      'endFamilyTime',
      { id: 'otherid', url: 'chrome-extension://otherid/x.html', frameId: 0 },
      false,
    ],
    [
      'our id with another origin',
      'endFamilyTime',
      { id: 'hearthid', url: 'chrome-extension://otherid/x.html' },
      false,
    ],
    ['no url at all', 'getStatus', { id: 'hearthid' }, false],
    [
      'the options page saving settings',
      'saveSettings',
      { id: 'hearthid', url: 'chrome-extension://hearthid/options.html#sites', frameId: 0 },
      true,
    ],
    [
      'the first run saving settings',
      'saveSettings',
      { id: 'hearthid', url: 'chrome-extension://hearthid/welcome.html' },
      true,
    ],
    [
      'the reminder saving settings (web pages can open it)',
      'saveSettings',
      { id: 'hearthid', url: REMINDER, frameId: 0 },
      false,
    ],
    [
      'the popup saving whole settings',
      'saveSettings',
      { id: 'hearthid', url: 'chrome-extension://hearthid/popup.html' },
      false,
    ],
    ['a url that is not one', 'getStatus', { id: 'hearthid', url: 'not a url' }, false],
  ] as const)('%s', (_, type, sender, allowed) => {
    expect(senderAllowed(type, sender, OWN)).toBe(allowed);
  });

  test('Firefox origins work the same way', () => {
    const own = { id: 'hearth@hearth.invalid', origin: 'moz-extension://1234-abcd' };
    const url = 'moz-extension://1234-abcd/blocked.html#https://x.test/';
    expect(senderAllowed('stepPast', { id: own.id, url, frameId: 0 }, own)).toBe(true);
    expect(senderAllowed('stepPast', { id: own.id, url, frameId: 2 }, own)).toBe(false);
  });
});
