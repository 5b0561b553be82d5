import { useObjectUrl } from '@/hooks/use-object-url';
import { t } from '@/utils/browser/i18n';

export interface FramedPhoto {
  blob?: Blob;
  display?: Blob;
  /** A ready URL (the reminder's prepared data: URL); without it, one is made from the Blob. */
  src?: string;
  child: string;
  width: number;
  height: number;
}

/** The child's photo, large; without one, a kind pointer to where to add it. */
export function PhotoFrame({
  photo,
  addPhotoHref,
}: {
  photo: FramedPhoto | null;
  addPhotoHref: string;
}) {
  // The display copy decodes in a fraction of the time; the full photo is the fallback.
  const made = useObjectUrl(photo?.src ? null : (photo?.display ?? photo?.blob));
  const src = photo?.src ?? made;
  if (!photo) {
    return (
      <div class="photo photo-empty">
        <p>{t('reminderNoPhoto')}</p>
        <a class="button" href={addPhotoHref}>
          {t('reminderAddPhoto')}
        </a>
      </div>
    );
  }
  return (
    <figure class="photo">
      {src && (
        <img
          src={src}
          width={photo.width}
          height={photo.height}
          alt={photo.child ? t('reminderPhotoAlt', photo.child) : t('reminderPhotoAltUnnamed')}
        />
      )}
      {photo.child && <figcaption>{photo.child}</figcaption>}
    </figure>
  );
}
