import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackup } from '../../../utils/backup/format';
import { canonical } from '../../../utils/sync/canonical';
import {
  activeWindow,
  type ExtensionApi,
  HearthBrowser,
  NO_RUNTIME,
  reminderUrlFor,
  settingsWith,
} from '../../harness/chromium';
import {
  chooseBackup,
  openOptions,
  pollFor,
  storedSettings,
  syncItems,
} from '../support/backup-flows';
import { readHistoryInOptions } from '../support/history-page';
import { axeViolations, SCREENSHOTS } from '../support/look';

declare const chrome: ExtensionApi;

// Trust, in the real browser: damaged settings never spread through sync, the
// friction the parent chose holds even against a hand-made message, a change
// that loosens family time asks the same as ending it early, and a hostile
// backup file gets a message and changes nothing.

/** The live records storage.sync holds, as "key: value" text (sites are packed in chunks). */
async function liveRecords(hearth: HearthBrowser): Promise<string> {
  const items = await syncItems(hearth);
  return Object.entries(items)
    .filter(([, v]) => !(typeof v === 'object' && v !== null && 'gone' in v))
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .sort()
    .join('\n');
}

describe('Chromium: trust', () => {
  let hearth: HearthBrowser;

  beforeAll(async () => {
    hearth = await HearthBrowser.launch();
  });
  afterAll(async () => {
    await hearth?.close();
  });

  it('corrupt local settings, then a note from the popup: sync still holds every record, and the parent is told', async () => {
    const settings = settingsWith([activeWindow(90).window]);
    settings.notes = [
      {
        id: 'lego',
        text: 'Finish the Lego tower with Leo',
        kind: 'standing',
        date: null,
        child: 'Leo',
        createdAt: Date.now(),
        updatedAt: Date.now(),
      },
    ];
    await hearth.arrange({ settings, runtime: NO_RUNTIME });
    await pollFor(
      'the note and the site in storage.sync',
      async () => {
        const text = await liveRecords(hearth);
        return text.includes('Lego tower') && text.includes('work.test') ? true : undefined;
      },
      30_000,
    );
    const before = await liveRecords(hearth);

    await hearth.inWorker(
      () => chrome.storage.local.set({ settings: '{"windows": [brok' }),
      undefined,
    );

    const popup = await hearth.openExtensionPage('popup');
    await popup
      .getByText(
        "Hearth's settings on this device could not be read, so they were brought back from sync.",
        {
          exact: false,
        },
      )
      .waitFor({ timeout: 15_000 });
    await popup.getByLabel('A note for tonight').fill('Bath, then two chapters');
    await popup.getByLabel('A note for tonight').press('Enter');
    await popup.getByText('Saved', { exact: true }).waitFor();

    // Every record sync held is still there; the new note joins them.
    await pollFor(
      'the new note in storage.sync',
      async () => ((await liveRecords(hearth)).includes('two chapters') ? true : undefined),
      30_000,
    );
    const after = await liveRecords(hearth);
    for (const line of before.split('\n').filter((l) => !l.startsWith('hearth'))) {
      const key = line.split(':')[0] ?? '';
      expect(after).toContain(`${key}:`);
    }
    expect(after).toContain('Lego tower');
    expect(after).toContain('work.test');
    const restored = await storedSettings(hearth);
    expect(restored.notes.map((n) => n.text).sort()).toEqual([
      'Bath, then two chapters',
      'Finish the Lego tower with Leo',
    ]);
    await popup.close();
  });

  it('a step-past message sent from the reminder page with no wait is refused', async () => {
    const settings = settingsWith([activeWindow(90).window]);
    await hearth.arrange({ settings, runtime: NO_RUNTIME });
    await hearth.settle(true);
    const reminder = await hearth.context.newPage();
    await reminder.goto(reminderUrlFor(hearth, 'http://mail.work.test/inbox'));
    await reminder.getByRole('button', { name: 'I need this site for a moment' }).waitFor();
    // What someone with the developer tools open could send.
    const answer = await reminder.evaluate(() =>
      chrome.runtime.sendMessage({
        type: 'stepPast',
        url: 'http://mail.work.test/inbox',
        reason: 'the school emailed about tomorrow',
        minutes: 10,
        waitedSeconds: 999,
      }),
    );
    expect(answer).toEqual({ ok: false, error: 'too-soon' });
    const { runtime } = await hearth.inWorker(() => chrome.storage.local.get('runtime'), undefined);
    expect((runtime as { grants: unknown[] }).grants).toEqual([]);
    await reminder.close();
  });

  it('turning a preset off during family time with end-early friction on: the friction is asked, and the history says so', async () => {
    const settings = settingsWith([activeWindow(90).window]);
    settings.gentleness = { ...settings.gentleness, endEarlyNeedsFriction: true, waitSeconds: 2 };
    await hearth.arrange({ settings, runtime: NO_RUNTIME });
    await hearth.settle(true);
    const page = await openOptions(hearth);
    const mail = page
      .getByRole('group', { name: 'Common work sites' })
      .getByRole('checkbox', { name: 'Mail' });
    expect(await mail.isChecked()).toBe(true);
    await mail.click();

    const dialog = page.getByRole('dialog', { name: 'This loosens family time' });
    await dialog.waitFor();
    // Nothing changed yet, and the box shows it.
    expect((await storedSettings(hearth)).presets.mail).toBe(true);
    expect(await mail.isChecked()).toBe(true);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.screenshot({ path: join(SCREENSHOTS, `trust-loosen-dialog-${scheme}.png`) });
    }
    expect(await axeViolations(page)).toEqual([]);
    const confirm = dialog.getByRole('button', { name: 'Make the change' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('What needs you right now?').fill('Waiting on the school email');
    await expect.poll(() => confirm.isEnabled(), { timeout: 10_000 }).toBe(true);
    await confirm.click();
    await dialog.waitFor({ state: 'detached' });
    await pollFor('mail preset off in storage', async () =>
      (await storedSettings(hearth)).presets.mail === false ? true : undefined,
    );
    await page.close();

    const history = await readHistoryInOptions(hearth);
    expect(
      history.some((line) =>
        line.includes(
          'Changed during family time: a group of work sites switched off — “Waiting on the school email”',
        ),
      ),
    ).toBe(true);
  });

  it('a hand-made settings message that loosens during family time, friction skipped: refused, nothing changes', async () => {
    const settings = settingsWith([activeWindow(90).window]);
    settings.gentleness = { ...settings.gentleness, endEarlyNeedsFriction: true, waitSeconds: 20 };
    await hearth.arrange({ settings, runtime: NO_RUNTIME });
    await hearth.settle(true);
    const historyBefore = await readHistoryInOptions(hearth);
    const stored = await storedSettings(hearth);
    const before = canonical(stored);
    const page = await openOptions(hearth);
    // What someone at the options page's developer tools could send.
    const answers = await page.evaluate(async (base) => {
      const next = { ...base, presets: { ...base.presets, mail: false } };
      const send = (extra: object) =>
        chrome.runtime.sendMessage({ type: 'saveSettings', base, next, ...extra });
      return [await send({}), await send({ reason: 'the school wrote to us' })];
    }, stored);
    expect(answers).toEqual([
      { ok: false, error: 'needs-friction', what: ['preset-off'] },
      { ok: false, error: 'too-soon', what: ['preset-off'] },
    ]);
    await page.close();
    expect(canonical(await storedSettings(hearth))).toBe(before);
    expect(await readHistoryInOptions(hearth)).toEqual(historyBefore);
    expect((await hearth.enforcement()).rules).toBeGreaterThan(0);
  });

  it('a site added during family time and the page closed at once: the closing save reaches the background, which blocks it', async () => {
    const settings = settingsWith([activeWindow(90).window]);
    await hearth.arrange({ settings, runtime: NO_RUNTIME });
    await hearth.settle(true);
    const page = await openOptions(hearth);
    const list = page
      .locator('.site-list')
      .filter({ has: page.getByRole('heading', { name: 'Also keep away' }) });
    await list.getByLabel('Site address').fill('closing.play.test');
    await list.getByLabel('Site address').press('Enter');
    // Still waiting on the short save delay: only the closing save can carry it.
    expect(await page.locator('.save-state').textContent()).toBe('Saving…');
    await page.close();
    await pollFor('the site stored', async () =>
      (await storedSettings(hearth)).sites.some((s) => s.pattern === 'closing.play.test')
        ? true
        : undefined,
    );
    await pollFor('its rule installed', async () => {
      const rules = await hearth.inWorker(
        () => chrome.declarativeNetRequest.getDynamicRules(),
        undefined,
      );
      return JSON.stringify(rules).includes('closing.play.test') ? true : undefined;
    });
  });

  it('a backup that would switch a group off during family time asks the same friction, and the history says so', async () => {
    const settings = settingsWith([activeWindow(90).window]);
    settings.gentleness = { ...settings.gentleness, endEarlyNeedsFriction: true, waitSeconds: 2 };
    await hearth.arrange({ settings, runtime: NO_RUNTIME });
    await hearth.settle(true);
    const stored = await storedSettings(hearth);
    const file = join(tmpdir(), `hearth-loosening-${process.pid}.json`);
    const backup = buildBackup({ ...stored, presets: { ...stored.presets, mail: false } }, null, {
      now: new Date(),
      app: 'Hearth test',
    });
    await writeFile(file, JSON.stringify(backup));
    const page = await openOptions(hearth);
    await chooseBackup(page, file);
    await page.getByRole('button', { name: 'Replace' }).click();
    const dialog = page.getByRole('dialog', { name: 'This loosens family time' });
    await dialog.waitFor();
    // Nothing of the file is written before the friction is met.
    expect((await storedSettings(hearth)).presets.mail).toBe(true);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.screenshot({ path: join(SCREENSHOTS, `trust-import-loosen-${scheme}.png`) });
    }
    expect(await axeViolations(page)).toEqual([]);
    const confirm = dialog.getByRole('button', { name: 'Make the change' });
    await dialog.getByLabel('What needs you right now?').fill('Restoring last week');
    await expect.poll(() => confirm.isEnabled(), { timeout: 10_000 }).toBe(true);
    await confirm.click();
    await dialog.waitFor({ state: 'detached' });
    await pollFor('mail preset off after the import', async () =>
      (await storedSettings(hearth)).presets.mail === false ? true : undefined,
    );
    await page.close();
    const history = await readHistoryInOptions(hearth);
    expect(history.some((line) => line.includes('“Restoring last week”'))).toBe(true);
  });

  it('allowing google.com warns before saving, naming the blocked sites it would let through', async () => {
    const settings = settingsWith([activeWindow(90).window]);
    await hearth.arrange({ settings, runtime: NO_RUNTIME });
    const page = await openOptions(hearth);
    const allow = page.getByLabel('Site address to let through');
    await allow.fill('google.com');
    await allow.press('Enter');
    const warning = page
      .getByRole('alert')
      .filter({ hasText: 'Allowing google.com would also let through' });
    await warning.waitFor();
    const said = (await warning.textContent()) ?? '';
    expect(said).toContain('mail.google.com');
    expect(said).toContain('docs.google.com');
    expect((await storedSettings(hearth)).sites.some((s) => s.list === 'allow')).toBe(false);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await warning.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, `trust-allow-warning-${scheme}.png`) });
    }
    await page.getByRole('button', { name: 'Keep them blocked' }).click();
    await warning.waitFor({ state: 'detached' });
    expect((await storedSettings(hearth)).sites.some((s) => s.list === 'allow')).toBe(false);
    await page.close();
  });

  it('a backup file nested 200,000 deep: a clear message, and nothing changes', async () => {
    const before = canonical(await storedSettings(hearth));
    const depth = 200_000;
    const file = join(tmpdir(), `hearth-deep-${process.pid}.json`);
    await writeFile(
      file,
      `{"format":"hearth-backup","version":1,"exportedAt":"2026-01-01T00:00:00.000Z","settings":{"version":1},"x":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    );
    const page = await openOptions(hearth);
    await chooseBackup(page, file);
    await page
      .getByText(
        'This file is nested far deeper than a Hearth backup ever is, so it was not read. Nothing was changed.',
      )
      .waitFor({ timeout: 10_000 });
    expect(canonical(await storedSettings(hearth))).toBe(before);
    await page.close();
  });
});
