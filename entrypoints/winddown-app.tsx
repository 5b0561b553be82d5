import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { mount } from '@/hooks/mount';
import { preloadStatus } from '@/hooks/use-status';
import { t } from '@/utils/browser/i18n';
import './winddown/style.css';
import { App } from './winddown/App';

// The page's one script, bundled alone like the popup's (docs/ARCHITECTURE.md).

export default defineUnlistedScript(() =>
  mount(App, `${t('windDownTitle')} — ${t('extName')}`, preloadStatus()),
);
