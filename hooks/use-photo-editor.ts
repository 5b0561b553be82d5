import { useEffect, useState } from 'preact/hooks';
import { usePhotos } from '@/hooks/use-photos';
import { type MessageKey, t } from '@/utils/browser/i18n';
import {
  importPhoto,
  movePhoto,
  removePhoto,
  type StoredPhoto,
  updatePhoto,
} from '@/utils/browser/photos';
import type { PhotoError } from '@/utils/photos/sizes';

const PHOTO_ERRORS: Record<PhotoError, MessageKey> = {
  'not-image': 'photoErrorNotImage',
  'too-big': 'photoErrorTooBig',
  heic: 'photoErrorHeic',
  unreadable: 'photoErrorUnreadable',
  storage: 'photoErrorStorage',
};

export interface PhotoEditing {
  photos: StoredPhoto[];
  /** What the last import said, one line a file (added, or a kind reason why not). */
  messages: string[];
  add: (files: Iterable<File>) => Promise<void>;
  rename: (id: string, child: string) => void;
  move: (id: string, by: -1 | 1) => void;
  remove: (id: string) => void;
}

/**
 * Photos as every page edits them (options, welcome): one import pipeline,
 * the same kind errors, and a paste anywhere on the page adds the pasted image.
 */
export function usePhotoEditor(): PhotoEditing {
  const [photos, refresh] = usePhotos();
  const [messages, setMessages] = useState<string[]>([]);

  const add = async (files: Iterable<File>) => {
    const said: string[] = [];
    for (const file of files) {
      setMessages([...said, t('photosAdding', file.name)]);
      const result = await importPhoto(file, '');
      said.push(result.ok ? t('photosAdded', file.name) : t(PHOTO_ERRORS[result.error], file.name));
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

  return {
    photos,
    messages,
    add,
    rename: (id, child) => void updatePhoto(id, { child: child.trim() }).then(refresh),
    move: (id, by) => void movePhoto(id, by).then(refresh),
    remove: (id) => void removePhoto(id).then(refresh),
  };
}
