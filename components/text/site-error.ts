import { t } from '@/utils/browser/i18n';
import type { SiteLineError } from '@/utils/sites/site-list';

/** A specific, kind sentence for each way a typed site can be wrong. */
export function siteErrorText(error: SiteLineError): string {
  switch (error.code) {
    case 'empty':
      return t('siteErrorEmpty');
    case 'spaces':
      return t('siteErrorSpaces');
    case 'scheme':
      return t('siteErrorScheme', error.scheme);
    case 'no-dot':
      return t('siteErrorNoDot', [error.host, error.suggestion]);
    case 'wildcard':
      return t('siteErrorWildcard');
    case 'characters':
      return t('siteErrorCharacters', error.host);
    case 'too-long':
      return t('siteErrorTooLong');
    case 'port':
      return t('siteErrorPort');
    case 'duplicate':
      return t('siteErrorDuplicate', error.text);
    case 'too-many':
      return t('siteErrorTooMany', String(error.limit));
    case 'too-complex':
      return error.whole
        ? t('holesSiteWhole', [error.text, error.instead])
        : t('holesSiteShorter', [error.text, error.instead]);
  }
}
