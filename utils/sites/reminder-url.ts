import { siteLists } from '@/utils/decide';
import type { Settings } from '@/utils/settings/schema';
import { parseAll, patternMatches } from '@/utils/sites/parse';

export { MAX_RETURN_URL } from '@/utils/sites/limits';

import { MAX_RETURN_URL } from '@/utils/sites/limits';

/**
 * The page a blocked navigation asked for, carried in the reminder's #fragment.
 * Never an open redirect: only an http(s) URL that a block pattern covers is
 * ever offered back; anything else is ignored.
 */
export function returnUrlFrom(fragment: string, settings: Settings): URL | null {
  const raw = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!raw || raw.length > MAX_RETURN_URL) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  const { patterns } = parseAll(siteLists(settings).block);
  return patterns.some((p) => patternMatches(p, url)) ? url : null;
}
