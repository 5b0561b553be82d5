/** Longest original URL the reminder will offer back; longer ones are shown as host only. */
export const MAX_RETURN_URL = 8192;

/**
 * How the reminder's #fragment starts when it is the welcome page's preview
 * (utils/runtime/preview.ts); here, so the reminder loads nothing more for it.
 */
export const PREVIEW_FRAGMENT = '#preview=';
