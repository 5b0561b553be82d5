import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { mount } from '@/hooks/mount';
import { preloadStatus } from '@/hooks/use-status';
import { t } from '@/utils/browser/i18n';
import './popup/style.css';
import { App } from './popup/App';

// The popup's one script, bundled alone (like the reminder's): no chunk shared
// with the other pages, so it carries only the code the popup uses (docs/ARCHITECTURE.md).
export default defineUnlistedScript(() => mount(App, t('extName'), preloadStatus()));
