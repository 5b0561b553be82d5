import { browser } from 'wxt/browser';

/** Keys of _locales/en/messages.json, as WXT generates them: a typo fails the typecheck. */
export type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];

/** A message from _locales; the key itself when missing, so a gap shows rather than hides. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}
