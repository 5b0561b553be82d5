import { describe, expect, it } from 'vitest';
import {
  claimPreview,
  isFromPage,
  newPreview,
  nonceFromFragment,
  PREVIEW_LIFETIME_MS,
  previewSiteUrl,
  readPreview,
} from '@/utils/runtime/preview';
import { defaultSettings, type Settings } from '@/utils/settings/schema';

const NONCE = '0b8f3c2a-9d41-4e6b-8a7c-1f2e3d4c5b6a';
const OTHER = '11111111-2222-4333-8444-555555555555';
const AT = 1_800_000_000_000;

function withSites(sites: [string, 'block' | 'allow', number][], presetsOn = true): Settings {
  const settings = defaultSettings();
  settings.presets = Object.fromEntries(
    Object.keys(settings.presets).map((p) => [p, presetsOn]),
  ) as Settings['presets'];
  settings.sites = sites.map(([pattern, list, updatedAt], i) => ({
    id: `s${i}`,
    pattern,
    list,
    updatedAt,
  }));
  return settings;
}

describe('claimPreview', () => {
  const stored = newPreview(NONCE, 'https://intranet.example/', AT);

  it('gives the first tab that shows the nonce the preview, and binds it to that tab', () => {
    const claimed = claimPreview(stored, NONCE, 7, AT + 1000);
    expect(claimed).toEqual({
      url: 'https://intranet.example/',
      stored: { ...stored, tabId: 7 },
    });
    // A reload in the same tab still is the preview; another tab is not.
    expect(claimPreview(claimed?.stored ?? null, NONCE, 7, AT + 2000)?.url).toBe(
      'https://intranet.example/',
    );
    expect(claimPreview(claimed?.stored ?? null, NONCE, 8, AT + 2000)).toBeNull();
  });

  it('refuses a wrong nonce, no stored preview, no tab, or an expired one', () => {
    expect(claimPreview(stored, OTHER, 7, AT)).toBeNull();
    expect(claimPreview(null, NONCE, 7, AT)).toBeNull();
    expect(claimPreview(stored, NONCE, undefined, AT)).toBeNull();
    expect(claimPreview(stored, NONCE, 7, AT + PREVIEW_LIFETIME_MS)).toBeNull();
    expect(claimPreview(stored, NONCE, 7, AT + PREVIEW_LIFETIME_MS - 1)).not.toBeNull();
  });
});

describe('reading what is stored and sent', () => {
  it('reads only a well-formed stored preview', () => {
    const good = newPreview(NONCE, 'https://a.example/', AT);
    expect(readPreview(good)).toEqual(good);
    expect(readPreview(undefined)).toBeNull();
    expect(readPreview({ ...good, nonce: 'x' })).toBeNull();
    expect(readPreview({ ...good, tabId: 1.5 })).toBeNull();
    expect(readPreview('preview')).toBeNull();
  });

  it('takes a nonce only from a #preview= fragment of the right shape', () => {
    expect(nonceFromFragment(`#preview=${NONCE}`)).toBe(NONCE);
    expect(nonceFromFragment(`#preview=${NONCE}x`)).toBeNull();
    expect(nonceFromFragment('#preview=')).toBeNull();
    expect(nonceFromFragment('#https://mail.google.com/')).toBeNull();
    expect(nonceFromFragment(`#https://x.example/#preview=${NONCE}`)).toBeNull();
  });
});

describe('isFromPage', () => {
  const welcome = 'chrome-extension://abc/welcome.html';
  it('accepts the page itself, whatever its fragment', () => {
    expect(isFromPage(welcome, welcome)).toBe(true);
    expect(isFromPage(`${welcome}#try`, welcome)).toBe(true);
  });
  it('refuses every other page, another extension, a web page, or no address', () => {
    expect(isFromPage('chrome-extension://abc/blocked.html#preview', welcome)).toBe(false);
    expect(isFromPage('chrome-extension://evil/welcome.html', welcome)).toBe(false);
    expect(isFromPage('https://abc/welcome.html', welcome)).toBe(false);
    expect(isFromPage(`${welcome}?x=1`, welcome)).toBe(false);
    expect(isFromPage(undefined, welcome)).toBe(false);
    expect(isFromPage('not a url', welcome)).toBe(false);
  });
});

describe('previewSiteUrl', () => {
  it('picks the newest site they added themselves', () => {
    const settings = withSites([
      ['old.example', 'block', 1],
      ['intranet.example', 'block', 5],
      ['wiki.example/team', 'block', 3],
    ]);
    expect(previewSiteUrl(settings)).toBe('https://intranet.example/');
  });

  it('keeps a port and a path of the pattern', () => {
    const settings = withSites([['10.0.0.7:8080/board', 'block', 1]], false);
    expect(previewSiteUrl(settings)).toBe('https://10.0.0.7:8080/board');
  });

  it('skips a site the allow list lets through, and falls back to a preset that is on', () => {
    const settings = withSites([
      ['intranet.example', 'block', 2],
      ['intranet.example', 'allow', 2],
    ]);
    expect(previewSiteUrl(settings)).toBe('https://mail.google.com/');
    settings.presets.mail = false;
    expect(previewSiteUrl(settings)).toBe('https://slack.com/');
  });

  it('has nothing to preview when nothing is kept away', () => {
    expect(previewSiteUrl(withSites([], false))).toBeNull();
    expect(previewSiteUrl(withSites([['a.example', 'allow', 1]], false))).toBeNull();
  });
});
