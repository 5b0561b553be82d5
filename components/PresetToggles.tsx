import { type MessageKey, t } from '@/utils/browser/i18n';
import { PRESETS, type PresetId } from '@/utils/settings/presets';

const PRESET_NAMES: Record<PresetId, MessageKey> = {
  mail: 'presetMail',
  chat: 'presetChat',
  docs: 'presetDocs',
  trackers: 'presetTrackers',
  calls: 'presetCalls',
};

/** The common work sites, a group at a time, each group's sites in view. */
export function PresetToggles({
  presets,
  onToggle,
}: {
  presets: Record<PresetId, boolean>;
  onToggle: (id: PresetId, on: boolean) => void;
}) {
  return (
    <fieldset class="presets">
      <legend>{t('presetsTitle')}</legend>
      {PRESETS.map((preset) => (
        <label class="preset" key={preset.id}>
          <input
            type="checkbox"
            checked={presets[preset.id]}
            onChange={(e) => onToggle(preset.id, e.currentTarget.checked)}
          />
          <span>
            <strong>{t(PRESET_NAMES[preset.id])}</strong>
            <span class="muted small preset-sites">{preset.sites.join(', ')}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
