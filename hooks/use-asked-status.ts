import { useEffect, useState } from 'preact/hooks';
import { onStoredChange, send } from '@/utils/browser/messaging';
import type { Status } from '@/utils/messages';

let early: Promise<Status> | null = null;

/** Asks before the first render, so the answer races the page's own start-up. */
export function preloadStatus(): void {
  early ??= send({ type: 'getStatus' });
}

/** The reminder's status: the background's answer (this page loads no settings code), kept fresh on every stored change and twice a minute. */
export function useAskedStatus(): [Status | null, (s: Status) => void] {
  const [status, setStatus] = useState<Status | null>(null);
  useEffect(() => {
    let alive = true;
    const apply = (s: Status) => {
      if (alive) setStatus(s);
    };
    const refresh = () => void send({ type: 'getStatus' }).then(apply);
    if (early) void early.then(apply);
    else refresh();
    early = null;
    const stop = onStoredChange(refresh);
    const timer = setInterval(refresh, 30_000);
    return () => {
      alive = false;
      stop();
      clearInterval(timer);
    };
  }, []);
  return [status, setStatus];
}
