import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * What each page and the background load, from the built extension: every
 * script and module preload a page's HTML names, gzipped (level 9) one file at
 * a time as they are fetched. And which source takes those bytes, from a
 * second build with source maps.
 */

const ROOT = resolve(import.meta.dirname, '..');
export const PAGES = ['popup', 'options', 'winddown', 'welcome', 'blocked'] as const;
export type PageName = (typeof PAGES)[number];

const gz = (data: Buffer | string) => gzipSync(data, { level: 9 }).length;

export function pageScripts(dist: string, page: string): string[] {
  const html = readFileSync(join(dist, `${page}.html`), 'utf8');
  return [...html.matchAll(/(?:src|href)="(\/[^"]+\.js)"/g)].map((m) => m[1] as string);
}

export function scriptBytes(dist: string, files: readonly string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const data = readFileSync(join(dist, file));
    raw += data.length;
    gzip += gz(data);
  }
  return { raw, gzip };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function vlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    let digit = B64.indexOf(char);
    const more = digit & 32;
    digit &= 31;
    value += digit << shift;
    if (more) shift += 5;
    else {
      out.push(value & 1 ? -(value >> 1) : value >> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** Generated code of `file`, cut by the source each piece came from (its .map beside it). */
function codeBySource(file: string): Map<string, string> {
  const code = readFileSync(file, 'utf8').split('\n');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as {
    sources: string[];
    mappings: string;
  };
  const parts = new Map<string, string>();
  let source = 0;
  map.mappings.split(';').forEach((line, index) => {
    const text = code[index] ?? '';
    let column = 0;
    const points: [number, number][] = [];
    for (const segment of line ? line.split(',') : []) {
      const fields = vlq(segment);
      column += fields[0] ?? 0;
      if (fields.length > 1) source += fields[1] ?? 0;
      points.push([column, fields.length > 1 ? source : -1]);
    }
    points.forEach(([from, src], i) => {
      const to = points[i + 1]?.[0] ?? text.length;
      const raw = src < 0 ? '(bundler glue)' : (map.sources[src] ?? '?');
      const name =
        src < 0
          ? raw
          : raw.includes('node_modules/')
            ? raw.replace(/^.*node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, 'npm:$1')
            : relative(ROOT, resolve(dirname(file), raw));
      parts.set(name, (parts.get(name) ?? '') + text.slice(from, to));
    });
  });
  return parts;
}

export interface Contributor {
  source: string;
  raw: number;
  /** That source's code gzipped on its own: an upper bound of what it adds to the whole. */
  gzip: number;
}

/** The biggest sources in a set of built files, by their gzipped size alone. */
export function contributors(dist: string, files: readonly string[], top = 8): Contributor[] {
  const all = new Map<string, string>();
  for (const file of files) {
    const path = join(dist, file);
    if (!existsSync(`${path}.map`)) continue;
    for (const [source, code] of codeBySource(path))
      all.set(source, (all.get(source) ?? '') + code);
  }
  return [...all]
    .map(([source, code]) => ({ source, raw: code.length, gzip: gz(code) }))
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, top);
}

/** Builds a copy with source maps in a temporary folder, calls `use`, removes it. */
export async function withSourceMapBuild<T>(use: (dist: string) => T): Promise<T> {
  const out = await mkdtemp(join(tmpdir(), 'hearth-bench-build-'));
  try {
    execFileSync('npx', ['wxt', 'build'], {
      cwd: ROOT,
      env: { ...process.env, HEARTH_SOURCEMAP: '1', HEARTH_OUT_DIR: out },
      stdio: 'ignore',
    });
    return use(join(out, 'chrome-mv3'));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
