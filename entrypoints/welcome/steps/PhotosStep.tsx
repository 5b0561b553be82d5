import { PhotoEditor } from '@/components/PhotoEditor';
import { usePhotoEditor } from '@/hooks/use-photo-editor';
import { t } from '@/utils/browser/i18n';

/** Step 3: who they are there for: the same photos, pipeline and kind errors as settings. */
export function PhotosStep() {
  const editing = usePhotoEditor();
  return (
    <>
      <p class="muted">{t('firstRunPhotosLead')}</p>
      <p class="muted small">{t('photosPrivacy')}</p>
      <PhotoEditor editing={editing} />
    </>
  );
}
