import { mount } from '../../hooks/mount';
import { preloadRotatingPhoto } from '../../hooks/use-rotating-photo';
import { preloadStatus } from '../../hooks/use-status';
import { t } from '../../utils/browser/i18n';
import './style.css';
import { App } from './App';

// The reminder is read at a glance: start both reads before the first render.
preloadStatus();
preloadRotatingPhoto();
mount(App, `${t('weekTitle')} — ${t('extName')}`);
