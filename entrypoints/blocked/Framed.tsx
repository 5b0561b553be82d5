import { t } from '@/utils/browser/i18n';

/**
 * The reminder inside another page's frame: a work site embedded there (DNR
 * redirects the frame here), or a web page framing the reminder on purpose.
 * Either way: one calm line, nothing to click, no message to the background,
 * no history written, nothing read from storage.
 */
export function Framed() {
  return <p class="framed">{t('holesFramed')}</p>;
}
