import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startEarlyRead } from '@/utils/browser/early-read';

// A classic script in the <head> of the popup, options, wind-down and welcome
// pages: the storage read starts before their modules load (docs/ARCHITECTURE.md).
export default defineUnlistedScript(() => startEarlyRead());
