import { useState } from 'preact/hooks';
import { t } from '@/utils/browser/i18n';

/** A whole number in a range; anything else gets a kind message and is never saved. */
export function NumberField({
  id,
  label,
  value,
  min,
  max,
  onValid,
}: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  onValid: (value: number) => void;
}) {
  const [text, setText] = useState(String(value));
  const [error, setError] = useState(false);
  return (
    <p class="number-field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={text}
        aria-invalid={error}
        aria-describedby={`${id}-error`}
        onInput={(e) => {
          const raw = e.currentTarget.value;
          setText(raw);
          const n = Number(raw);
          const ok = raw.trim() !== '' && Number.isInteger(n) && n >= min && n <= max;
          setError(!ok);
          if (ok) onValid(n);
        }}
      />
      <span id={`${id}-error`} class="field-error" role="status">
        {error ? t('numberError', [String(min), String(max)]) : ''}
      </span>
    </p>
  );
}
