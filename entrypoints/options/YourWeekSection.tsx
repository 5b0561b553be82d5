import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/browser/i18n';
import type { Note } from '@/utils/settings/schema';

type ContentProps = { timeZone: string; locale: string; notes: Note[] };

/**
 * "Your week": the section and its heading render with the page; the
 * reflection itself (its maths, picture and table) is a chunk of its own,
 * loaded after first content, so the settings page is not slower to show.
 */
export function YourWeekSection(props: ContentProps) {
  const [Content, setContent] = useState<ComponentType<ContentProps> | null>(null);
  useEffect(() => {
    let alive = true;
    void import('./YourWeekContent').then((m) => {
      if (alive) setContent(() => m.YourWeekContent);
    });
    return () => {
      alive = false;
    };
  }, []);
  return (
    <section id="your-week" aria-labelledby="your-week-title">
      <h2 id="your-week-title">{t('yourWeekTitle')}</h2>
      <p class="muted">{t('yourWeekLead')}</p>
      {Content ? <Content {...props} /> : <p class="muted">{t('yourWeekLoading')}</p>}
    </section>
  );
}
