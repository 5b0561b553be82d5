import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../utils/runtime/runtime';
import {
  activeWindow,
  type ExtensionApi,
  HearthBrowser,
  NO_RUNTIME,
  plain,
  settingsWith,
} from '../../harness/chromium';
import { readHistoryInOptions } from '../support/history-page';

declare const chrome: ExtensionApi;

// Gentleness: "Ask the same before ending family time early". With it on, the
// popup's End button asks for a reason and a calm wait before it ends anything,
// and the reason is kept in history.
describe('Chromium: ending family time early with the friction the parent chose', () => {
  let hearth: HearthBrowser;
  const reason = 'Server is down and I am on call';

  beforeAll(async () => {
    hearth = await HearthBrowser.launch();
    const settings = settingsWith([activeWindow(90).window]);
    settings.gentleness = { ...settings.gentleness, endEarlyNeedsFriction: true, waitSeconds: 4 };
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
    const reasonField = popup.getByLabel('What needs you right now?');
    const timer = popup.getByRole('timer');
    await confirm.waitFor();
    expect(await confirm.isDisabled()).toBe(true);
    expect((await hearth.enforcement()).rules).toBeGreaterThan(0);

    // A reason written while the calm wait runs does not open the way: the wait alone holds it.
    await reasonField.fill(reason);
    const duringWait = await popup.evaluate(() => ({
      waiting: document.querySelector('[role="timer"]') !== null,
      disabled: [...document.querySelectorAll('button')].find(
        (b) => b.textContent?.trim() === 'End family time now',
      )?.disabled,
    }));
    expect(duringWait).toEqual({ waiting: true, disabled: true });

    // "Keep family time" changes nothing: the form goes, family time stays on, nothing recorded.
    await popup.getByRole('button', { name: 'Keep family time' }).click();
    await confirm.waitFor({ state: 'detached' });
    await popup.getByRole('button', { name: 'End family time' }).waitFor();
    expect(plain(await popup.getByRole('heading', { level: 1 }).textContent())).toMatch(
      /^Family time until /,
    );
    const still = await hearth.enforcement();
    expect(still.badge).toBe('on');
    expect(still.rules).toBeGreaterThan(0);
    const runtime = await hearth.inWorker(
      async () => (await chrome.storage.local.get('runtime')).runtime as Runtime,
      undefined,
    );
    expect(runtime.pause).toBeNull();

    // Asked again: once the calm wait is over, a missing reason alone keeps the way closed.
    await popup.bringToFront();
    await popup.getByRole('button', { name: 'End family time' }).click();
    await confirm.waitFor();
    await reasonField.fill('');
    await timer.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await confirm.isDisabled()).toBe(true);

    await reasonField.fill(reason);
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
    // One ending, the confirmed one: "Keep family time" recorded none.
    expect(history.filter((line) => line.includes('ended early'))).toHaveLength(1);
  });
});
