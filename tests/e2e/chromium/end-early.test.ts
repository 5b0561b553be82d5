import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeWindow,
  HearthBrowser,
  NO_RUNTIME,
  plain,
  settingsWith,
} from '../../harness/chromium';
import { readHistoryInOptions } from '../support/history-page';

// Gentleness: "Ask the same before ending family time early". With it on, the
// popup's End button asks for a reason and a calm wait before it ends anything,
// and the reason is kept in history.
describe('Chromium: ending family time early with the friction the parent chose', () => {
  let hearth: HearthBrowser;
  const reason = 'Server is down and I am on call';

  beforeAll(async () => {
    hearth = await HearthBrowser.launch();
    const settings = settingsWith([activeWindow(90).window]);
    settings.gentleness = { ...settings.gentleness, endEarlyNeedsFriction: true, waitSeconds: 2 };
    await hearth.arrange({ settings, runtime: NO_RUNTIME });
    await hearth.settle(true);
  });

  afterAll(async () => {
    await hearth?.close();
  });

  it('asks for a reason and a calm wait, then ends family time and remembers why', async () => {
    const popup = await hearth.openExtensionPage('popup');
    await popup.getByRole('button', { name: 'End family time' }).click();

    // Nothing has ended yet: the form asks first.
    const confirm = popup.getByRole('button', { name: 'End family time now' });
    await confirm.waitFor();
    expect(await confirm.isDisabled()).toBe(true);
    expect((await hearth.enforcement()).rules).toBeGreaterThan(0);

    // "Keep family time" changes nothing.
    await popup.getByRole('button', { name: 'Keep family time' }).click();
    await popup.getByRole('button', { name: 'End family time' }).click();

    await popup.getByLabel('What needs you right now?').fill(reason);
    await expect.poll(() => confirm.isEnabled(), { timeout: 10_000 }).toBe(true);
    await confirm.click();

    await expect
      .poll(async () => plain(await popup.getByRole('heading', { level: 1 }).textContent()))
      .toMatch(/^Next: /);
    await hearth.settle(false);

    const history = await readHistoryInOptions(hearth);
    expect(history.some((line) => line.includes(`Family time ended early: “${reason}”`))).toBe(
      true,
    );
  });
});
