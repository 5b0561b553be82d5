import { browser } from 'wxt/browser';
import { type EnforcementReport, loadEnforcementReport } from './storage';

export interface Coverage {
  hostAccess: boolean;
  privateWindows: boolean;
  vendor: 'firefox' | 'chromium';
  /** What the last reconcile could not do (refused sites, failed steps). */
  report: EnforcementReport;
}

/** What this browser lets Hearth see, read fresh each time (the parent can change it any moment). */
export async function readCoverage(): Promise<Coverage> {
  const runtime = browser.runtime as unknown as { getBrowserInfo?: () => Promise<unknown> };
  const [hostAccess, privateWindows, report] = await Promise.all([
    hasHostAccess(),
    browser.extension.isAllowedIncognitoAccess().catch(() => false),
    loadEnforcementReport(),
  ]);
  return {
    hostAccess,
    privateWindows,
    report,
    vendor: typeof runtime.getBrowserInfo === 'function' ? 'firefox' : 'chromium',
  };
}

const WEB = ['http://*/*', 'https://*/*'];

/** Firefox lets the parent withdraw site access; without it no redirect happens. */
export async function hasHostAccess(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: WEB });
  } catch {
    return false;
  }
}

/** The one-click fix when site access was withdrawn; needs a click (a user gesture). */
export async function requestHostAccess(): Promise<boolean> {
  return browser.permissions.request({ origins: WEB });
}
