import { type ComponentType, render } from 'preact';
import '@/components/theme.css';
import { t, uiLanguage } from '@/utils/browser/i18n';

/**
 * Every page starts here: the document speaks the browser's language (its tab
 * title too: index.html's English title is only the fallback), then the app renders.
 */
export function mount(App: ComponentType, title: string): void {
  document.documentElement.lang = uiLanguage();
  document.documentElement.dir = t('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
  document.title = title;
  render(<App />, document.getElementById('app') as HTMLElement);
}
