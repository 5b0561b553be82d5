import { Checkbox } from '@/components/Choice';
import { useQuietNotifications } from '@/hooks/use-quiet-notifications';
import { t } from '@/utils/browser/i18n';
import { listsOf } from '@/utils/decide';
import type { Settings } from '@/utils/settings/schema';
import { notificationPatterns } from '@/utils/sites/notification-patterns';

/** Next to the sites: work sites' own notifications kept quiet in family time (issue 13). */
export function QuietNotificationsSection({ settings }: { settings: Settings }) {
  const quiet = useQuietNotifications();
  const { narrowed, skipped } = notificationPatterns(listsOf(settings));
  return (
    <section id="quiet" aria-labelledby="quiet-title">
      <h2 id="quiet-title">{t('quietTitle')}</h2>
      {quiet.available ? (
        <>
          <Checkbox
            label={t('quietLabel')}
            checked={quiet.on === true}
            disabled={quiet.on === null}
            describedBy="quiet-lead"
            onChange={(on) => void quiet.setOn(on)}
          />
          <p id="quiet-lead" class="muted">
            {t('quietLead')}
          </p>
          {quiet.on === true && (narrowed.length > 0 || skipped.length > 0) && (
            <ul class="muted small">
              {narrowed.map((host) => (
                <li key={`n-${host}`}>{t('quietNarrowed', host)}</li>
              ))}
              {skipped.map((host) => (
                <li key={`s-${host}`}>{t('quietSkipped', host)}</li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p class="notice">{t('quietUnavailable')}</p>
      )}
    </section>
  );
}
