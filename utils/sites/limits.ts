/** Longest original URL the reminder will offer back; longer ones are shown as host only. */
export const MAX_RETURN_URL = 8192;
