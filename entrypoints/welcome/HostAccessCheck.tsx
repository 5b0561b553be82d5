import { useEffect, useState } from 'preact/hooks';
import { hasHostAccess, requestHostAccess } from '@/utils/browser/coverage';
import { t } from '@/utils/browser/i18n';

/** Firefox lets the parent withdraw site access; without it nothing is kept away. The fix, in place. */
export function HostAccessCheck() {
  const [access, setAccess] = useState<boolean | null>(null);
  const refresh = () => void hasHostAccess().then(setAccess);
  useEffect(refresh, []);
  if (access !== false) return null;
  return (
    <div class="notice host-access">
      <p>{t('hostAccessMissing')}</p>
      <button type="button" onClick={() => void requestHostAccess().then(refresh)}>
        {t('hostAccessFix')}
      </button>
    </div>
  );
}
