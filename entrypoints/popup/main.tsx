import { mount } from '@/hooks/mount';
import { preloadStatus } from '@/hooks/use-status';
import { t } from '@/utils/browser/i18n';
import './style.css';
import { App } from './App';

mount(App, t('extName'), preloadStatus());
