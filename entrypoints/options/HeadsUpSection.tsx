import { Checkbox } from '@/components/Choice';
import { NumberField } from '@/components/NumberField';
import type { UpdateSettings } from '@/hooks/use-settings-editor';
import { t } from '@/utils/browser/i18n';
import type { Settings } from '@/utils/settings/schema';

export function HeadsUpSection({
  settings,
  update,
}: {
  settings: Settings;
  update: UpdateSettings;
}) {
  const h = settings.headsUp;
  return (
    <section id="heads-up" aria-labelledby="heads-up-title">
      <h2 id="heads-up-title">{t('headsUpSectionTitle')}</h2>
      <p class="muted">{t('headsUpLead')}</p>
      <Checkbox
        label={t('headsUpEnabled')}
        checked={h.enabled}
        onChange={(enabled) => update((s) => ({ ...s, headsUp: { ...s.headsUp, enabled } }))}
      />
      <NumberField
        id="heads-up-minutes"
        label={t('headsUpMinutes')}
        value={h.minutesBefore}
        min={1}
        max={120}
        onValid={(minutesBefore) =>
          update((s) => ({ ...s, headsUp: { ...s.headsUp, minutesBefore } }))
        }
      />
    </section>
  );
}
