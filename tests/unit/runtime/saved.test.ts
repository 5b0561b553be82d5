import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addSaved,
  isSavable,
  isWebAddress,
  readSaved,
  type SavedPage,
} from '@/utils/runtime/saved';

const page = (id: string, url: string, savedAt = 1000): SavedPage => ({ id, url, savedAt });
const MAIL = 'https://mail.google.com/mail/u/0/#inbox';
const DOC = 'https://docs.google.com/document/d/abc/edit';

describe('saving a page for after', () => {
  test('a new page goes at the end of the list', () => {
    const list = addSaved([page('a', MAIL)], page('b', DOC, 2000));
    expect(list).toEqual([page('a', MAIL), page('b', DOC, 2000)]);
  });

  test('the same page saved twice is one entry, the first one', () => {
    const once = addSaved([], page('a', MAIL, 1000));
    const twice = addSaved(once, page('b', MAIL, 5000));
    expect(twice).toEqual([page('a', MAIL, 1000)]);
  });

  test('the list it was given is left as it was', () => {
    const list = [page('a', MAIL)];
    addSaved(list, page('b', DOC));
    addSaved(list, page('c', MAIL));
    expect(list).toEqual([page('a', MAIL)]);
  });

  test('however often pages are saved, each URL is there once, in the order first saved', () => {
    const urls = fc.constantFrom<string>(
      MAIL,
      DOC,
      'https://slack.com/',
      'https://github.com/org/repo',
    );
    fc.assert(
      fc.property(fc.array(urls, { maxLength: 20 }), (saves) => {
        let list: SavedPage[] = [];
        saves.forEach((url, i) => {
          list = addSaved(list, page(`p${i}`, url, i));
        });
        expect(list.map((p) => p.url)).toEqual([...new Set(saves)]);
        // Each kept entry is the first save of its URL.
        for (const p of list) expect(p.savedAt).toBe(saves.indexOf(p.url));
      }),
    );
  });
});

describe('reading the saved list from storage', () => {
  test.each([undefined, null, 'pages', 42, {}, { url: MAIL }])('%j reads as no pages', (raw) => {
    expect(readSaved(raw)).toEqual([]);
  });

  test('a stored list reads back as it was', () => {
    const list = [page('a', MAIL, 1), page('b', DOC, 2)];
    expect(readSaved(JSON.parse(JSON.stringify(list)))).toEqual(list);
  });

  test('one damaged entry does not lose the other pages', () => {
    const raw = [
      page('a', MAIL, 1),
      { id: 'b', url: 'not a url', savedAt: 2 },
      { id: 'c', savedAt: 3 },
      page('d', `https://mail.google.com/?q=${'x'.repeat(9000)}`, 4),
      'junk',
      page('e', DOC, 5),
    ];
    expect(readSaved(raw)).toEqual([page('a', MAIL, 1), page('e', DOC, 5)]);
  });
});

describe('only web pages are saved for after', () => {
  test.each([
    ['javascript:alert(1)', false],
    ['data:text/html,<b>hi</b>', false],
    ['file:///etc/passwd', false],
    ['chrome://settings', false],
    ['ftp://example.com/a', false],
    ['not a url', false],
    ['http://intranet.example/x', true],
    [MAIL, true],
  ])('%s: %s', (url, savable) => {
    expect(isSavable(url)).toBe(savable);
    expect(isWebAddress(url)).toBe(savable);
  });

  test('a stored list with a javascript: page keeps only the web pages', () => {
    const stored = [page('a', 'javascript:alert(1)'), page('b', MAIL), page('c', 'data:,x')];
    expect(readSaved(stored)).toEqual([page('b', MAIL)]);
  });

  test('a web address too long to keep is not savable, but is a web address', () => {
    const long = `https://example.com/${'a'.repeat(9000)}`;
    expect(isWebAddress(long)).toBe(true);
    expect(isSavable(long)).toBe(false);
  });
});
