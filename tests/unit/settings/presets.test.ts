import { describe, expect, test } from 'vitest';
import { PRESET_IDS, PRESETS } from '@/utils/settings/presets';
import { isPlainDomain, parseSite } from '@/utils/sites/parse';

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
});
