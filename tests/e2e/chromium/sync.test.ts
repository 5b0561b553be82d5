import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionApi, HearthBrowser } from '../../harness/chromium';
import { openOptions, pollFor } from '../support/backup-flows';

declare const chrome: ExtensionApi;

// Sync's limits are design limits: with far more sites than storage.sync
// holds, Chromium's real storage.sync accepts every write Hearth makes, no
// item passes its per-item limit, and the settings page says, calmly, how
// many sites stay on this device only.

describe('Chromium: sync within the real storage.sync quotas', () => {
  let hearth: HearthBrowser;

  beforeAll(async () => {
    hearth = await HearthBrowser.launch();
  });
  afterAll(async () => {
    await hearth?.close();
  });

  it('5,000 pasted sites: every write accepted, items under the limits, and a notice of what stays here', async () => {
    const page = await openOptions(hearth);
    const lines = Array.from(
      { length: Number(process.env.N ?? 5000) },
      (_, i) => `site-${i}.work-${i % 97}.example.com`,
    );
    // What a paste leaves in the field: the whole list at once, then an input event. (fill() types
    // 150 KB through the input method, which takes minutes; an extension page cannot be granted
    // clipboard access for a real Ctrl+V.)
    const field = page.getByLabel('Paste many sites, one per line');
    await field.focus();
    await field.evaluate((el: HTMLTextAreaElement, text) => {
      el.value = text;
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }, lines.join('\n'));
    await page.getByRole('button', { name: 'Add these sites' }).click();
    await page.getByText(`Added ${lines.length}.`).waitFor({ timeout: 30_000 });

    const status = await pollFor(
      'sync to settle with sites kept on this device',
      async () => {
        const { syncStatus } = await hearth.inWorker(
          () => chrome.storage.local.get('syncStatus'),
          undefined,
        );
        const s = syncStatus as { state: string; localOnly: { site?: number } } | undefined;
        return s && s.state === 'ok' && (s.localOnly.site ?? 0) > 0 ? s : undefined;
      },
      30_000,
    );

    const measured = await hearth.inWorker(async () => {
      const area = chrome.storage.sync;
      const keys = Object.keys(await area.get(null));
      const sizes = await Promise.all(keys.map((k) => area.getBytesInUse(k)));
      return {
        items: keys.length,
        largest: Math.max(...sizes),
        total: await area.getBytesInUse(null),
        limits: {
          quota: area.QUOTA_BYTES,
          perItem: area.QUOTA_BYTES_PER_ITEM,
          maxItems: area.MAX_ITEMS,
        },
        sites: Object.entries(await area.get(null))
          .filter(([k]) => k.startsWith('s:'))
          .reduce((n, [, chunk]) => n + Object.keys(chunk as object).length, 0),
      };
    }, undefined);
    console.info(
      `Chromium storage.sync with 5,000 sites: ${measured.items} items, largest ${measured.largest} B, ` +
        `total ${measured.total} B of ${measured.limits.quota}; ${measured.sites} sites synced, ` +
        `${status.localOnly.site} on this device only`,
    );
    expect(measured.total).toBeLessThanOrEqual(measured.limits.quota);
    expect(measured.largest).toBeLessThanOrEqual(measured.limits.perItem);
    expect(measured.items).toBeLessThanOrEqual(measured.limits.maxItems);
    expect(measured.sites + (status.localOnly.site ?? 0)).toBe(lines.length);

    // The calm notice stands in the Sync section, and in the coverage panel too.
    const fullNotice =
      /^Sync is full: \d+ sites are kept on this device only\. They still work here\.$/;
    for (const section of ['Sync & backup', 'What Hearth can see']) {
      const notice = page.getByRole('region', { name: section }).getByText(fullNotice);
      await notice.waitFor();
      expect(await notice.textContent()).toContain(`${status.localOnly.site} sites`);
    }
  });
});
