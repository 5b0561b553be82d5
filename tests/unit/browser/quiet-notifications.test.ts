import { beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { handleMessage } from '@/utils/browser/actions';
import { clearHistory } from '@/utils/browser/history-store';
import { reconcile } from '@/utils/browser/reconcile';
import { loadQuieted, saveQuieted, saveQuietSetting, saveSettings } from '@/utils/browser/storage';
import { defaultSettings, type SiteRecord } from '@/utils/settings/schema';
import { systemTimeZone } from '@/utils/time/temporal';
import { installFakeContentSettings } from '../support/fake-content-settings';
import { installFakeDnr } from '../support/fake-dnr';
import { installExtensionStubs } from '../support/fake-extension';
import { MINUTE, wall } from '../support/time';

const dnr = installFakeDnr();
installExtensionStubs();
const cs = installFakeContentSettings();

// Default settings: weekdays 18:00-20:30 in the process zone, every preset on
// (mail.google.com, slack.com, ... are blocked). 2025-06-02 is a Monday.
const zone = systemTimeZone();
const at = (t: string) => wall(zone, t);
const MONDAY_1700 = at('2025-06-02T17:00');
const MONDAY_1900 = at('2025-06-02T19:00');
const MONDAY_2030 = at('2025-06-02T20:30');
const TUESDAY_0800 = at('2025-06-03T08:00');

const MAIL = 'https://mail.google.com/mail/u/0/#inbox';
const SLACK = 'https://acme.slack.com/client';
const WIKI = 'https://en.wikipedia.org/wiki/Hearth';
const MEET = 'https://meet.google.com/abc-defg-hij';

/** What the parent chose themselves, before Hearth did anything. */
function parentChoices() {
  cs.parentSets('https://mail.google.com:443/*', 'allow');
  cs.parentSets('https://acme.slack.com:443/*', 'block');
  cs.parentSets('https://en.wikipedia.org:443/*', 'allow');
}

const effective = () => ({
  mail: cs.effective(MAIL),
  slack: cs.effective(SLACK),
  wiki: cs.effective(WIKI),
});
const BEFORE = { mail: 'allow', slack: 'block', wiki: 'allow' };

function site(pattern: string, list: SiteRecord['list']): SiteRecord {
  return { id: `s-${pattern}`, pattern, list, updatedAt: 0 };
}

beforeEach(async () => {
  vi.restoreAllMocks();
  cs.restore();
  await clearHistory();
  parentChoices();
  await saveQuietSetting(true);
});

describe('quiet work notifications through reconcile', () => {
  test('before family time nothing is touched', async () => {
    await reconcile(() => MONDAY_1700);
    expect(cs.extensionSettings()).toEqual({});
    expect(cs.calls).toEqual([]);
    expect(effective()).toEqual(BEFORE);
  });

  test('start: blocked sites go quiet, the rest keep what the parent chose', async () => {
    const parent = cs.parentSettings();
    await reconcile(() => MONDAY_1900);
    expect(effective()).toEqual({ mail: 'block', slack: 'block', wiki: 'allow' });
    expect(cs.parentSettings()).toEqual(parent); // never written to
    expect(cs.extensionSettings()['*://*.mail.google.com/*']).toBe('block');
    expect(await loadQuieted()).toMatchObject({ complete: true });
  });

  test('during: a heartbeat sets nothing again', async () => {
    await reconcile(() => MONDAY_1900);
    const calls = cs.calls.length;
    await reconcile(() => MONDAY_1900 + MINUTE);
    expect(cs.calls.length).toBe(calls);
  });

  test('end: every site is exactly what the parent had set, nothing of Hearth left', async () => {
    await reconcile(() => MONDAY_1900);
    await reconcile(() => MONDAY_2030);
    expect(effective()).toEqual(BEFORE);
    expect(cs.extensionSettings()).toEqual({});
    expect(await loadQuieted()).toBeNull();
  });

  test('end early restores', async () => {
    await reconcile(() => MONDAY_1900);
    await handleMessage(
      { type: 'endFamilyTime', reason: 'the kids are asleep' },
      MONDAY_1900 + 10 * MINUTE,
    );
    expect(effective()).toEqual(BEFORE);
    expect(cs.extensionSettings()).toEqual({});
  });

  test('the setting turned off mid-evening restores at once, family time goes on', async () => {
    await reconcile(() => MONDAY_1900);
    await saveQuietSetting(false);
    const desired = await reconcile(() => MONDAY_1900 + 5 * MINUTE);
    expect(desired.schedule.active).toBe(true);
    expect(dnr.installed().length).toBeGreaterThan(0);
    expect(effective()).toEqual(BEFORE);
    expect(cs.extensionSettings()).toEqual({});
  });

  test('the browser closed during family time: the next start restores', async () => {
    await reconcile(() => MONDAY_1900);
    // Nothing runs while the browser is closed; it starts again the next morning.
    await reconcile(() => TUESDAY_0800);
    expect(effective()).toEqual(BEFORE);
    expect(cs.extensionSettings()).toEqual({});
  });

  test('killed half way through quieting: the next run sets it whole', async () => {
    // The record was written, one pattern set, then the background died.
    await saveQuieted({ patterns: ['*://*.mail.google.com/*'], complete: false });
    await cs.set({ primaryPattern: '*://*.mail.google.com/*', setting: 'block' });
    await reconcile(() => MONDAY_1900);
    expect(effective()).toEqual({ mail: 'block', slack: 'block', wiki: 'allow' });
    expect(cs.effective('https://app.asana.com/')).toBe('block');
    expect(await loadQuieted()).toMatchObject({ complete: true });
  });

  test('killed half way through quieting, after family time: the next run clears', async () => {
    await saveQuieted({ patterns: ['*://*.mail.google.com/*'], complete: false });
    await cs.set({ primaryPattern: '*://*.mail.google.com/*', setting: 'block' });
    await reconcile(() => MONDAY_2030 + MINUTE);
    expect(effective()).toEqual(BEFORE);
    expect(await loadQuieted()).toBeNull();
  });

  test('a step past opens the site, not its notifications', async () => {
    await reconcile(() => MONDAY_1900);
    // The reminder's form opened, and the calm wait passed, before the step past.
    await handleMessage({ type: 'openFriction', purpose: 'step-past' }, MONDAY_1900);
    const answer = await handleMessage(
      { type: 'stepPast', url: MAIL, reason: 'the school wrote', minutes: 10 },
      MONDAY_1900 + MINUTE,
    );
    expect(answer).toMatchObject({ ok: true });
    await reconcile(() => MONDAY_1900 + 2 * MINUTE);
    expect(cs.effective(MAIL)).toBe('block');
  });

  test('an allowed site is never touched, even inside a blocked one', async () => {
    const settings = defaultSettings();
    settings.sites = [site('google.com', 'block'), site('meet.google.com', 'allow')];
    await saveSettings(settings);
    cs.parentSets('https://meet.google.com:443/*', 'allow');
    await reconcile(() => MONDAY_1900);
    expect(cs.effective(MEET)).toBe('allow');
    expect(cs.effective('https://google.com/')).toBe('block');
    expect(Object.keys(cs.extensionSettings())).not.toContain('*://*.google.com/*');
  });

  test('a site added mid-evening goes quiet; one removed gets the parent’s choice back', async () => {
    await reconcile(() => MONDAY_1900);
    const settings = defaultSettings();
    settings.presets.mail = false;
    settings.sites = [site('en.wikipedia.org', 'block')];
    await saveSettings(settings);
    await reconcile(() => MONDAY_1900 + MINUTE);
    expect(effective()).toEqual({ mail: 'allow', slack: 'block', wiki: 'block' });
  });

  test('off by default: nothing is touched in family time', async () => {
    await saveQuietSetting(false);
    await reconcile(() => MONDAY_1900);
    expect(cs.calls).toEqual([]);
    expect(effective()).toEqual(BEFORE);
  });

  test('a browser without contentSettings (Firefox): nothing throws, blocking goes on', async () => {
    cs.remove();
    const desired = await reconcile(() => MONDAY_1900);
    expect(desired.schedule.active).toBe(true);
    expect(dnr.installed().length).toBeGreaterThan(0);
    expect(await loadQuieted()).toBeNull();
    await expect(reconcile(() => MONDAY_2030)).resolves.toMatchObject({});
    expect(cs.calls).toEqual([]);
  });

  test('a browser refusing to clear does not stop the badge', async () => {
    await reconcile(() => MONDAY_1900);
    vi.spyOn(cs, 'clear').mockRejectedValue(new Error('gone'));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await reconcile(() => MONDAY_2030);
    expect(await browser.action.getBadgeText({})).toBe('');
    expect(await browser.alarms.get('hearth-heartbeat')).toBeDefined();
    // The record stays, so the next run tries again.
    expect(await loadQuieted()).not.toBeNull();
  });
});
