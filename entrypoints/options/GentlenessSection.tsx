import { Checkbox, Radio } from '@/components/Choice';
import { NumberField } from '@/components/NumberField';
import type { UpdateSettings } from '@/hooks/use-settings-editor';
import { t } from '@/utils/browser/i18n';
import type { Gentleness, Settings } from '@/utils/settings/schema';

export function GentlenessSection({
  settings,
  update,
}: {
  settings: Settings;
  update: UpdateSettings;
}) {
  const g = settings.gentleness;
  const set = (change: Partial<Gentleness>) =>
    update((s) => ({ ...s, gentleness: { ...s.gentleness, ...change } }));
  return (
    <section id="gentleness" aria-labelledby="gentleness-title">
      <h2 id="gentleness-title">{t('gentlenessTitle')}</h2>
      <p class="muted">{t('gentlenessLead')}</p>
      <Checkbox
        label={t('gentleReasonRequired')}
        checked={g.reasonRequired}
        onChange={(reasonRequired) => set({ reasonRequired })}
      />
      <div class="fields">
        <NumberField
          id="gentle-reason-min"
          label={t('gentleReasonMin')}
          value={g.reasonMinLength}
          min={0}
          max={200}
          onValid={(n) => set({ reasonMinLength: n })}
        />
        <NumberField
          id="gentle-wait"
          label={t('gentleWait')}
          value={g.waitSeconds}
          min={0}
          max={600}
          onValid={(n) => set({ waitSeconds: n })}
        />
        <NumberField
          id="gentle-budget"
          label={t('gentleBudget')}
          value={g.budgetPerEvening}
          min={0}
          max={50}
          onValid={(n) => set({ budgetPerEvening: n })}
        />
        <NumberField
          id="gentle-minutes"
          label={t('gentleMinutes')}
          value={g.grantMinutes}
          min={1}
          max={120}
          onValid={(n) => set({ grantMinutes: n })}
        />
      </div>
      <fieldset>
        <legend>{t('gentleScopeLabel')}</legend>
        <Radio
          label={t('gentleScopeHost')}
          name="grant-scope"
          checked={g.grantScope === 'host'}
          onSelect={() => set({ grantScope: 'host' })}
        />
        <Radio
          label={t('gentleScopePage')}
          name="grant-scope"
          checked={g.grantScope === 'page'}
          onSelect={() => set({ grantScope: 'page' })}
        />
      </fieldset>
      <Checkbox
        label={t('gentleEndEarly')}
        checked={g.endEarlyNeedsFriction}
        onChange={(endEarlyNeedsFriction) => set({ endEarlyNeedsFriction })}
      />
    </section>
  );
}
