import { useState } from 'preact/hooks';
import { Field } from '@/components/Field';
import { SiteListEditor } from '@/components/SiteListEditor';
import { siteErrorText } from '@/components/text/site-error';
import type { UpdateSettings } from '@/hooks/use-settings-editor';
import { ruleLimits, tooComplexIn } from '@/utils/browser/dnr';
import { type MessageKey, t } from '@/utils/browser/i18n';
import { siteLists } from '@/utils/decide';
import { PRESETS, type PresetId } from '@/utils/settings/presets';
import type { Settings, SiteRecord } from '@/utils/settings/schema';
import { type AddSitesResult, addSites, allowLetsThrough } from '@/utils/sites/site-list';

const PRESET_NAMES: Record<PresetId, MessageKey> = {
  mail: 'presetMail',
  chat: 'presetChat',
  docs: 'presetDocs',
  trackers: 'presetTrackers',
  calls: 'presetCalls',
};

export function SitesSection({ settings, update }: { settings: Settings; update: UpdateSettings }) {
  const [query, setQuery] = useState('');
  const [bulk, setBulk] = useState('');
  const [report, setReport] = useState<AddSitesResult | null>(null);

  const [heldAllow, setHeldAllow] = useState<{ text: string; covered: string[] } | null>(null);

  // The browser is asked first whether it can match each address (Chrome cannot match a very long one).
  const add = async (
    list: SiteRecord['list'],
    text: string,
    { anyway = false }: { anyway?: boolean } = {},
  ): Promise<AddSitesResult> => {
    // Allowing google.com lets Gmail and Docs through: say so, naming them, before it is saved.
    const covered =
      list === 'allow' && !anyway ? allowLetsThrough(text, siteLists(settings).block) : [];
    if (covered.length > 0) {
      setHeldAllow({ text, covered });
      return { sites: settings.sites, added: [], errors: [] };
    }
    setHeldAllow(null);
    const tooComplex = await tooComplexIn(text);
    const result = addSites(
      settings.sites,
      list,
      text,
      Date.now(),
      () => crypto.randomUUID(),
      ruleLimits(),
      tooComplex,
    );
    if (result.added.length > 0) update((s) => ({ ...s, sites: result.sites }));
    return result;
  };
  const remove = (site: SiteRecord) =>
    update((s) => ({ ...s, sites: s.sites.filter((x) => x.id !== site.id) }));
  const of = (list: SiteRecord['list']) => settings.sites.filter((s) => s.list === list);

  return (
    <section id="sites" aria-labelledby="sites-title">
      <h2 id="sites-title">{t('sitesTitle')}</h2>
      <p class="muted">{t('sitesLead')}</p>
      <fieldset class="presets">
        <legend>{t('presetsTitle')}</legend>
        {PRESETS.map((preset) => (
          <label class="preset" key={preset.id}>
            <input
              type="checkbox"
              checked={settings.presets[preset.id]}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                update((s) => ({ ...s, presets: { ...s.presets, [preset.id]: on } }));
              }}
            />
            <span>
              <strong>{t(PRESET_NAMES[preset.id])}</strong>
              <span class="muted small preset-sites">{preset.sites.join(', ')}</span>
            </span>
          </label>
        ))}
      </fieldset>

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
              <button type="button" class="quiet" onClick={() => setHeldAllow(null)}>
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
