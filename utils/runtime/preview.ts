import * as v from 'valibot';
import { listsOf } from '@/utils/decide';
import type { Settings } from '@/utils/settings/schema';
import { PREVIEW_FRAGMENT } from '@/utils/sites/limits';
import { parseAll, type SitePattern } from '@/utils/sites/parse';
import { classifyUrl } from '@/utils/sites/rules';
import { MINUTE_MS } from '@/utils/time/temporal';

/**
 * "Try it now" on the welcome page: the real reminder, shown as a preview
 * (nothing recorded, family time not started, no way on to the site).
 *
 * The reminder page is web-accessible, so anyone can open it with any
 * #fragment: a preview is therefore never something the URL says. The
 * background makes one only when Hearth's own welcome page asks, keeps it
 * under a random nonce (written before the tab is opened, so a background
 * that dies in between leaves nothing half-made), and the first tab that
 * shows that nonce owns it; it lasts a few minutes.
 */
export const PREVIEW_LIFETIME_MS = 10 * MINUTE_MS;

export { PREVIEW_FRAGMENT };

/** crypto.randomUUID()'s shape: what the reminder may send back as a nonce. */
export const NonceSchema = v.pipe(
  v.string(),
  v.regex(/^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/),
);

export const PreviewSchema = v.object({
  nonce: NonceSchema,
  /** The work site the preview stands for (it is never opened). */
  url: v.pipe(v.string(), v.maxLength(2100)),
  expiresAt: v.number(),
  /** The tab that showed it first; null until then. */
  tabId: v.nullable(v.pipe(v.number(), v.integer())),
});
export type Preview = v.InferOutput<typeof PreviewSchema>;

export function newPreview(nonce: string, url: string, now: number): Preview {
  return { nonce, url, expiresAt: now + PREVIEW_LIFETIME_MS, tabId: null };
}

/** A stored preview, or null for anything else (nothing there, an old shape, garbage). */
export function readPreview(raw: unknown): Preview | null {
  const parsed = v.safeParse(PreviewSchema, raw);
  return parsed.success ? parsed.output : null;
}

/** The nonce a reminder's #fragment carries, if it carries one of the right shape. */
export function nonceFromFragment(fragment: string): string | null {
  if (!fragment.startsWith(PREVIEW_FRAGMENT)) return null;
  const nonce = fragment.slice(PREVIEW_FRAGMENT.length);
  return v.is(NonceSchema, nonce) ? nonce : null;
}

/**
 * The reminder in tab `tabId` shows `nonce`: is it the preview Hearth made?
 * Yes only for the stored nonce, before it expires, in the tab that claimed
 * it first (a reload there still works). The answer carries what to store.
 */
export function claimPreview(
  stored: Preview | null,
  nonce: string,
  tabId: number | undefined,
  now: number,
): { url: string; stored: Preview } | null {
  if (!stored || tabId === undefined || stored.nonce !== nonce || now >= stored.expiresAt)
    return null;
  if (stored.tabId !== null && stored.tabId !== tabId) return null;
  return { url: stored.url, stored: { ...stored, tabId } };
}

/** Whether a message came from Hearth's own page at `pageUrl` (any #fragment), and nothing else. */
export function isFromPage(senderUrl: string | undefined, pageUrl: string): boolean {
  if (!senderUrl) return false;
  try {
    const from = new URL(senderUrl);
    const page = new URL(pageUrl);
    // Not `origin`: for chrome-extension:// and moz-extension:// URLs that is "null".
    return (
      from.protocol === page.protocol &&
      from.host === page.host &&
      from.pathname === page.pathname &&
      from.search === ''
    );
  } catch {
    return false;
  }
}

function urlOf(p: SitePattern): string {
  return `https://${p.host}${p.port === null ? '' : `:${p.port}`}${p.path || '/'}`;
}

/**
 * A work site of theirs to preview: the newest site they added themselves,
 * else the first one of a preset that is on; one the lists really keep away.
 */
export function previewSiteUrl(settings: Settings): string | null {
  const lists = listsOf(settings);
  const own = parseAll(
    settings.sites
      .filter((s) => s.list === 'block')
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map((s) => s.pattern),
  ).patterns;
  for (const pattern of [...own, ...lists.block]) {
    const url = urlOf(pattern);
    if (classifyUrl(lists, url) === 'block') return url;
  }
  return null;
}
