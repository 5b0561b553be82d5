import { t } from '@/utils/browser/i18n';
import type { WeekBlock } from '@/utils/schedule/week-layout';
import { formatMinute } from '@/utils/time/format';

const HOURS = [0, 3, 6, 9, 12, 15, 18, 21];

/** Seven columns, hours down; each window a block, one that crosses midnight on both days. */
export function WeekView({
  blocks,
  dayNames,
  locale,
  onEdit,
}: {
  blocks: WeekBlock[];
  dayNames: string[];
  locale: string;
  onEdit: (block: WeekBlock) => void;
}) {
  return (
    <section class="week" aria-label={t('weekGridLabel')}>
      <div class="week-hours" aria-hidden="true">
        {HOURS.map((h) => (
          <span key={h} style={{ top: `${(h / 24) * 100}%` }}>
            {formatMinute(h * 60, locale)}
          </span>
        ))}
      </div>
      {dayNames.map((name, day) => (
        <div class="week-day" key={name}>
          <h4 class="week-day-name">{name}</h4>
          <div class="week-column" data-day={day}>
            {blocks
              .filter((b) => b.day === day)
              .map((b) => {
                const label = b.label || t('weekBlockUnnamed');
                return (
                  <button
                    type="button"
                    key={`${b.sourceId}-${b.startMinute}`}
                    class={`week-block ${b.kind}`}
                    style={{
                      top: `${(b.startMinute / 1440) * 100}%`,
                      height: `${((b.endMinute - b.startMinute) / 1440) * 100}%`,
                    }}
                    aria-label={t('weekBlockLabel', [
                      label,
                      name,
                      formatMinute(b.startMinute, locale),
                      formatMinute(b.endMinute % 1440, locale),
                    ])}
                    onClick={() => onEdit(b)}
                  >
                    <span aria-hidden="true">
                      {b.endMinute - b.startMinute >= 60 ? b.label : ''}
                    </span>
                  </button>
                );
              })}
          </div>
        </div>
      ))}
    </section>
  );
}
