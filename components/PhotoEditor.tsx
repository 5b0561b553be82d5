import { useState } from 'preact/hooks';
import { PhotoThumb } from '@/components/PhotoThumb';
import type { PhotoEditing } from '@/hooks/use-photo-editor';
import { t } from '@/utils/browser/i18n';

/** Photos by picker, drag and drop, or paste; each named, ordered, removable. */
export function PhotoEditor({ editing }: { editing: PhotoEditing }) {
  const { photos, messages, add, rename, move, remove } = editing;
  const [dragging, setDragging] = useState(false);
  return (
    <>
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
                  onChange={(e) => rename(photo.id, e.currentTarget.value)}
                />
              </label>
              <div class="row">
                <button
                  type="button"
                  disabled={index === 0}
                  aria-label={photo.child ? t('photosEarlierNamed', photo.child) : undefined}
                  onClick={() => move(photo.id, -1)}
                >
                  {t('photosEarlier')}
                </button>
                <button
                  type="button"
                  disabled={index === photos.length - 1}
                  aria-label={photo.child ? t('photosLaterNamed', photo.child) : undefined}
                  onClick={() => move(photo.id, 1)}
                >
                  {t('photosLater')}
                </button>
                <button
                  type="button"
                  aria-label={photo.child ? t('photosRemoveNamed', photo.child) : t('photosRemove')}
                  onClick={() => remove(photo.id)}
                >
                  {t('exceptionRemove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
