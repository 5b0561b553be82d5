import { type MessageKey, t } from '@/utils/browser/i18n';

/**
 * In Chrome's private windows the options page belongs to the private copy
 * of Hearth, whose IndexedDB is empty and wiped when the last private window
 * closes: photos, history and backups are the normal window's, and this
 * section says so instead of showing an empty, misleading copy.
 */
export function InNormalWindow({
  id,
  title,
  says,
}: {
  id: string;
  title: MessageKey;
  says: MessageKey;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t(title)}</h2>
      <p class="muted">{t(says)}</p>
    </section>
  );
}
