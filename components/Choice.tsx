/**
 * A checkbox or a radio inside its own visible label: the one shape every
 * on/off and pick-one control in Hearth takes.
 */
export function Checkbox({
  label,
  checked,
  onChange,
  disabled,
  describedBy,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  describedBy?: string;
}) {
  return (
    <label class="choice">
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      {label}
    </label>
  );
}

export function Radio({
  label,
  name,
  checked,
  onSelect,
}: {
  label: string;
  name: string;
  checked: boolean;
  onSelect: () => void;
}) {
  return (
    <label class="choice">
      <input type="radio" name={name} checked={checked} onChange={onSelect} />
      {label}
    </label>
  );
}
