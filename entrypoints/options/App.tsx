import { useSettingsEditor } from '../../hooks/use-settings-editor';
import { usePhotos } from '../../hooks/use-photos';
import { type MessageKey, t } from '../../utils/browser/i18n';
import { NotesSection } from './NotesSection';
import { PhotosSection } from './PhotosSection';

const SECTIONS: { id: string; title: MessageKey }[] = [
  { id: 'photos', title: 'sectionPhotos' },
  { id: 'notes', title: 'sectionNotes' },
];

export function App() {
  const { settings, saveState } = useSettingsEditor();
  const [photos] = usePhotos();
  if (!settings) return <p class="muted">{t('loading')}</p>;
  const children = [...new Set(photos.map((p) => p.child).filter(Boolean))];
  return (
    <>
      <header class="page-header">
        <h1>{t('optionsTitle')}</h1>
        <span class="save-state" role="status">
          {saveState === 'saving' ? t('savingIndicator') : saveState === 'saved' ? t('savedIndicator') : ''}
        </span>
      </header>
      <nav aria-label={t('navLabel')}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{t(s.title)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <PhotosSection />
      <NotesSection notes={settings.notes} children={children} />
    </>
  );
}
