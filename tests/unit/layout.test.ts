import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * The floor plan, kept true (in the spirit of refined-github's meta-tests):
 * the pure core never reaches the browser, every pure module has its test at
 * the mirrored path, and storage keys are written only through the registry.
 */
const ROOT = resolve(import.meta.dirname, '../..');

function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (pattern.test(name)) out.push(relative(ROOT, path));
    }
  };
  walk(join(ROOT, dir));
  return out.sort();
}

const SOURCE = /\.(ts|tsx)$/;
const source = ['utils', 'components', 'hooks', 'entrypoints'].flatMap((d) =>
  filesUnder(d, SOURCE),
);
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Where code may touch the browser: the adapters, the page glue, the entrypoints. */
const mayTouchBrowser = (file: string) =>
  file.startsWith('utils/browser/') || file.startsWith('hooks/') || file.startsWith('entrypoints/');

const BROWSER_MODULES =
  /from '(wxt\/browser|webextension-polyfill|@wxt-dev\/webextension-polyfill|idb-keyval)'/;

describe('the layers', () => {
  test('the source tree was found (a test that reads nothing proves nothing)', () => {
    expect(source.length).toBeGreaterThan(40);
    expect(source).toContain('utils/decide.ts');
  });

  test('only utils/browser/, hooks/ and entrypoints/ import the browser or IndexedDB', () => {
    const offenders = source.filter((f) => !mayTouchBrowser(f) && BROWSER_MODULES.test(read(f)));
    expect(offenders).toEqual([]);
  });

  test('the pure core does not reach the browser through a global either', () => {
    const pure = source.filter((f) => f.startsWith('utils/') && !f.startsWith('utils/browser/'));
    const code = (f: string) => read(f).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const offenders = pure.filter((f) =>
      /\b(browser|chrome)\.(runtime|storage|tabs|alarms|declarativeNetRequest)\b/.test(code(f)),
    );
    expect(offenders).toEqual([]);
  });

  test('pure modules import no adapter but the key registry', () => {
    const pure = source.filter((f) => f.startsWith('utils/') && !f.startsWith('utils/browser/'));
    const offenders = pure.filter((f) =>
      [...read(f).matchAll(/from '(@\/utils\/browser\/[^']+|\.\.?\/browser\/[^']+)'/g)].some(
        (m) => !m[1]?.endsWith('/storage-keys'),
      ),
    );
    expect(offenders).toEqual([]);
  });

  test('components call no adapter but i18n: pages reach the browser through hooks', () => {
    const components = source.filter((f) => f.startsWith('components/'));
    const offenders = components.filter((f) =>
      [...read(f).matchAll(/from '@\/utils\/browser\/([^']+)'/g)].some((m) => m[1] !== 'i18n'),
    );
    expect(offenders).toEqual([]);
  });

  test('hooks and pages call browser.* only through the adapters', () => {
    const glue = source.filter(
      (f) =>
        f.startsWith('hooks/') ||
        (f.startsWith('entrypoints/') && f !== 'entrypoints/background.ts'),
    );
    const offenders = glue.filter((f) => /from 'wxt\/browser'/.test(read(f)));
    expect(offenders).toEqual([]);
  });

  test('settings are written in one place: the background’s settings-writes.ts (pages send a message)', () => {
    // storage.ts defines the writer; only settings-writes.ts imports it. Everything else asks the background.
    const importsWriter =
      /import\s*{[^}]*\bsaveSettings\b[^}]*}\s*from\s*'(@\/utils\/browser\/storage|\.\/storage)'/;
    expect(source.filter((f) => importsWriter.test(read(f)))).toEqual([
      'utils/browser/settings-writes.ts',
    ]);
    // No one writes the settings key by hand but the writer and the sync engine (browser-free;
    // its merged write goes through the background's commitSettings hook).
    const byHand = /\.set\(\s*{\s*\[KEYS\.settings\]|items\[KEYS\.settings\]\s*=/;
    expect(source.filter((f) => byHand.test(read(f)))).toEqual([
      'utils/browser/storage.ts',
      'utils/sync/engine.ts',
    ]);
  });
});

describe('tests mirror the core', () => {
  test('every pure module in utils/ has a unit test at the mirrored path', () => {
    const pure = source.filter((f) => f.startsWith('utils/') && !f.startsWith('utils/browser/'));
    const missing = pure.filter((f) => {
      const test = f.replace(/^utils\//, 'tests/unit/').replace(/\.tsx?$/, '.test.ts');
      try {
        return !statSync(join(ROOT, test)).isFile();
      } catch {
        return true;
      }
    });
    expect(missing).toEqual([]);
  });

  test('every unit test file names what it tests: tests/unit/<room>/<module>[-<aspect>].test.ts', () => {
    const tests = filesUnder('tests/unit', /\.test\.ts$/);
    const modules = source.map((f) => f.replace(/\.tsx?$/, ''));
    const subject = (t: string) => t.replace(/^tests\/unit\//, '').replace(/\.test\.ts$/, '');
    const PROJECT_TESTS = ['layout', 'locales'];
    const orphans = tests.filter((t) => {
      const name = subject(t);
      if (PROJECT_TESTS.includes(name)) return false;
      return !modules.some((m) => {
        const bare = m.replace(/^(utils|components)\//, '');
        return name === bare || name.startsWith(`${bare}-`);
      });
    });
    expect(tests.length).toBeGreaterThan(20);
    expect(orphans).toEqual([]);
  });
});

describe('one registry of storage keys', () => {
  test('no storage key is written as a literal outside utils/browser/storage-keys.ts', () => {
    const writers = source.filter((f) => f !== 'utils/browser/storage-keys.ts');
    const offenders = writers.filter((f) => {
      const text = read(f);
      return (
        /storage\.(local|sync|session)\.(get|set|remove)\(\s*['"`]/.test(text) ||
        /storage\.(local|sync|session)\.set\(\s*\{\s*['"]?\w+['"]?\s*:/.test(text) ||
        /localStorage\.(get|set|remove)Item\(\s*['"`]/.test(text)
      );
    });
    expect(offenders).toEqual([]);
  });

  test('every key in the registry is distinct', () => {
    const text = read('utils/browser/storage-keys.ts');
    const values = [...text.matchAll(/^\s+\w+: '([^']+)',/gm)].map((m) => m[1]);
    expect(values.length).toBeGreaterThan(5);
    expect(new Set(values).size).toBe(values.length);
  });
});
