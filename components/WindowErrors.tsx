import { type MessageKey, t } from '@/utils/browser/i18n';
import type { WindowFormError } from '@/utils/schedule/window-form';

const WINDOW_ERRORS: Record<WindowFormError, MessageKey> = {
  'no-days': 'windowErrorNoDays',
  'bad-start': 'windowErrorBadStart',
  'bad-end': 'windowErrorBadEnd',
  'zero-length': 'windowErrorZeroLength',
  'label-long': 'windowErrorLabelLong',
};

/** What is wrong with a window being edited, read out as soon as it appears. */
export function WindowErrors({ errors }: { errors: readonly WindowFormError[] }) {
  if (errors.length === 0) return null;
  return (
    // The alert wraps the list: role="alert" on the <ul> itself would take away its list role.
    <div role="alert">
      <ul class="notice">
        {errors.map((e) => (
          <li key={e}>{t(WINDOW_ERRORS[e])}</li>
        ))}
      </ul>
    </div>
  );
}
