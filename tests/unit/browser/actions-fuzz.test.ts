import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { browser } from 'wxt/browser';
import { handleMessage } from '@/utils/browser/actions';
import { clearHistory } from '@/utils/browser/history-store';
import { reconcile } from '@/utils/browser/reconcile';
import { MessageSchema, parseMessage } from '@/utils/messages';
import { defaultSettings } from '@/utils/settings/schema';
import { systemTimeZone } from '@/utils/time/temporal';
import { installFakeDnr, outcome } from '../support/fake-dnr';
import { installExtensionStubs } from '../support/fake-extension';
import { installBrowserRecords } from '../support/recording-browser';
import { wall } from '../support/time';

const dnr = installFakeDnr();
installExtensionStubs();
installBrowserRecords();

/** Runs in CI at this size; FUZZ_RUNS=2000 by hand. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const MONDAY_1900 = wall(systemTimeZone(), '2025-06-02T19:00');
const MAIL = 'https://mail.google.com/mail/u/0/#inbox';
const TYPES = MessageSchema.options.map((o) => o.entries.type.literal);

// Every payload a page (or someone at the developer tools) could send the
// background: never a throw out of the handler, and never blocking switched
// off. The parent chose friction for ending early and a 10-minute wait, so no
// message sent within the same instant may legitimately end anything.
describe('every message handler on arbitrary payloads', () => {
  const arrange = async () => {
    const settings = defaultSettings();
    settings.gentleness = { ...settings.gentleness, endEarlyNeedsFriction: true, waitSeconds: 600 };
    await browser.storage.local.set({
      settings,
      runtime: { session: null, pause: null, grants: [] },
    });
    await browser.storage.local.remove('frictionOpened');
    await reconcile(() => MONDAY_1900);
  };
  beforeAll(async () => {
    await clearHistory();
    await arrange();
    expect(outcome(dnr.installed(), MAIL).action).toBe('redirect');
  });

  // Whole settings a page could send: windows off, groups off, sites gone, friction lowered.
  const settingsArb = fc
    .record({
      windowsOff: fc.boolean(),
      presetsOff: fc.boolean(),
      sitesGone: fc.boolean(),
      noFriction: fc.boolean(),
    })
    .map(({ windowsOff, presetsOff, sitesGone, noFriction }) => {
      const s = defaultSettings();
      if (windowsOff) s.windows = [];
      if (presetsOff)
        s.presets = Object.fromEntries(
          Object.keys(s.presets).map((k) => [k, false]),
        ) as typeof s.presets;
      if (sitesGone) s.sites = [];
      if (noFriction)
        s.gentleness = { ...s.gentleness, endEarlyNeedsFriction: false, waitSeconds: 0 };
      return s;
    });
  const field = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(MAIL, 'javascript:alert(1)', '', 'x'.repeat(9000), -1, 1e308, 10, 'tonight'),
  );
  const shaped = fc.record(
    {
      type: fc.constantFrom(...TYPES),
      url: field,
      fragment: field,
      reason: field,
      minutes: field,
      text: field,
      kind: field,
      child: field,
      id: field,
      tabIds: field,
      purpose: fc.oneof(field, fc.constantFrom('step-past', 'end-early', 'loosen')),
      what: fc.oneof(field, fc.constant(['preset-off'])),
      via: fc.oneof(field, fc.constantFrom('edit', 'import')),
      base: fc.oneof(field, fc.constant(null), settingsArb),
      next: fc.oneof(field, settingsArb),
    },
    { requiredKeys: ['type'] },
  );
  const payload = fc.oneof(fc.jsonValue({ maxDepth: 4 }), shaped);

  test('never throws, never hangs, never leaves blocking off', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(payload, { minLength: 1, maxLength: 4 }), async (sent) => {
        await arrange();
        for (const raw of sent) {
          const message = parseMessage(raw);
          if (!message) continue;
          // Opening a window or tabs is the parent's own doing; the rest must hold.
          await expect(handleMessage(message, MONDAY_1900)).resolves.not.toThrow();
        }
        await reconcile(() => MONDAY_1900);
        const status = await handleMessage({ type: 'getStatus' }, MONDAY_1900);
        expect(status.active).toBe(true);
        expect(outcome(dnr.installed(), MAIL).action).toBe('redirect');
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
