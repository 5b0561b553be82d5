import { type ComponentType, render } from 'preact';
import '@/components/theme.css';
import { t, uiLanguage } from '@/utils/browser/i18n';

/**
 * Every page starts here: the document speaks the browser's language (its tab
 * title too: index.html's English title is only the fallback), then the app
 * renders, once what its first render shows has been read (`ready`: one
 * storage read, a few milliseconds), so that render is already the real page.
 */
export function mount(App: ComponentType, title: string, ready?: Promise<unknown>): void {
  document.documentElement.lang = uiLanguage();
  document.documentElement.dir = t('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
  document.title = title;
  const draw = () => render(<App />, document.getElementById('app') as HTMLElement);
  if (ready) void ready.then(draw, draw);
  else draw();
}
