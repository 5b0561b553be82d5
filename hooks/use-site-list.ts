import type { UpdateSettings } from '@/hooks/use-settings-editor';
import { ruleLimits, tooComplexIn } from '@/utils/browser/dnr';
import type { PresetId } from '@/utils/settings/presets';
import type { Settings, SiteRecord } from '@/utils/settings/schema';
import { type AddSitesResult, addSites } from '@/utils/sites/site-list';

/** Editing the site lists the same way on every page (options, welcome): same checks, same limits. */
export function useSiteList(settings: Settings, update: UpdateSettings) {
  // The browser is asked first whether it can match each address (Chrome cannot match a very long one).
  const add = async (list: SiteRecord['list'], text: string): Promise<AddSitesResult> => {
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
  return { add, remove, of, togglePreset };
}
