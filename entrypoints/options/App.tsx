import { usePhotos } from '../../hooks/use-photos';
import { useSettings } from '../../hooks/use-settings';
import { t } from '../../utils/browser/i18n';
import { NotesSection } from './NotesSection';
import { PhotosSection } from './PhotosSection';

export function App() {
  const loaded = useSettings();
  const [photos] = usePhotos();
  if (!loaded) return <p class="muted">{t('loading')}</p>;
  const children = [...new Set(photos.map((p) => p.child).filter(Boolean))];
  return (
    <>
      <header>
        <h1>{t('optionsTitle')}</h1>
      </header>
      <PhotosSection />
      <NotesSection notes={loaded.settings.notes} children={children} />
    </>
  );
}
