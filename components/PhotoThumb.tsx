import { useObjectUrl } from '@/hooks/use-object-url';

export function PhotoThumb({ blob, alt }: { blob: Blob; alt: string }) {
  const src = useObjectUrl(blob);
  return src ? <img class="thumb" src={src} alt={alt} /> : <span class="thumb" />;
}
