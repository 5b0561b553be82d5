import * as v from 'valibot';
import { MAX_RETURN_URL } from '@/utils/sites/limits';

/** Only web pages are saved for after: a javascript:, data: or file: address is never reopened. */
export function isWebAddress(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** Pages the parent chose to "save for after": offered back when family time ends. */
export const SavedPageSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  url: v.pipe(
    v.string(),
    v.url(),
    v.maxLength(MAX_RETURN_URL),
    v.check(isWebAddress, 'Only http(s) pages are saved for after'),
  ),
  savedAt: v.number(),
});
export type SavedPage = v.InferOutput<typeof SavedPageSchema>;

/** Can a saved page hold this address (a web page, not too long to keep)? */
export function isSavable(url: string): boolean {
  return v.is(SavedPageSchema.entries.url, url);
}

/** Each entry is checked on its own: one damaged page must not lose every other one. */
export function readSaved(raw: unknown): SavedPage[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item) => {
    const parsed = v.safeParse(SavedPageSchema, item);
    return parsed.success ? [parsed.output] : [];
  });
}

/** Adds a page once: saving the same URL twice keeps one entry, the first. */
export function addSaved(list: readonly SavedPage[], page: SavedPage): SavedPage[] {
  return list.some((p) => p.url === page.url) ? [...list] : [...list, page];
}
