import { describe, expect, test } from 'vitest';
import { listsOf } from '@/utils/decide';
import { PRESET_IDS, PRESETS } from '@/utils/settings/presets';
import { defaultSettings } from '@/utils/settings/schema';
import { isPlainDomain, parseSite, patternMatches } from '@/utils/sites/parse';
import { classifyUrl } from '@/utils/sites/rules';

describe('the preset groups', () => {
  test('ids are distinct and every group has sites', () => {
    expect(new Set(PRESET_IDS).size).toBe(PRESETS.length);
    for (const preset of PRESETS) expect(preset.sites.length).toBeGreaterThan(0);
  });

  test('every preset site is a plain host, written as the parser prints it', () => {
    for (const site of PRESETS.flatMap((p) => p.sites)) {
      const parsed = parseSite(site);
      if (!parsed.ok) throw new Error(`${site}: ${parsed.error.code}`);
      expect(parsed.text).toBe(site);
      expect(isPlainDomain(parsed.pattern)).toBe(true);
    }
  });

  test('no site is in two groups (turning one off must not leave it blocked by another)', () => {
    const all = PRESETS.flatMap((p) => p.sites);
    expect(new Set(all).size).toBe(all.length);
  });

  test('no site is listed twice, or already covered by another in the presets', () => {
    const all = PRESETS.flatMap((p) => p.sites);
    expect(new Set(all).size).toBe(all.length);
    for (const site of all) {
      const parsed = parseSite(site);
      if (!parsed.ok) throw new Error(site);
      const coveredBy = all.filter((other) => other !== site && site.endsWith(`.${other}`));
      expect({ site, coveredBy }).toEqual({ site, coveredBy: [] });
    }
  });

  test.each([
    ['mail', 'https://outlook.cloud.microsoft/mail/'],
    ['chat', 'https://teams.cloud.microsoft/v2/'],
    ['chat', 'https://chat.google.com/u/0/app/home'],
    ['docs', 'https://m365.cloud.microsoft/'],
    ['docs', 'https://contoso-my.sharepoint.com/personal/ana/Documents'],
  ] as const)('%s covers the newer address %s', (id, url) => {
    const preset = PRESETS.find((p) => p.id === id);
    const hit = preset?.sites.some((site) => {
      const parsed = parseSite(site);
      return parsed.ok && patternMatches(parsed.pattern, new URL(url));
    });
    expect(hit).toBe(true);
  });

  test('with the presets on (the defaults), those addresses are kept away', () => {
    const lists = listsOf(defaultSettings());
    for (const url of ['https://outlook.cloud.microsoft/', 'https://teams.cloud.microsoft/']) {
      expect(classifyUrl(lists, url)).toBe('block');
    }
  });
});
