import { type MessageKey, t } from '@/utils/browser/i18n';
import type { PhotoError } from '@/utils/photos/sizes';

const PHOTO_ERRORS: Record<PhotoError, MessageKey> = {
  'not-image': 'photoErrorNotImage',
  'too-big': 'photoErrorTooBig',
  heic: 'photoErrorHeic',
  unreadable: 'photoErrorUnreadable',
  storage: 'photoErrorStorage',
};

/** Why a photo (from the picker or a backup file) was refused, naming it. */
export function photoErrorText(error: PhotoError, name: string): string {
  return t(PHOTO_ERRORS[error], name);
}
