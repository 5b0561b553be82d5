import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionApi, HearthBrowser, pollFor } from '../../harness/chromium';
import { openOptions } from '../support/options-page';

declare const chrome: ExtensionApi;

const RETRY_ALARM = 'hearth-sync-retry';

interface Look {
  at: number;
  state: string;
  retryAt: number | null;
  /** When the retry alarm is due, while it has not fired yet. */
  alarmAt: number | null;
}

// When Chromium's real storage.sync refuses a write (full), the background
// sets the retry alarm; when that alarm fires, the background's own
// alarm -> flush path writes what waited. Nothing here calls flush by hand.
describe('Chromium: a refused sync write is retried when the retry alarm fires', () => {
  let hearth: HearthBrowser;

  beforeAll(async () => {
    hearth = await HearthBrowser.launch();
  });
  afterAll(async () => {
    await hearth?.close();
  });

  const look = (): Promise<Look> =>
    hearth.inWorker(async (name) => {
      const { syncStatus } = await chrome.storage.local.get('syncStatus');
      const status = syncStatus as { state: string; retryAt: number | null } | undefined;
      const alarm = await chrome.alarms.get(name);
      return {
        at: Date.now(),
        state: status?.state ?? 'none',
        retryAt: status?.retryAt ?? null,
        alarmAt: alarm?.scheduledTime ?? null,
      };
    }, RETRY_ALARM);

  it('sync full: the edit waits; room again: the alarm fires and the edit is written', async () => {
    const options = await openOptions(hearth);
    await pollFor('the first sync', async () => ((await look()).state === 'ok' ? true : undefined));

    // Another extension's worth of data fills storage.sync to the brim (step by step down).
    const filler = await hearth.inWorker(async () => {
      const keys: string[] = [];
      for (const size of [8000, 1000, 100, 10, 1]) {
        for (let i = 0; i < 200; i++) {
          const key = `filler-${size}-${i}`;
          try {
            await chrome.storage.sync.set({ [key]: 'x'.repeat(size) });
            keys.push(key);
          } catch {
            break;
          }
        }
      }
      return keys;
    }, undefined);
    expect(filler.length).toBeGreaterThan(0);

    const field = options.getByLabel('Site address', { exact: true });
    await field.fill('mail.work.test');
    await options.getByRole('button', { name: 'Add site', exact: true }).click();
    await options.getByText('Added mail.work.test.').waitFor();

    const refused = await pollFor(
      'sync to refuse the write and set the retry alarm',
      async () => {
        const l = await look();
        return l.state === 'refused' && l.alarmAt !== null ? l : undefined;
      },
      20_000,
    );
    expect(refused.alarmAt).toBe(refused.retryAt);
    expect(refused.alarmAt).toBeGreaterThan(refused.at);

    // Room again. Nothing writes before the retry is due: the alarm is what brings it back.
    await hearth.inWorker((keys) => chrome.storage.sync.remove(keys), filler);
    const looks: Look[] = [];
    await pollFor(
      'sync to be ok again',
      async () => {
        const l = await look();
        looks.push(l);
        return l.state === 'ok' ? true : undefined;
      },
      (refused.alarmAt ?? 0) - Date.now() + 30_000,
      250,
    );
    const okBeforeAlarm = looks.filter((l) => l.state === 'ok' && l.alarmAt !== null);
    expect(okBeforeAlarm, 'ok while the retry alarm was still pending').toEqual([]);
    expect(looks.filter((l) => l.state === 'refused').length).toBeGreaterThan(0);
    const firstOk = looks.find((l) => l.state === 'ok');
    expect(firstOk?.at ?? 0).toBeGreaterThanOrEqual(refused.alarmAt ?? Number.POSITIVE_INFINITY);
    // Right when it was due: the retry alarm's flush, not the next once-a-minute heartbeat.
    expect((firstOk?.at ?? 0) - (refused.alarmAt ?? 0)).toBeLessThan(10_000);
    expect(await hearth.inWorker((name) => chrome.alarms.get(name), RETRY_ALARM)).toBeUndefined();

    const synced = await hearth.inWorker(() => chrome.storage.sync.get(null), undefined);
    expect(JSON.stringify(synced)).toContain('mail.work.test');
    await options.close();
  });
});
