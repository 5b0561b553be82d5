import { describe, expect, test } from 'vitest';
import { parseMessage } from '@/utils/messages';
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
        waitedSeconds: 20,
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
    ];
    for (const message of bad) expect(parseMessage(message)).toBeNull();
  });
});
