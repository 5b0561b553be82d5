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
          <label class="choice" key={name}>
            <input
              type="checkbox"
              checked={days.includes(day)}
              onChange={(e) =>
                onChange(e.currentTarget.checked ? [...days, day] : days.filter((d) => d !== day))
              }
            />
            {name}
          </label>
        );
      })}
    </>
  );
}
