import { afterEach, describe, expect, test, vi } from 'vitest';
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

afterEach(() => vi.unstubAllEnvs());

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

  test('in Firefox a blocked site with a port is not put in a pattern (it would refuse it)', async () => {
    const firefox = installFakeScripting({ ports: false });
    const withPort = lists(['mail.google.com', 'localhost:8080']);
    // What Chromium's patterns may say, Firefox's refuses, and the whole call changes nothing:
    await expect(convergePageCatch(withPort)).rejects.toThrow(/Invalid url pattern/);
    expect(firefox.registered()).toEqual([]);

    vi.stubEnv('BROWSER', 'firefox');
    const caught = await convergePageCatch(withPort);
    expect(caught.change).toBe('registered');
    expect(caught.uncovered).toEqual([withPort.block[1]]);
    expect(firefox.runsAt(MAIL)).toBe(true);
    expect(firefox.runsAt('http://localhost:8080/')).toBe(false);
    installFakeScripting(); // back to Chromium's for the rest of the file
  });
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
