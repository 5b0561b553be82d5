import type { InputHTMLAttributes } from 'preact';

/** A labelled input whose value is plain text: the label is visible and tied to the input. */
export function Field({
  id,
  label,
  type,
  value,
  onValue,
}: {
  id: string;
  label: string;
  type: 'text' | 'search' | 'date' | 'time';
  value: string;
  onValue: (value: string) => void;
}) {
  // Preact types each input type apart; narrowing keeps the union honest without a cast.
  const typed: InputHTMLAttributes<HTMLInputElement> =
    type === 'search' ? { type } : type === 'text' ? { type } : { type };
  return (
    <span class="field">
      <label for={id}>{label}</label>
      <input id={id} {...typed} value={value} onInput={(e) => onValue(e.currentTarget.value)} />
    </span>
  );
}
