import { problemText } from '@/components/text/status';
import { t } from '@/utils/browser/i18n';
import type { Status } from '@/utils/messages';

export function Problems({ problems }: { problems: Status['problems'] }) {
  if (problems.length === 0) return null;
  return (
    <ul class="notice" aria-label={t('problemsLabel')}>
      {problems.map((p) => (
        <li key={p.code}>{problemText(p)}</li>
      ))}
    </ul>
  );
}
