import { useEffect, useMemo } from 'preact/hooks';

/** A URL for a stored Blob, made during render (no extra render) and released when it changes. */
export function useObjectUrl(blob: Blob | null | undefined): string | null {
  const url = useMemo(() => (blob ? URL.createObjectURL(blob) : null), [blob]);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  return url;
}
