import { describe, expect, test } from 'vitest';
import { browser } from 'wxt/browser';
import { convergePageCatch, PAGE_CATCH_ID } from '@/utils/browser/page-catch';
import { reconcile } from '@/utils/browser/reconcile';
import { loadEnforcementReport, saveSettings } from '@/utils/browser/storage';
import { defaultSettings } from '@/utils/settings/schema';
import { parseAll } from '@/utils/sites/parse';
import type { RuleLists } from '@/utils/sites/rules';
import { systemTimeZone } from '@/utils/time/temporal';
import { installFakeDnr } from '../support/fake-dnr';
import { installExtensionStubs } from '../support/fake-extension';
import { installFakeScripting } from '../support/fake-scripting';
import { wall } from '../support/time';

installFakeDnr();
installExtensionStubs();
const scripting = installFakeScripting();

const lists = (block: string[], allow: string[] = [], grants: string[] = []): RuleLists => ({
  block: parseAll(block).patterns,
  allow: parseAll(allow).patterns,
  grants: parseAll(grants).patterns,
});
const NONE = lists([]);
const MAIL = 'https://mail.google.com/mail/u/0/#inbox';

describe('convergePageCatch', () => {
  test('registers one document_start script for the blocked sites, in every frame, kept across restarts', async () => {
    expect(await convergePageCatch(lists(['mail.google.com'], ['photos.google.com']))).toEqual({
      change: 'registered',
      uncovered: [],
    });
    expect(scripting.registered()).toEqual([
      {
        id: PAGE_CATCH_ID,
        js: ['/page-catch.js'],
        css: ['/page-catch.css'],
        matches: ['*://*.mail.google.com/*'],
        excludeMatches: ['*://*.photos.google.com/*'],
        runAt: 'document_start',
        allFrames: true,
        persistAcrossSessions: true,
      },
    ]);
    expect(scripting.runsAt(MAIL)).toBe(true);
    expect(scripting.runsAt('https://photos.google.com/')).toBe(false);
  });

  test('idempotent: the same lists touch nothing, even as the browser echoes them its own way', async () => {
    await browser.scripting.registerContentScripts([
      {
        id: PAGE_CATCH_ID,
        js: ['page-catch.js'],
        css: ['page-catch.css'],
        matches: ['*://*.slack.com/*', '*://*.mail.google.com/*'],
        excludeMatches: [],
        runAt: 'document_start',
        allFrames: true,
      },
    ]);
    const before = scripting.writes.length;
    expect((await convergePageCatch(lists(['mail.google.com', 'slack.com']))).change).toBe('kept');
    expect((await convergePageCatch(lists(['slack.com', 'mail.google.com']))).change).toBe('kept');
    expect(scripting.writes.length).toBe(before);
  });

  test('a step past is left out by updating the one script; nothing blocked unregisters it', async () => {
    await convergePageCatch(lists(['google.com']));
    const grant = lists(['google.com'], [], ['docs.google.com/document/d/abc']);
    expect((await convergePageCatch(grant)).change).toBe('updated');
    expect(scripting.registered()).toHaveLength(1);
    expect(scripting.registered()[0]?.persistAcrossSessions).toBe(true);
    expect(scripting.runsAt('https://docs.google.com/document/d/abc/edit')).toBe(false);
    expect(scripting.runsAt('https://docs.google.com/document/d/xyz/edit')).toBe(true);

    expect((await convergePageCatch(NONE)).change).toBe('unregistered');
    expect(scripting.registered()).toEqual([]);
    // Unregistering what is not there is refused by the browser: it is not asked.
    const before = scripting.writes.length;
    expect((await convergePageCatch(NONE)).change).toBe('kept');
    expect(scripting.writes.length).toBe(before);
  });

  test('a blocked site with a port is not put in a pattern (the browser refuses any port)', async () => {
    const withPort = lists(['mail.google.com', 'localhost:8080']);
    const caught = await convergePageCatch(withPort);
    expect(caught).toEqual({ change: 'registered', uncovered: [withPort.block[1]] });
    expect(scripting.runsAt(MAIL)).toBe(true);
    expect(scripting.runsAt('http://localhost:8080/')).toBe(false);
    // What it would have said is refused whole, and changes nothing:
    await expect(
      browser.scripting.updateContentScripts([
        { id: PAGE_CATCH_ID, js: ['/page-catch.js'], matches: ['*://localhost:8080/*'] },
      ]),
    ).rejects.toThrow(/invalid value for matches/);
    expect(scripting.registered()[0]?.matches).toEqual(['*://*.mail.google.com/*']);
  });
});

test('an update the browser refuses takes the old script away, so a step past is never stopped by it', async () => {
  await convergePageCatch(lists(['google.com']));
  const update = browser.scripting.updateContentScripts;
  browser.scripting.updateContentScripts = () => Promise.reject(new Error('refused'));
  try {
    await expect(
      convergePageCatch(lists(['google.com'], [], ['docs.google.com/document/d/abc'])),
    ).rejects.toThrow('refused');
  } finally {
    browser.scripting.updateContentScripts = update;
  }
  expect(scripting.registered()).toEqual([]);
  expect(scripting.runsAt('https://docs.google.com/document/d/abc')).toBe(false);
});

describe('reconcile converges the page catch with the rules', () => {
  const zone = systemTimeZone();
  const MONDAY_1700 = wall(zone, '2025-06-02T17:00');
  const MONDAY_1900 = wall(zone, '2025-06-02T19:00');

  test('on in family time, off after it; a refusal is told, the rest still happens', async () => {
    const fresh = installFakeScripting();
    await saveSettings(defaultSettings());
    await reconcile(() => MONDAY_1900);
    expect(fresh.runsAt(MAIL)).toBe(true);
    expect((await loadEnforcementReport()).failed).toEqual([]);
    await reconcile(() => MONDAY_1900);
    expect(fresh.writes).toHaveLength(1);

    await reconcile(() => MONDAY_1700);
    expect(fresh.registered()).toEqual([]);

    // A build without the script's file: the browser refuses; the rules and badge still go in.
    fresh.files.delete('page-catch.js');
    await reconcile(() => MONDAY_1900);
    expect(fresh.registered()).toEqual([]);
    expect((await loadEnforcementReport()).failed).toEqual(['page-catch']);
    expect(await browser.action.getBadgeText({})).not.toBe('');
  });
});
