import { useEffect, useState } from 'preact/hooks';
import {
  readStatusSource,
  type StatusSource,
  statusOf,
  watchStatusSource,
  withChange,
} from '@/utils/browser/status';
import type { Status } from '@/utils/messages';
import { nextStatusChange } from '@/utils/status';

/** The status is recomputed at least this often (a clock the page shows moves on). */
const TICK_MS = 30_000;

let source: StatusSource | null = null;
let reading: Promise<void> | null = null;

/**
 * Reads the stored inputs once; a page's main.tsx awaits this before its
 * first render, so that render already shows the real state.
 */
export function preloadStatus(): Promise<void> {
  reading ??= readStatusSource().then((read) => {
    source ??= read;
  });
  return reading;
}

/**
 * The status, computed in the page from storage with the same function the
 * background answers getStatus with (utils/status.ts), and computed again on
 * every change of its stored inputs, at the next window edge and twice a
 * minute. The setter takes an action's answer until the next change.
 */
export function useStatus(): [Status | null, (s: Status) => void] {
  const [status, setStatus] = useState<Status | null>(() => (source ? statusOf(source) : null));
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const wakeAt = (shown: Status) => {
      clearTimeout(timer);
      const now = Date.now();
      const change = nextStatusChange(shown, now);
      timer = setTimeout(show, change === null ? TICK_MS : Math.min(TICK_MS, change - now + 1));
    };
    const show = () => {
      if (!alive || !source) return;
      const next = statusOf(source);
      setStatus(next);
      wakeAt(next);
    };
    const stop = watchStatusSource((change) => {
      if (source) {
        source = withChange(source, change);
        show();
      } else {
        // The first read may predate this change: read again.
        reading = null;
        void preloadStatus().then(show);
      }
    });
    if (status) wakeAt(status);
    else void preloadStatus().then(show);
    return () => {
      alive = false;
      stop();
      clearTimeout(timer);
    };
  }, []);
  return [status, setStatus];
}
