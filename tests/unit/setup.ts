// Node 20 has no Temporal (the browsers Hearth supports do); the polyfill stands in.
import 'temporal-polyfill/global';
import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// fakeBrowser keeps its state between tests unless told otherwise.
beforeEach(() => fakeBrowser.reset());
