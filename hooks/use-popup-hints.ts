import { useEffect, useState } from 'preact/hooks';
import { send } from '@/utils/browser/messaging';
import type { PopupHints } from '@/utils/messages';

/**
 * The popup's hints, asked of the background once the state is on screen:
 * the photos and the record live in IndexedDB, and reading them here would
 * put IndexedDB, the history schema and the week's rules in the popup's
 * bundle. Null until the answer comes (and if it never does: no hint then).
 */
export function usePopupHints(): PopupHints | null {
  const [hints, setHints] = useState<PopupHints | null>(null);
  useEffect(() => {
    let alive = true;
    send({ type: 'getPopupHints' }).then(
      (answer) => alive && setHints(answer),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, []);
  return hints;
}
