import { PresetToggles } from '@/components/PresetToggles';
import { SiteListEditor } from '@/components/SiteListEditor';
import type { UpdateSettings } from '@/hooks/use-settings-editor';
import { useSiteList } from '@/hooks/use-site-list';
import { t } from '@/utils/browser/i18n';
import type { Settings } from '@/utils/settings/schema';

/** Step 2: what waits: the presets as toggles, and one field for a site of their own. */
export function SitesStep({ settings, update }: { settings: Settings; update: UpdateSettings }) {
  const { add, remove, of, togglePreset } = useSiteList(settings, update);
  return (
    <>
      <p class="muted">{t('firstRunSitesLead')}</p>
      <PresetToggles presets={settings.presets} onToggle={togglePreset} />
      <SiteListEditor
        id="block"
        title={t('firstRunOwnSitesTitle')}
        inputLabel={t('siteInputLabel')}
        addLabel={t('siteAdd')}
        sites={of('block')}
        onAdd={(text) => add('block', text)}
        onRemove={remove}
        query=""
      />
    </>
  );
}
