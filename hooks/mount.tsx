import { type ComponentType, render } from 'preact';
import '../components/theme.css';
import { t, uiLanguage } from '../utils/browser/i18n';

/** Every page starts here: the document speaks the browser's language, then the app renders. */
export function mount(App: ComponentType): void {
  document.documentElement.lang = uiLanguage();
  document.documentElement.dir = t('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
  render(<App />, document.getElementById('app') as HTMLElement);
}
