import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { mount } from '@/hooks/mount';
import { preloadSettings } from '@/hooks/use-settings';
import { preloadStatus } from '@/hooks/use-status';
import { t } from '@/utils/browser/i18n';
// The settings page's styles for the parts both pages show (presets, site list, photos).
import './options/style.css';
import './welcome/style.css';
import { App } from './welcome/App';

// The page's one script, bundled alone like the popup's (docs/ARCHITECTURE.md).

// Settings and status are read before the first render: the page never shows "One moment…".
export default defineUnlistedScript(() =>
  mount(App, t('welcomeTitle'), Promise.all([preloadStatus(), preloadSettings()])),
);
