import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { reminderAddress } from '@/utils/sites/page-catch';

// The page catch (utils/sites/page-catch.ts): registered at document_start on
// blocked sites during family time, it runs before anything of the page has
// parsed, so a site its own service worker answers never paints or runs. It
// only comes here after DNR saw nothing (a redirected navigation never commits
// the site), so it never restarts a navigation DNR is already redirecting.
// No extension API but getURL, and no polyfill: the least code before a page.
interface Runtime {
  runtime: { getURL(path: string): string };
}
const api =
  (globalThis as { browser?: Runtime; chrome?: Runtime }).browser ??
  (globalThis as { chrome?: Runtime }).chrome;

export default defineUnlistedScript(() => {
  window.stop();
  if (!api) return;
  // A top frame, or an embedded work site's frame: both go where DNR sends them
  // (the reminder draws only a calm line when framed).
  location.replace(reminderAddress(api.runtime.getURL('/blocked.html'), location.href));
});
