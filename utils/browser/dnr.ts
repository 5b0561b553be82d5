import { browser } from 'wxt/browser';
import { diffRules, type Rule, type RuleLimits, type RuleSpec } from '@/utils/sites/rules';

type DnrRule = Parameters<typeof browser.declarativeNetRequest.updateDynamicRules>[0]['addRules'];

/** Absolute URL of the reminder page, where blocked navigations land. */
export function reminderUrl(): string {
  return browser.runtime.getURL('/blocked.html');
}

/** The browser's own limits, read rather than assumed (they differ by vendor and version). */
export function ruleLimits(): RuleLimits {
  const dnr = browser.declarativeNetRequest as unknown as Record<string, unknown>;
  const num = (key: string, fallback: number) =>
    typeof dnr[key] === 'number' ? (dnr[key] as number) : fallback;
  return {
    maxRules: num(
      'MAX_NUMBER_OF_DYNAMIC_RULES',
      num('MAX_NUMBER_OF_DYNAMIC_AND_SESSION_RULES', 5000),
    ),
    maxRegexRules: num('MAX_NUMBER_OF_REGEX_RULES', 1000),
  };
}

/** Installs exactly `desired`, touching only rules that change, in one atomic update. */
export async function convergeRules(
  desired: readonly RuleSpec[],
): Promise<{ added: number; removed: number }> {
  const installed = (await browser.declarativeNetRequest.getDynamicRules()) as unknown as Rule[];
  const { removeRuleIds, addRules } = diffRules(installed, desired);
  if (removeRuleIds.length > 0 || addRules.length > 0) {
    await browser.declarativeNetRequest.updateDynamicRules({
      removeRuleIds,
      addRules: addRules as unknown as DnrRule,
    });
  }
  return { added: addRules.length, removed: removeRuleIds.length };
}
