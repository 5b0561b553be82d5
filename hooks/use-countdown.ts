import { useEffect, useState } from 'preact/hooks';

/**
 * Seconds left of a calm wait that only runs while the page is visible: a
 * wait spent in another tab is no pause at all.
 */
export function useCountdown(seconds: number, running: boolean): { left: number; paused: boolean } {
  const [left, setLeft] = useState(seconds);
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    setLeft(seconds);
    if (!running || seconds <= 0) return;
    let remainingMs = seconds * 1000;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      const hidden = document.visibilityState === 'hidden';
      setPaused(hidden);
      if (!hidden) remainingMs -= now - last;
      last = now;
      setLeft(Math.max(0, Math.ceil(remainingMs / 1000)));
      if (remainingMs <= 0) clearInterval(timer);
    }, 200);
    return () => clearInterval(timer);
  }, [seconds, running]);
  return { left: running ? left : seconds, paused };
}
