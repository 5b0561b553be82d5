import { mount } from '@/hooks/mount';
import { preloadSettings } from '@/hooks/use-settings';
import { preloadStatus } from '@/hooks/use-status';
import { t } from '@/utils/browser/i18n';
import './style.css';
import { App } from './App';
import { FIRST_SECTIONS, loadLater } from './later';

// The sections below the first load at once, beside the storage read; the
// first render waits for them only when the page was opened at one of them.
const later = loadLater();
const opensBelow = !FIRST_SECTIONS.has(decodeURIComponent(location.hash.slice(1)));
mount(
  App,
  t('optionsTitle'),
  Promise.all([preloadStatus(), preloadSettings(), ...(opensBelow ? [later] : [])]),
);
