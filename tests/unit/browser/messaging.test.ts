import { afterEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { send } from '@/utils/browser/messaging';

const UNDELIVERED = 'Could not establish connection. Receiving end does not exist.';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** Makes the background turn away the first `failures` sends, then answer. */
function backgroundAfter(failures: number, error = new Error(UNDELIVERED)) {
  let calls = 0;
  const spy = vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(async () => {
    calls += 1;
    if (calls <= failures) throw error;
    return { ok: true };
  });
  return spy;
}

describe('send()', () => {
  test('asks again when Firefox turned the message away mid-shutdown, and gets the answer', async () => {
    const spy = backgroundAfter(2);
    await expect(send({ type: 'addNote', text: 'Lego tower', kind: 'tonight' })).resolves.toEqual({
      ok: true,
    });
    expect(spy).toHaveBeenCalledTimes(3);
  });

  test('gives up after a few seconds of tries and passes the error on', async () => {
    vi.useFakeTimers();
    const spy = backgroundAfter(99);
    const sent = send({ type: 'getStatus' });
    const settled = sent.then(
      () => 'answered',
      (error: Error) => error.message,
    );
    // Still asking after a second: a busy machine's worker may take that long to start.
    await vi.advanceTimersByTimeAsync(1_000);
    const triesAfterASecond = spy.mock.calls.length;
    expect(triesAfterASecond).toBeGreaterThan(1);
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(settled).resolves.toBe(UNDELIVERED);
    expect(spy.mock.calls.length).toBeGreaterThan(triesAfterASecond);
    expect(spy.mock.calls.length).toBeLessThan(10);
  });

  test('never repeats a message that reached the background and failed there', async () => {
    const spy = backgroundAfter(1, new Error('storage quota exceeded'));
    await expect(send({ type: 'endFamilyTime' })).rejects.toThrow('storage quota exceeded');
    expect(spy).toHaveBeenCalledTimes(1);
  });

  test('asks again when the background was stopped mid-answer, for a message safe to repeat', async () => {
    const cut = new Error(
      'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received',
    );
    const spy = backgroundAfter(1, cut);
    await expect(send({ type: 'startFamilyTime' })).resolves.toEqual({ ok: true });
    expect(spy).toHaveBeenCalledTimes(2);

    spy.mockRestore();
    // A step-past may have been granted before the cut: asking again would spend another.
    const once = backgroundAfter(1, cut);
    await expect(
      send({
        type: 'stepPast',
        url: 'https://mail.example/',
        reason: 'x',
        minutes: 5,
      }),
    ).rejects.toThrow('channel closed');
    expect(once).toHaveBeenCalledTimes(1);
  });

  test('a handler that threw in a polyfilled background is a rejection in a page without the polyfill', async () => {
    const spy = vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(async () => ({
      __mozWebExtensionPolyfillReject__: true,
      message: 'storage quota exceeded',
    }));
    await expect(send({ type: 'endFamilyTime' })).rejects.toThrow('storage quota exceeded');
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
