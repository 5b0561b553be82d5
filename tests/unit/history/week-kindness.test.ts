import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

// "Your week" and History speak of the parent's own choices: never of failure,
// getting caught, streaks or violations, in any language.
const LOCALES = resolve(import.meta.dirname, '../../../public/_locales');
const UNKIND: Record<string, RegExp> = {
  en: /\b(fail\w*|caught|catch|streak\w*|violat\w*|cheat\w*|broke\w*)\b/i,
  es: /\b(fall\w*|fracas\w*|pillad\w*|atrapad\w*|racha\w*|infracci\w*|violaci\w*|trampa\w*)\b/i,
};

describe.each(Object.keys(UNKIND))('kind words in %s', (locale) => {
  const messages = JSON.parse(
    readFileSync(join(LOCALES, locale, 'messages.json'), 'utf8'),
  ) as Record<string, { message: string }>;
  const ours = Object.entries(messages).filter(([key]) => /^(yourWeek|history)/.test(key));

  test('there are strings to check', () => expect(ours.length).toBeGreaterThan(60));

  test('no word of failure, catching, streaks or violations', () => {
    const unkind = ours.filter(([, m]) => UNKIND[locale]?.test(m.message));
    expect(unkind.map(([key, m]) => `${key}: ${m.message}`)).toEqual([]);
  });
});
