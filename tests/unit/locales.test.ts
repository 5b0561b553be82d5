import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const LOCALES = join(ROOT, 'public/_locales');
type Messages = Record<string, { message: string }>;

const read = (locale: string): Messages =>
  JSON.parse(readFileSync(join(LOCALES, locale, 'messages.json'), 'utf8')) as Messages;
const placeholders = (text: string) => [...new Set(text.match(/\$\d/g) ?? [])].sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

const english = read('en');
const locales = readdirSync(LOCALES);

describe('locales', () => {
  it('has English and Spanish', () => {
    expect(locales).toEqual(expect.arrayContaining(['en', 'es']));
  });

  for (const locale of locales) {
    describe(locale, () => {
      const messages = read(locale);
      it('has every key English has, and no others', () => {
        expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
      });
      it('has no empty message', () => {
        const empty = Object.entries(messages).filter(([, m]) => !m.message.trim());
        expect(empty.map(([key]) => key)).toEqual([]);
      });
      it('keeps every placeholder of the English message', () => {
        const wrong = Object.keys(english).filter(
          (key) =>
            messages[key] &&
            placeholders(messages[key].message).join() !==
              placeholders(english[key]?.message ?? '').join(),
        );
        expect(wrong).toEqual([]);
      });
    });
  }

  it('uses every English key somewhere in the code (no dead strings to translate)', () => {
    const code = [
      ...['entrypoints', 'components', 'hooks', 'utils'].flatMap((d) => sourceFiles(join(ROOT, d))),
      join(ROOT, 'wxt.config.ts'),
    ]
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unused = Object.keys(english).filter(
      (key) => !code.includes(`'${key}'`) && !code.includes(`__MSG_${key}__`),
    );
    expect(unused).toEqual([]);
  });
});
