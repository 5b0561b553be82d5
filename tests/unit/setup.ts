// Node 20 has no Temporal (the browsers Hearth supports do); the polyfill stands in.
import 'temporal-polyfill/global';
import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installFakeScripting } from './support/fake-scripting';

// Every reconcile converges the page catch's registered script (utils/browser/page-catch.ts);
// fakeBrowser leaves scripting unmocked, so an honest fake stands in for every test file.
installFakeScripting();

// fakeBrowser keeps its state between tests unless told otherwise.
beforeEach(() => fakeBrowser.reset());
