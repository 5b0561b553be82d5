import { useState } from 'preact/hooks';
import type { UpdateSettings } from '@/hooks/use-settings-editor';
import { ruleLimits, tooComplexIn } from '@/utils/browser/dnr';
import { siteLists } from '@/utils/decide';
import type { PresetId } from '@/utils/settings/presets';
import type { Settings, SiteRecord } from '@/utils/settings/schema';
import { type AddSitesResult, addSites, allowLetsThrough } from '@/utils/sites/site-list';

/** Editing the site lists the same way on every page (options, welcome): same checks, same limits. */
export function useSiteList(settings: Settings, update: UpdateSettings) {
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
  const togglePreset = (id: PresetId, on: boolean) =>
    update((s) => ({ ...s, presets: { ...s.presets, [id]: on } }));
  /** "Keep them blocked": the held allow entry is dropped, nothing saved. */
  const keepBlocked = () => setHeldAllow(null);
  return { add, remove, of, togglePreset, heldAllow, keepBlocked };
}
