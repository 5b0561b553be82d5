import { encodePhoto } from './photo-encode';

// Decoding and resizing a 12 MP photo takes long enough to stutter a page; do it here.
self.onmessage = async (event: MessageEvent<Blob>) => {
  try {
    self.postMessage({ ok: true, photo: await encodePhoto(event.data) });
  } catch (error) {
    self.postMessage({ ok: false, message: String(error) });
  }
};
