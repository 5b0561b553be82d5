import { useEffect, useState } from 'preact/hooks';
import { PhotoThumb } from '@/components/PhotoThumb';
import { photoErrorText } from '@/components/text/photo';
import { usePhotos } from '@/hooks/use-photos';
import { t } from '@/utils/browser/i18n';
import { importPhoto, movePhoto, removePhoto, updatePhoto } from '@/utils/browser/photos';

/** Photos by picker, drag and drop, or paste; each named, ordered, removable. */
export function PhotosSection() {
  const [photos, refresh] = usePhotos();
  const [messages, setMessages] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);

  const add = async (files: Iterable<File>) => {
    const said: string[] = [];
    for (const file of files) {
      setMessages([...said, t('photosAdding', file.name)]);
      const result = await importPhoto(file, '');
      said.push(result.ok ? t('photosAdded', file.name) : photoErrorText(result.error, file.name));
    }
    setMessages(said);
    await refresh();
  };

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const files = [...(event.clipboardData?.files ?? [])];
      if (files.length > 0) {
        event.preventDefault();
        void add(files);
      }
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  });

  return (
    <section id="photos" aria-labelledby="photos-title">
      <h2 id="photos-title">{t('photosTitle')}</h2>
      <p class="muted">{t('photosPrivacy')}</p>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a mouse shortcut; the labelled file input is the keyboard path */}
      <div
        class={dragging ? 'dropzone dragging' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void add([...(e.dataTransfer?.files ?? [])]);
        }}
      >
        <label class="button primary" for="photo-input">
          {t('photosAdd')}
        </label>
        <input
          id="photo-input"
          class="visually-hidden"
          type="file"
          accept="image/*,.heic,.heif"
          multiple
          onChange={(e) => {
            const input = e.currentTarget;
            void add([...(input.files ?? [])]).then(() => {
              input.value = '';
            });
          }}
        />
        <p class="muted">{t('photosDrop')}</p>
      </div>
      <div role="status" aria-live="polite" class="photo-messages">
        {messages.map((m) => (
          <p key={m}>{m}</p>
        ))}
      </div>
      {photos.length === 0 ? (
        <p class="muted">{t('photosEmpty')}</p>
      ) : (
        <ul class="photo-list">
          {photos.map((photo, index) => (
            <li key={photo.id}>
              <PhotoThumb blob={photo.blob} alt={photo.child} />
              <label>
                {t('photosChildLabel')}
                <input
                  type="text"
                  value={photo.child}
                  maxLength={80}
                  placeholder={t('photosChildPlaceholder')}
                  onChange={(e) =>
                    void updatePhoto(photo.id, { child: e.currentTarget.value.trim() }).then(
                      refresh,
                    )
                  }
                />
              </label>
              <div class="row">
                <button
                  type="button"
                  disabled={index === 0}
                  aria-label={photo.child ? t('photosEarlierNamed', photo.child) : undefined}
                  onClick={() => void movePhoto(photo.id, -1).then(refresh)}
                >
                  {t('photosEarlier')}
                </button>
                <button
                  type="button"
                  disabled={index === photos.length - 1}
                  aria-label={photo.child ? t('photosLaterNamed', photo.child) : undefined}
                  onClick={() => void movePhoto(photo.id, 1).then(refresh)}
                >
                  {t('photosLater')}
                </button>
                <button
                  type="button"
                  aria-label={photo.child ? t('photosRemoveNamed', photo.child) : t('photosRemove')}
                  onClick={() => void removePhoto(photo.id).then(refresh)}
                >
                  {t('exceptionRemove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
