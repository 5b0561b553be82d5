import { mount } from '@/hooks/mount';
import { preloadStatus } from '@/hooks/use-status';
import { t } from '@/utils/browser/i18n';
// The settings page's styles for the parts both pages show (presets, site list, photos).
import '../options/style.css';
import './style.css';
import { App } from './App';

mount(App, t('welcomeTitle'), preloadStatus());
