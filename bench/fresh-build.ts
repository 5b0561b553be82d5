import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EXTENSION_DIR } from '../tests/harness/chromium';
import { FIREFOX_DIST } from '../tests/harness/firefox';

/** Everything the build is made from (kept in step with SOURCE_PATHS in ./browser.ts). */
const SOURCES = [
  'entrypoints',
  'components',
  'hooks',
  'utils',
  'public',
  'wxt.config.ts',
  'package.json',
  'package-lock.json',
];

async function newest(path: string): Promise<{ path: string; mtimeMs: number }> {
  const info = await stat(path);
  if (!info.isDirectory()) return { path, mtimeMs: info.mtimeMs };
  let best = { path, mtimeMs: 0 };
  for (const entry of await readdir(path, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const { mtimeMs } = await stat(file);
    if (mtimeMs > best.mtimeMs) best = { path: file, mtimeMs };
  }
  return best;
}

/**
 * Refuses to measure a build older than its source, Chromium's or Firefox's:
 * a benchmark of the browser build must measure the code next to it.
 * `npm run bench` builds both first; running bench/run.ts by hand after an
 * edit stops here.
 */
export async function assertFreshBuild(root = resolve(import.meta.dirname, '..')): Promise<void> {
  for (const dir of [EXTENSION_DIR, FIREFOX_DIST]) await assertFresh(dir, root);
}

async function assertFresh(dir: string, root: string): Promise<void> {
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) {
    throw new Error(`No build at ${dir}: run \`npm run build:all\` (or \`npm run bench\`).`);
  }
  const built = await newest(dir);
  const builtAt = Math.min((await stat(manifest)).mtimeMs, built.mtimeMs);
  for (const source of SOURCES) {
    const path = join(root, source);
    if (!existsSync(path)) continue;
    const changed = await newest(path);
    if (changed.mtimeMs > builtAt) {
      throw new Error(
        `The build in ${dir} (${new Date(builtAt).toISOString()}) is older than ` +
          `${changed.path} (${new Date(changed.mtimeMs).toISOString()}): run \`npm run build:all\`, ` +
          'or `npm run bench`, which builds first.',
      );
    }
  }
}
