import type { DayBar } from '@/utils/history/week';

const WIDTH = 700;
const HEIGHT = 230;
const TOP = 28;
const BOTTOM = 40;
const SLOT = WIDTH / 7;
const BAR = 46;

export interface WeekPictureText {
  title: string;
  desc: string;
  /** One sentence per day, read as each bar's own title. */
  dayText: string[];
  dayNames: string[];
  /** The label above each bar ("2 h 30 min"); empty for a day with no family time. */
  barLabel: string[];
}

/**
 * One bar a day: its height is the family time, and the lighter band on top
 * of it the minutes stepped past (inside the family time, so it never adds
 * height). Drawn by hand: seven rects cost less than any chart library.
 */
export function WeekPicture({
  days,
  text,
  id,
}: {
  days: DayBar[];
  text: WeekPictureText;
  id: string;
}) {
  const max = Math.max(60, ...days.map((d) => d.familyMinutes));
  const scale = (HEIGHT - TOP - BOTTOM) / max;
  const base = HEIGHT - BOTTOM;
  return (
    <svg
      class="week-picture"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{text.title}</title>
      <desc id={`${id}-desc`}>{text.desc}</desc>
      <line class="week-picture-base" x1="8" x2={WIDTH - 8} y1={base} y2={base} />
      {days.map((d, i) => {
        const x = i * SLOT + (SLOT - BAR) / 2;
        const h = d.familyMinutes * scale;
        const away = d.steppedPastMinutes * scale;
        return (
          <g
            key={d.date}
            class="week-picture-day"
            data-date={d.date}
            data-family={d.familyMinutes}
            data-stepped={d.steppedPastMinutes}
          >
            <title>{text.dayText[i]}</title>
            {d.familyMinutes > 0 && (
              <rect class="week-picture-family" x={x} y={base - h} width={BAR} height={h} rx="7" />
            )}
            {d.steppedPastMinutes > 0 && (
              <rect
                class="week-picture-stepped"
                x={x + 4}
                y={base - h + 4}
                width={BAR - 8}
                height={Math.max(3, away - 4)}
                rx="5"
              />
            )}
            <text class="week-picture-label" x={x + BAR / 2} y={base - h - 8} text-anchor="middle">
              {text.barLabel[i]}
            </text>
            <text
              class="week-picture-day-name"
              x={x + BAR / 2}
              y={HEIGHT - 14}
              text-anchor="middle"
            >
              {text.dayNames[i]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
