import { useState } from 'preact/hooks';
import { Field } from '@/components/Field';
import { PresetToggles } from '@/components/PresetToggles';
import { SiteListEditor } from '@/components/SiteListEditor';
import { siteErrorText } from '@/components/text/site-error';
import type { UpdateSettings } from '@/hooks/use-settings-editor';
import { useSiteList } from '@/hooks/use-site-list';
import { t } from '@/utils/browser/i18n';
import type { Settings } from '@/utils/settings/schema';
import type { AddSitesResult } from '@/utils/sites/site-list';

export function SitesSection({ settings, update }: { settings: Settings; update: UpdateSettings }) {
  const [query, setQuery] = useState('');
  const [bulk, setBulk] = useState('');
  const [report, setReport] = useState<AddSitesResult | null>(null);

  const { add, remove, of, togglePreset, heldAllow, keepBlocked } = useSiteList(settings, update);

  return (
    <section id="sites" aria-labelledby="sites-title">
      <h2 id="sites-title">{t('sitesTitle')}</h2>
      <p class="muted">{t('sitesLead')}</p>
      <PresetToggles presets={settings.presets} onToggle={togglePreset} />

      <p>
        <Field
          id="site-search"
          label={t('searchLabel')}
          type="search"
          value={query}
          onValue={setQuery}
        />
      </p>
      <div class="two-lists">
        <SiteListEditor
          id="block"
          title={t('blockListTitle')}
          inputLabel={t('siteInputLabel')}
          addLabel={t('siteAdd')}
          sites={of('block')}
          onAdd={(text) => add('block', text)}
          onRemove={remove}
          query={query}
        />
        <SiteListEditor
          id="allow"
          title={t('allowListTitle')}
          lead={t('allowListLead')}
          inputLabel={t('allowInputLabel')}
          addLabel={t('allowAdd')}
          sites={of('allow')}
          onAdd={(text) => add('allow', text)}
          onRemove={remove}
          query={query}
        />
        {heldAllow && (
          <div class="notice" role="alert">
            <p>
              {t('trustAllowWarn', [
                heldAllow.text.trim(),
                heldAllow.covered.slice(0, 6).join(', ') +
                  (heldAllow.covered.length > 6
                    ? ` ${t('trustAllowMore', String(heldAllow.covered.length - 6))}`
                    : ''),
              ])}
            </p>
            <div class="row">
              <button
                type="button"
                onClick={() => void add('allow', heldAllow.text, { anyway: true })}
              >
                {t('trustAllowAnyway')}
              </button>
              <button type="button" class="quiet" onClick={keepBlocked}>
                {t('trustAllowKeep')}
              </button>
            </div>
          </div>
        )}
      </div>

      <form
        class="bulk"
        onSubmit={(event) => {
          event.preventDefault();
          void add('block', bulk).then((result) => {
            setReport(result);
            if (result.errors.length === 0) setBulk('');
          });
        }}
      >
        <label for="bulk-sites">{t('bulkLabel')}</label>
        <textarea
          id="bulk-sites"
          rows={4}
          value={bulk}
          onInput={(e) => setBulk(e.currentTarget.value)}
        />
        <button type="submit">{t('bulkAdd')}</button>
        <div role="status" class="bulk-report">
          {report &&
            (report.errors.length === 0 ? (
              <p>{t('bulkReportClean', String(report.added.length))}</p>
            ) : (
              <>
                <p>
                  {t('bulkReport', [String(report.added.length), String(report.errors.length)])}
                </p>
                <ul>
                  {report.errors.map((e) => (
                    <li key={e.line}>{t('bulkLine', [String(e.line), siteErrorText(e.error)])}</li>
                  ))}
                </ul>
              </>
            ))}
        </div>
      </form>
    </section>
  );
}
