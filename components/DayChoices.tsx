import { Checkbox } from './Choice';

/** One checkbox per weekday (Monday first): the days a window starts on. */
export function DayChoices({
  dayNames,
  days,
  onChange,
}: {
  dayNames: string[];
  days: number[];
  onChange: (days: number[]) => void;
}) {
  return (
    <>
      {dayNames.map((name, i) => {
        const day = i + 1;
        return (
          <Checkbox
            key={name}
            label={name}
            checked={days.includes(day)}
            onChange={(on) => onChange(on ? [...days, day] : days.filter((d) => d !== day))}
          />
        );
      })}
    </>
  );
}
