import { PhotoEditor } from '@/components/PhotoEditor';
import { usePhotoEditor } from '@/hooks/use-photo-editor';
import { t } from '@/utils/browser/i18n';

/** Photos by picker, drag and drop, or paste; each named, ordered, removable. */
export function PhotosSection() {
  const editing = usePhotoEditor();
  return (
    <section id="photos" aria-labelledby="photos-title">
      <h2 id="photos-title">{t('photosTitle')}</h2>
      <p class="muted">{t('photosPrivacy')}</p>
      <PhotoEditor editing={editing} />
    </section>
  );
}
