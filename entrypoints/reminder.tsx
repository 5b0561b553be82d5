import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { mount } from '@/hooks/mount';
import { preloadStatus } from '@/hooks/use-asked-status';
import { preloadRotatingPhoto } from '@/hooks/use-rotating-photo';
import { t } from '@/utils/browser/i18n';
import './blocked/style.css';
import { App } from './blocked/App';
import { Framed } from './blocked/Framed';

export default defineUnlistedScript(() => {
  // Framed (an embedded work site, or a page trying to drive the reminder): say one calm line, do nothing.
  if (window.top !== window.self) {
    mount(Framed, t('extName'));
    return;
  }
  preloadStatus();
  preloadRotatingPhoto();
  mount(App, `${t('weekTitle')} — ${t('extName')}`);
});
