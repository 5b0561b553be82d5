import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { Temporal } from 'temporal-polyfill';
import type { WeeklyWindow } from '../../utils/settings/schema';
import { e2eTimeZone } from './zone';

/**
 * Real Firefox (Debian firefox-esr) driven by puppeteer-core over WebDriver
 * BiDi, with the built extension installed as a temporary add-on. See
 * /work/shared/E2E.md ("Firefox") for why each setting is here.
 */

export const GECKO_ID = 'hearth@hearth.invalid';
/** Pinned through `extensions.webextensions.uuids`, so moz-extension:// URLs are known up front. */
export const EXTENSION_UUID = '3f6c2a1e-8b4d-4c7a-9e15-6d2b8e0f4a11';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;
/** The Firefox build under test; HEARTH_FIREFOX_DIST points elsewhere (e.g. a build of another checkout). */
export const FIREFOX_DIST = resolve(
  process.env.HEARTH_FIREFOX_DIST ??
    fileURLToPath(new URL('../../.output/firefox-mv3', import.meta.url)),
);
/** Hosts the fake work-site server answers; Firefox resolves them to loopback. */
export const LOCAL_HOSTS = ['mail.work.test', 'work.test', 'play.test'] as const;

const DEFAULT_FIREFOX = '/usr/lib/firefox-esr/firefox-esr';
const PROFILE_PREFIX = 'hearth-e2e-firefox-';
/** Profiles left behind by a killed run are swept once they are this old. */
const STALE_PROFILE_MS = 30 * 60_000;

export function firefoxPath(): string {
  const path = process.env.FIREFOX_PATH ?? DEFAULT_FIREFOX;
  if (!existsSync(path)) {
    throw new Error(
      `Firefox not found at ${path}. Install Debian's package with ` +
        '`apt-get install -y firefox-esr`, or point FIREFOX_PATH at a Firefox binary.',
    );
  }
  return path;
}

function firefoxDist(): string {
  if (!existsSync(join(FIREFOX_DIST, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${FIREFOX_DIST}. Run \`npm run build:firefox\` first.`);
  }
  return FIREFOX_DIST;
}

async function sweepStaleProfiles(): Promise<void> {
  const dir = tmpdir();
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(PROFILE_PREFIX)) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (info && Date.now() - info.mtimeMs > STALE_PROFILE_MS) {
      await rm(path, { recursive: true, force: true }).catch(() => undefined);
    }
  }
}

export interface Firefox {
  browser: Browser;
  /** moz-extension://<uuid> */
  origin: string;
  /** moz-extension://<uuid>/<path> */
  extensionUrl(path: string): string;
  /** The browser's own IANA time zone, as the extension sees it. */
  timeZone: string;
  close(): Promise<void>;
}

export interface FirefoxOptions {
  /** More preferences, e.g. letting a plain-http test site register a service worker. */
  prefs?: Record<string, unknown>;
  /** Another copy of the build (the bench adds a script-free page to one). */
  dist?: string;
}

/** Launches headless Firefox with Hearth installed; always pair with `close()` in `finally`. */
export async function launchFirefox(options: FirefoxOptions = {}): Promise<Firefox> {
  const executablePath = firefoxPath();
  const dist = options.dist ?? firefoxDist();
  await sweepStaleProfiles();
  const profile = await mkdtemp(join(tmpdir(), PROFILE_PREFIX));
  let browser: Browser | null = null;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      userDataDir: profile,
      // The browser's wall clock zone is the test's: settings are computed in it.
      // HEARTH_E2E_TZ (see ./zone.ts) wins over TZ, as for Chromium.
      env: {
        ...process.env,
        TZ: e2eTimeZone(process.env.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone),
      },
      extraPrefsFirefox: {
        'network.dns.localDomains': LOCAL_HOSTS.join(','),
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
        // MV3 host permissions are opt-in in Firefox; without them the redirect silently fails.
        'extensions.originControls.grantByDefault': true,
        // The event page dies quickly, so every test also exercises waking it.
        'extensions.background.idle.timeout': 1000,
        ...options.prefs,
      },
      // Lets BiDi navigate to moz-extension:// pages.
      args: ['--remote-allow-system-access'],
    });
    const id = await browser.installExtension(dist);
    if (id !== GECKO_ID) throw new Error(`Installed add-on id ${id}, expected ${GECKO_ID}`);
    const page = await browser.newPage();
    await page.goto('about:blank');
    const timeZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    await page.close();
    const launched = browser;
    return {
      browser: launched,
      origin: EXTENSION_ORIGIN,
      extensionUrl: (path) => `${EXTENSION_ORIGIN}/${path.replace(/^\//, '')}`,
      timeZone,
      close: async () => {
        try {
          await launched.close();
        } finally {
          await rm(profile, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

/** The part of puppeteer's BiDi frame this file needs; not in its public types. */
interface BidiNavigable {
  browsingContext: {
    navigate(url: string, wait?: 'none' | 'interactive' | 'complete'): Promise<void>;
  };
}

function isBidiNavigable(frame: Frame): frame is Frame & BidiNavigable {
  const context = (frame as Partial<BidiNavigable>).browsingContext;
  return typeof context?.navigate === 'function';
}

/**
 * Starts a navigation as if typed in the address bar, without waiting for it:
 * `page.goto` never resolves when the document ends up moz-extension://
 * (the remote agent skips extension contexts), so callers poll instead.
 */
export async function navigate(page: Page, url: string): Promise<void> {
  const frame = page.mainFrame();
  if (!isBidiNavigable(frame))
    throw new Error('Not a WebDriver BiDi page: launch Firefox via launchFirefox()');
  try {
    await frame.browsingContext.navigate(url, 'none');
  } catch (error) {
    // A redirect to the reminder aborts the original load; BiDi reports that as an error.
    if (!(error instanceof Error && error.message.includes('NS_BINDING_ABORTED'))) throw error;
  }
}

export interface PollOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/** Calls `probe` until it returns something other than undefined, or fails with the last value seen. */
export async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { timeoutMs = 10_000, intervalMs = 100 }: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = 'nothing yet';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      last = 'undefined';
    } catch (error) {
      // A document being replaced throws from evaluate; that is part of waiting.
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The page's location once `accept` likes it, after the document finished loading. */
export function waitForLocation(
  page: Page,
  accept: (href: string) => boolean,
  options?: PollOptions,
): Promise<string> {
  let seen = '';
  return poll(
    'location',
    async () => {
      const { href, ready } = await page.evaluate(() => ({
        href: location.href,
        ready: document.readyState,
      }));
      seen = href;
      return accept(href) && ready === 'complete' ? href : undefined;
    },
    options,
  ).catch((error: unknown) => {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}; location was ${seen}`,
    );
  });
}

/** The page's visible text once it contains `text`. */
export function waitForText(page: Page, text: string, options?: PollOptions): Promise<string> {
  let seen = '';
  return poll(
    `text "${text}"`,
    async () => {
      seen = await page.evaluate(() => document.body?.innerText ?? '');
      return seen.includes(text) ? seen : undefined;
    },
    options,
  ).catch((error: unknown) => {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}; page text was: ${seen}`,
    );
  });
}

/** Opens an extension page (popup.html, blocked.html…) in a new tab and waits for it to load. */
export async function openExtensionPage(firefox: Firefox, path: string): Promise<Page> {
  const page = await firefox.browser.newPage();
  const url = firefox.extensionUrl(path);
  await navigate(page, url);
  await waitForLocation(page, (href) => href.startsWith(url));
  return page;
}

/**
 * The slice of the WebExtension API the Firefox tests call inside Hearth's own
 * pages (`page.evaluate`), where puppeteer gives no types.
 */
export interface ExtensionGlobal {
  browser: {
    contentSettings?: unknown;
    storage: {
      local: {
        set(items: Record<string, unknown>): Promise<void>;
        get(key: string): Promise<Record<string, unknown>>;
      };
    };
    declarativeNetRequest: {
      getDynamicRules(): Promise<
        {
          action: { type: string };
          condition: { requestDomains?: string[]; regexFilter?: string };
        }[]
      >;
    };
  };
}

/** A weekly window that opened `minutesAgo` in `timeZone` (the browser's) and lasts `lengthMinutes`. */
export function windowOpenedAgo(
  timeZone: string,
  minutesAgo: number,
  lengthMinutes: number,
  id = 'e2e',
): WeeklyWindow {
  const start = Temporal.Now.zonedDateTimeISO(timeZone).subtract({ minutes: minutesAgo });
  return {
    id,
    days: [start.dayOfWeek],
    startMinute: start.hour * 60 + start.minute,
    lengthMinutes,
    label: '',
    enabled: true,
    updatedAt: 0,
  };
}
