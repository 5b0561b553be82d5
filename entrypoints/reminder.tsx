import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { mount } from '@/hooks/mount';
import { preloadStatus } from '@/hooks/use-asked-status';
import { preloadRotatingPhoto } from '@/hooks/use-rotating-photo';
import { t } from '@/utils/browser/i18n';
import './blocked/style.css';
import { App } from './blocked/App';

export default defineUnlistedScript(() => {
  preloadStatus();
  preloadRotatingPhoto();
  mount(App, `${t('weekTitle')} — ${t('extName')}`);
});
