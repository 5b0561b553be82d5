import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { expect } from 'vitest';
import type { WxtBrowser } from 'wxt/browser';
import type { Runtime } from '../../utils/runtime/runtime';
import { defaultSettings, type Settings, type WeeklyWindow } from '../../utils/settings/schema';
import { e2eTimeZone } from './zone';

/**
 * One fixture for every Chromium end-to-end test: the built extension
 * (.output/chrome-mv3) in real Chromium on a fresh temporary profile, with
 * *.work.test, work.test and play.test resolved to loopback, where
 * support/work-sites.ts serves them.
 */

/** The extension API inside functions evaluated in the service worker (`chrome` there). */
export type ExtensionApi = WxtBrowser;
declare const chrome: ExtensionApi;

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
/** The built extension; HEARTH_E2E_CHROME_DIST points elsewhere (e.g. a deliberately broken build). */
export const EXTENSION_DIR = resolve(
  process.env.HEARTH_E2E_CHROME_DIST ?? resolve(import.meta.dirname, '../../.output/chrome-mv3'),
);

/**
 * The browser runs in this zone (TZ in its environment), and tests compute
 * wall-clock windows in the same zone. Not UTC by default, so a window that
 * only works in UTC fails here. HEARTH_E2E_TZ sets it (see ./zone.ts; the
 * value `in-default-window` puts "now" inside the default weekday window).
 */
export const TIME_ZONE = e2eTimeZone('Europe/Berlin');
export const LOCALE = 'en-US';

export type ExtensionPage = 'popup' | 'blocked' | 'welcome' | 'options' | 'winddown';

export interface LaunchOptions {
  /** Extra command-line switches, e.g. --unsafely-treat-insecure-origin-as-secure=… */
  args?: string[];
  /**
   * The browser's language, en-US unless given: `locale` for pages (Intl,
   * navigator.language), `lang` for --lang, which picks chrome.i18n's
   * messages (Chromium on Linux knows `es`, not `es-ES`).
   */
  language?: { locale: string; lang: string };
  /**
   * The profile's Preferences file as it stands before the first start, e.g.
   * the parent's own site choices (see `parentAllowsNotifications`).
   */
  preferences?: Record<string, unknown>;
  /** The zone the browser runs in (TZ in its environment), TIME_ZONE unless given. */
  timeZone?: string;
  /** Another build to load instead of EXTENSION_DIR (the bench compares against a baseline). */
  extensionDir?: string;
}

/** Chrome stores times as microseconds since 1601-01-01 (as a string). */
const CHROME_EPOCH_OFFSET_MS = 11_644_473_600_000;

/**
 * The parent's own "Allow" for notifications on these origins, written the
 * way Chrome keeps a prompt answer in the profile (a user-level content
 * setting). Not a DevTools permission override: those would outrank any
 * extension's content settings, and so hide what Hearth does.
 */
export function parentAllowsNotifications(origins: string[]): Record<string, unknown> {
  const lastModified = String((Date.now() + CHROME_EPOCH_OFFSET_MS) * 1000);
  const notifications = Object.fromEntries(
    origins.map((origin) => [`${origin},*`, { last_modified: lastModified, setting: 1 }]),
  );
  return { profile: { content_settings: { exceptions: { notifications } } } };
}

export interface Arrangement {
  settings?: Settings;
  runtime?: Runtime;
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function pollFor<T>(
  what: string | (() => string),
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      const description = typeof what === 'string' ? what : what();
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}${cause}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Rejects after `ms` with a message naming what hung (sw.evaluate on a stopped worker never returns). */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function removeDirs(...dirs: string[]): Promise<void> {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Newest modification time of anything in `dir`, in ms. */
async function newestChange(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const times = await Promise.all(
    entries.map(async (e) => (await stat(join(e.parentPath, e.name))).mtimeMs),
  );
  return Math.max(0, ...times);
}

/**
 * Chromium is there and a complete build is in .output. Others may rebuild
 * the same tree while tests run: wait out a build in progress (no manifest
 * yet, or files still being written) rather than load half of one.
 */
async function assertPrerequisites(): Promise<void> {
  if (!existsSync(CHROME_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROME_PATH}. Install Debian's package: ` +
        '`apt-get install -y chromium`, or point CHROME_PATH at a Chromium binary.',
    );
  }
  const manifest = join(EXTENSION_DIR, 'manifest.json');
  await pollFor(
    `a built extension in ${EXTENSION_DIR} (run \`npm run build\` first)`,
    async () =>
      existsSync(manifest) && Date.now() - (await newestChange(EXTENSION_DIR)) > 1500
        ? true
        : undefined,
    30_000,
    250,
  );
}

export class HearthBrowser {
  private constructor(
    readonly userDataDir: string,
    private readonly extensionDir: string,
    private readonly extraArgs: string[],
    private readonly language: { locale: string; lang: string },
    public context: BrowserContext,
    public worker: Worker,
    public extensionId: string,
  ) {}

  /**
   * Launches Chromium with Hearth on a fresh temporary profile. The build is
   * copied first, so a rebuild of .output during the run cannot change the
   * extension under a running test.
   */
  static async launch(options: LaunchOptions = {}): Promise<HearthBrowser> {
    await assertPrerequisites();
    const userDataDir = await mkdtemp(join(tmpdir(), 'hearth-e2e-chromium-'));
    const extensionDir = `${userDataDir}-extension`;
    const extraArgs = options.args ?? [];
    const language = options.language ?? { locale: LOCALE, lang: LOCALE };
    try {
      await cp(options.extensionDir ?? EXTENSION_DIR, extensionDir, { recursive: true });
      if (options.preferences) {
        await mkdir(join(userDataDir, 'Default'), { recursive: true });
        await writeFile(
          join(userDataDir, 'Default', 'Preferences'),
          JSON.stringify(options.preferences),
        );
      }
      const started = await HearthBrowser.start(
        userDataDir,
        extensionDir,
        extraArgs,
        language,
        options.timeZone,
      );
      const { context, worker, extensionId } = started;
      return new HearthBrowser(
        userDataDir,
        extensionDir,
        extraArgs,
        language,
        context,
        worker,
        extensionId,
      );
    } catch (error) {
      await removeDirs(userDataDir, extensionDir);
      throw error;
    }
  }

  private static async start(
    userDataDir: string,
    extensionDir: string,
    extraArgs: string[],
    language: { locale: string; lang: string },
    timeZone = TIME_ZONE,
  ): Promise<{ context: BrowserContext; worker: Worker; extensionId: string }> {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROME_PATH,
      headless: true,
      locale: language.locale,
      env: { ...process.env, TZ: timeZone },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--lang=${language.lang}`,
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--host-resolver-rules=MAP *.work.test 127.0.0.1, MAP work.test 127.0.0.1, MAP play.test 127.0.0.1',
        ...extraArgs,
      ],
    });
    try {
      const worker =
        context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
        (await context.waitForEvent('serviceworker', {
          predicate: (w) => w.url().startsWith('chrome-extension://'),
          timeout: 20_000,
        }));
      const extensionId = new URL(worker.url()).host;
      const zone = await withTimeout(
        // A string: an arrow function here would name Node's imported Temporal, not the browser's.
        worker.evaluate<string>('Temporal.Now.timeZoneId()'),
        10_000,
        'the service worker',
      );
      if (zone !== timeZone) {
        throw new Error(
          `Chromium runs in time zone ${zone}, expected ${timeZone} (TZ in its environment)`,
        );
      }
      return { context, worker, extensionId };
    } catch (error) {
      await context.close();
      throw error;
    }
  }

  extensionUrl(page: ExtensionPage, hash = ''): string {
    return `chrome-extension://${this.extensionId}/${page}.html${hash}`;
  }

  /** A new tab on one of Hearth's pages (the popup cannot open as a popup in headless). */
  async openExtensionPage(page: ExtensionPage, hash = ''): Promise<Page> {
    const tab = await this.context.newPage();
    await tab.goto(this.extensionUrl(page, hash));
    return tab;
  }

  /** Evaluates in the service worker, failing clearly instead of hanging when it is stopped. */
  inWorker<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    // Arguments here are plain JSON, which Playwright passes through unchanged.
    const pageFunction = fn as (arg: unknown) => R | Promise<R>;
    return withTimeout(
      this.worker.evaluate(pageFunction, arg as unknown),
      10_000,
      'the service worker',
    );
  }

  /**
   * Stops every service worker through CDP (ServiceWorker.stopAllWorkers) and
   * waits until Chromium reports Hearth's worker stopped. It works from the
   * profile's first tab, which stays open: opening or closing a tab would wake
   * the worker again at once (its tabs.onUpdated / onRemoved listeners).
   */
  async stopServiceWorker(): Promise<void> {
    const tab = this.context.pages()[0] ?? (await this.context.newPage());
    const worker = await this.watchServiceWorker(tab);
    try {
      await this.context.newCDPSession(tab).then(async (cdp) => {
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await cdp.detach();
      });
      await pollFor('Hearth worker to stop', () =>
        worker.status() === 'stopped' ? true : undefined,
      );
    } finally {
      await worker.detach();
    }
  }

  /**
   * Follows Hearth's worker over CDP from `page` (an extension page): whether
   * it runs right now, as Chromium reports it. Detach when done.
   */
  async watchServiceWorker(page: Page): Promise<{ status(): string; detach(): Promise<void> }> {
    const cdp = await this.context.newCDPSession(page);
    const status = new Map<string, string>();
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) {
        if (v.scriptURL.startsWith(`chrome-extension://${this.extensionId}/`)) {
          status.set(v.versionId, v.runningStatus);
        }
      }
    });
    await cdp.send('ServiceWorker.enable');
    await pollFor('Hearth worker to be listed over CDP', () =>
      status.size > 0 ? true : undefined,
    );
    return {
      status: () => ([...status.values()].some((s) => s !== 'stopped') ? 'running' : 'stopped'),
      detach: () => cdp.detach(),
    };
  }

  /**
   * A CDP session set up ahead, so the worker can be stopped at a chosen
   * moment (a soak stops it within milliseconds of a click). `stop()` sends
   * ServiceWorker.stopAllWorkers at once and resolves when Chromium reports
   * Hearth's worker stopped (it may be woken again right after).
   */
  async workerStopper(): Promise<{ stop(): Promise<void>; close(): Promise<void> }> {
    const tab = await this.openExtensionPage('welcome');
    const cdp = await this.context.newCDPSession(tab);
    const status = new Map<string, string>();
    let stoppedSince = 0;
    let stops = 0;
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) {
        if (!v.scriptURL.startsWith(`chrome-extension://${this.extensionId}/`)) continue;
        status.set(v.versionId, v.runningStatus);
        if (v.runningStatus === 'stopped') stops += 1;
      }
    });
    await cdp.send('ServiceWorker.enable');
    await pollFor('Hearth worker to be listed over CDP', () =>
      status.size > 0 ? true : undefined,
    );
    return {
      stop: async () => {
        stoppedSince = stops;
        const alreadyStopped = [...status.values()].every((s) => s === 'stopped');
        await cdp.send('ServiceWorker.stopAllWorkers');
        if (alreadyStopped) return;
        await pollFor(
          'Hearth worker to stop',
          () => (stops > stoppedSince ? true : undefined),
          10_000,
          10,
        );
      },
      close: async () => {
        await cdp.detach().catch(() => undefined);
        await tab.close();
      },
    };
  }

  /**
   * Closes the browser and launches it again on the same profile (storage and
   * DNR rules persist), in `timeZone` when given (TZ in its environment: the
   * system's time zone as the browser sees it), else in TIME_ZONE.
   */
  async restart({ timeZone }: { timeZone?: string } = {}): Promise<void> {
    await this.context.close();
    const { context, worker, extensionId } = await HearthBrowser.start(
      this.userDataDir,
      this.extensionDir,
      this.extraArgs,
      this.language,
      timeZone,
    );
    this.context = context;
    this.worker = worker;
    this.extensionId = extensionId;
  }

  /**
   * Wakes a stopped worker the way Hearth's pages do: a message. (Opening a tab
   * or an extension page other than the popup wakes nothing: the pages read
   * storage themselves and tabs are listened to only while a step-past is
   * open; the popup asks for its hints once its state is on screen.)
   */
  async wakeWorker(): Promise<void> {
    const page = await this.openExtensionPage('welcome');
    try {
      await page.evaluate("chrome.runtime.sendMessage({ type: 'getStatus' })");
    } finally {
      await page.close();
    }
  }

  /** Writes settings and/or runtime into storage.local, the way the options page will. */
  async arrange({ settings, runtime }: Arrangement): Promise<void> {
    const items: Record<string, unknown> = {};
    if (settings) items.settings = settings;
    if (runtime) items.runtime = runtime;
    await this.inWorker((values) => chrome.storage.local.set(values), items);
  }

  /** The badge text and the number of dynamic DNR rules installed right now. */
  /** How many entries the history holds (IndexedDB hearth-history, read in the worker). */
  historyCount(): Promise<number> {
    return this.inWorker(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('hearth-history');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('entries')) return resolve(0);
            const count = db.transaction('entries').objectStore('entries').count();
            count.onsuccess = () => resolve(count.result);
            count.onerror = () => reject(count.error);
          };
        }),
      undefined,
    );
  }

  async enforcement(): Promise<{ badge: string; rules: number }> {
    return this.inWorker(async () => {
      const [badge, rules] = await Promise.all([
        chrome.action.getBadgeText({}),
        chrome.declarativeNetRequest.getDynamicRules(),
      ]);
      return { badge, rules: rules.length };
    }, undefined);
  }

  /**
   * Waits until the background has converged on family time being on (badge
   * "on", redirect rules installed) or off (no badge, no rules).
   */
  async settle(active: boolean, timeoutMs = 10_000): Promise<void> {
    await pollFor(
      `family time to be ${active ? 'on' : 'off'} in the browser`,
      async () => {
        const { badge, rules } = await this.enforcement();
        const on = badge === 'on' && rules > 0;
        const off = badge === '' && rules === 0;
        return (active ? on : off) ? true : undefined;
      },
      timeoutMs,
    );
  }

  async close(): Promise<void> {
    try {
      await this.context.close();
    } finally {
      await removeDirs(this.userDataDir, this.extensionDir);
    }
  }
}

// ---- arranging settings ----------------------------------------------------

export function zonedNow(): Temporal.ZonedDateTime {
  return Temporal.Now.zonedDateTimeISO(TIME_ZONE);
}

/** A weekly window (every day) starting at the wall time of `start` in TIME_ZONE. */
export function windowAt(
  start: Temporal.ZonedDateTime,
  lengthMinutes: number,
  id = 'e2e',
): WeeklyWindow {
  return {
    id,
    days: [1, 2, 3, 4, 5, 6, 7],
    startMinute: start.hour * 60 + start.minute,
    lengthMinutes,
    label: '',
    enabled: true,
    updatedAt: Date.now(),
  };
}

/**
 * Default settings with the given windows instead of the default ones, and
 * work.test (so mail.work.test too) on the block list.
 */
export function settingsWith(windows: WeeklyWindow[]): Settings {
  const settings = defaultSettings();
  settings.windows = windows;
  settings.sites = [
    { id: 'work-test', pattern: 'work.test', list: 'block', updatedAt: Date.now() },
  ];
  return settings;
}

export const NO_RUNTIME: Runtime = { session: null, pause: null, grants: [] };

/** A window that began 30 minutes ago and ends `minutesLeft` from now (rounded to a whole minute). */
export function activeWindow(minutesLeft = 90): {
  window: WeeklyWindow;
  until: Temporal.ZonedDateTime;
} {
  const start = zonedNow()
    .round({ smallestUnit: 'minute', roundingMode: 'floor' })
    .subtract({ minutes: 30 });
  const length = 30 + minutesLeft;
  return { window: windowAt(start, length), until: start.add({ minutes: length }) };
}

/** "8:30 PM" the way the extension formats a clock time, with spaces made plain. */
export function clockText(at: Temporal.ZonedDateTime): string {
  return plain(at.toLocaleString(LOCALE, { hour: 'numeric', minute: '2-digit' }));
}

/** Collapses the narrow and non-breaking spaces ICU puts into times, for comparison. */
export function plain(text: string | null): string {
  return (text ?? '').replace(/\s+/gu, ' ').trim();
}

/** The reminder page a blocked URL lands on. */
export function reminderUrlFor(hearth: HearthBrowser, original: string): string {
  return hearth.extensionUrl('blocked', `#${original}`);
}

/**
 * Navigates like typing a URL. A blocked navigation may be redirected twice
 * (DNR and the navigation backstop), which aborts the first one: that is
 * fine, the test asserts where the tab ends up.
 */
export async function typeUrl(page: Page, url: string): Promise<void> {
  try {
    await page.goto(url, { waitUntil: 'commit' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!/ERR_ABORTED|interrupted|ERR_BLOCKED_BY_CLIENT/.test(message)) throw error;
  }
}

/**
 * Every document the tab's main frame commits from now on, in order: a block
 * that shows Chromium's error page first (or a flash of the site) shows up here.
 */
export function recordCommits(page: Page): string[] {
  const urls: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });
  return urls;
}

/**
 * The tab showed the reminder and nothing else: neither the work site nor an
 * error page. (It may commit the reminder twice: DNR and the navigation
 * backstop both send it there.)
 */
export function expectOnlyReminder(commits: string[], reminder: string): void {
  const seen = `documents committed: ${commits.join(' , ')}`;
  expect(commits.length, seen).toBeGreaterThan(0);
  expect(
    commits.every((url) => url === reminder),
    seen,
  ).toBe(true);
}

/** Waits until the tab shows `url` exactly, and its document has loaded. */
export async function waitForUrl(page: Page, url: string, timeoutMs = 10_000): Promise<void> {
  await pollFor(
    () => `the tab to reach ${url} (it is on ${page.url()})`,
    () => (page.url() === url ? true : undefined),
    timeoutMs,
  );
  await page.waitForLoadState('load');
}
