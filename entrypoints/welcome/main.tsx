import { mount } from '@/hooks/mount';
import { preloadSettings } from '@/hooks/use-settings';
import { preloadStatus } from '@/hooks/use-status';
import { t } from '@/utils/browser/i18n';
// The settings page's styles for the parts both pages show (presets, site list, photos).
import '../options/style.css';
import './style.css';
import { App } from './App';

// Settings and status are read before the first render: the page never shows "One moment…".
mount(App, t('welcomeTitle'), Promise.all([preloadStatus(), preloadSettings()]));
