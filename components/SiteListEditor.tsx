import { useState } from 'preact/hooks';
import { siteErrorText } from '@/components/text/site-error';
import { t } from '@/utils/browser/i18n';
import type { SiteRecord } from '@/utils/settings/schema';
import { parseSite } from '@/utils/sites/parse';
import { type AddSitesResult, filterSites } from '@/utils/sites/site-list';

/** One list of sites: add one with live checking, search, remove. */
export function SiteListEditor({
  id,
  title,
  lead,
  inputLabel,
  addLabel,
  sites,
  onAdd,
  onRemove,
  query,
}: {
  id: string;
  title: string;
  lead?: string;
  inputLabel: string;
  addLabel: string;
  sites: SiteRecord[];
  onAdd: (text: string) => Promise<AddSitesResult>;
  onRemove: (site: SiteRecord) => void;
  query: string;
}) {
  const [input, setInput] = useState('');
  const [touched, setTouched] = useState(false);
  const [said, setSaid] = useState('');
  const [error, setError] = useState('');
  const live = input.trim() ? parseSite(input) : null;
  const liveError = touched && live && !live.ok ? siteErrorText(live.error) : '';
  const shown = filterSites(sites, query);

  const submit = async (event: Event) => {
    event.preventDefault();
    setTouched(true);
    const result = await onAdd(input);
    // Held for the parent to decide (an allow entry that would let blocked sites through): keep what they typed.
    if (result.added.length === 0 && result.errors.length === 0) {
      setSaid('');
      return;
    }
    const first = result.errors[0];
    if (first) {
      setError(siteErrorText(first.error));
      setSaid('');
      return;
    }
    setError('');
    setSaid(t('siteAdded', result.added.join(', ')));
    setInput('');
    setTouched(false);
  };

  return (
    <div class="site-list">
      <h3 id={`${id}-title`}>{title}</h3>
      {lead && <p class="muted small">{lead}</p>}
      <form class="row" onSubmit={(e) => void submit(e)} noValidate>
        <span class="grow">
          <label for={`${id}-input`}>{inputLabel}</label>
          <input
            id={`${id}-input`}
            type="text"
            autocomplete="off"
            spellcheck={false}
            value={input}
            aria-invalid={Boolean(error || liveError)}
            aria-describedby={`${id}-feedback`}
            onInput={(e) => {
              setInput(e.currentTarget.value);
              setError('');
            }}
            onBlur={() => setTouched(true)}
          />
        </span>
        <button type="submit">{addLabel}</button>
      </form>
      <p
        id={`${id}-feedback`}
        class={error || liveError ? 'field-error' : 'muted small'}
        role="status"
      >
        {error || liveError || said}
      </p>
      {sites.length === 0 ? (
        <p class="muted small">{t('sitesNone')}</p>
      ) : shown.length === 0 ? (
        <p class="muted small">{t('sitesNoMatch', query)}</p>
      ) : (
        <ul class="sites">
          {shown.map((site) => (
            <li key={site.id}>
              <span>{site.pattern}</span>
              <button
                type="button"
                class="small-button"
                aria-label={t('siteRemove', site.pattern)}
                onClick={() => onRemove(site)}
              >
                {t('exceptionRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
