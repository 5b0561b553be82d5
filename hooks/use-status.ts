import { useEffect, useState } from 'preact/hooks';
import { onStoredChange, send } from '../utils/browser/messaging';
import type { Status } from '../utils/messages';

/** The background's answer, kept fresh on every stored change and once a minute. */
export function useStatus(): [Status | null, (s: Status) => void] {
  const [status, setStatus] = useState<Status | null>(null);
  useEffect(() => {
    let alive = true;
    const refresh = () =>
      send({ type: 'getStatus' }).then((s) => {
        if (alive) setStatus(s);
      });
    void refresh();
    const stop = onStoredChange(() => void refresh());
    const timer = setInterval(refresh, 30_000);
    return () => {
      alive = false;
      stop();
      clearInterval(timer);
    };
  }, []);
  return [status, setStatus];
}
