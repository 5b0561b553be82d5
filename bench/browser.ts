import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, type HearthBrowser } from '../tests/harness/chromium';
import { median, percentile } from './measure';
import type { Cell } from './types';

/**
 * What the browser benchmarks (reminder, photo-import) share: they drive the
 * built extension in headless Chromium through the e2e fixture
 * (tests/e2e/support/chromium.ts) and evaluate code in its pages.
 */

/**
 * Evaluates `fn(arg)` in a page. tsx compiles bench code with esbuild's
 * keepNames, which wraps named inner functions in a `__name(...)` helper that
 * exists only in Node; a no-op stand-in is defined first so the same source
 * runs in the page. `arg` must be plain JSON.
 */
export function inPage<R, A = null>(
  page: Page,
  fn: (arg: A) => R | Promise<R>,
  arg: A = null as A,
): Promise<R> {
  const source = `(globalThis.__name ??= (f) => f, (${fn.toString()})(${JSON.stringify(arg)}))`;
  return page.evaluate(source) as Promise<R>;
}

/** The options page, in a tab of its own. */
export async function openOptions(hearth: HearthBrowser): Promise<Page> {
  const page = await hearth.context.newPage();
  await page.goto(`chrome-extension://${hearth.extensionId}/options.html`);
  await page.getByLabel('Add photos').waitFor({ state: 'attached' });
  return page;
}

export const PHOTO_WIDTH = 4000;
export const PHOTO_HEIGHT = 3000;
export const PHOTO_QUALITY = 0.92;
/** Peak-to-peak luminance grain and per-channel colour noise, in 8-bit levels. */
const PHOTO_GRAIN = 16;
const PHOTO_CHROMA_NOISE = 4;
/** Short strokes in the lower half: grass, carpet, fabric, the detail that makes phone JPEGs large. */
const TEXTURE_STROKES = 120_000;

export interface TestPhoto {
  path: string;
  bytes: number;
  /** Removes the temporary file. */
  remove(): Promise<void>;
}

/**
 * A 12-megapixel camera-like JPEG, drawn in the page on an OffscreenCanvas
 * (sky, soft blurred shapes, a finely textured lower half, a few crisp edges
 * and per-pixel sensor grain, all from a fixed seed) and written to a
 * temporary file from Node. Texture and grain make it as large as a phone
 * photo (about 4.7 MB at quality 0.92); the same drawing on every run.
 */
export async function makeTestPhoto(page: Page, name = 'IMG_2041.jpg'): Promise<TestPhoto> {
  const base64 = await inPage(
    page,
    async ({ width, height, quality, grain, chroma, strokes }) => {
      const canvas = new OffscreenCanvas(width, height);
      const g = canvas.getContext('2d');
      if (!g) throw new Error('No 2D canvas');
      let seed = 20260304;
      const random = () => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return seed / 2 ** 32;
      };
      // A scene rather than confetti: sky, soft blurred shapes (faces, furniture, light),
      // a textured lower half (grass, carpet, fabric) and crisp edges here and there.
      const sky = g.createLinearGradient(0, 0, 0, height * 0.5);
      sky.addColorStop(0, '#7fa9d6');
      sky.addColorStop(1, '#f1dcc0');
      g.fillStyle = sky;
      g.fillRect(0, 0, width, height);
      for (let i = 0; i < 60; i += 1) {
        const x = random() * width;
        const y = random() * height;
        const r = 150 + random() * 700;
        const blob = g.createRadialGradient(x, y, r * 0.1, x, y, r);
        const hue = Math.floor(random() * 360);
        blob.addColorStop(0, `hsl(${hue} ${30 + random() * 40}% ${35 + random() * 40}% / 0.9)`);
        blob.addColorStop(1, `hsl(${hue} 30% 50% / 0)`);
        g.fillStyle = blob;
        g.fillRect(x - r, y - r, 2 * r, 2 * r);
      }
      for (let i = 0; i < strokes; i += 1) {
        const x = random() * width;
        const y = height * 0.5 + random() * height * 0.5;
        g.strokeStyle = `hsl(${70 + random() * 60} ${25 + random() * 40}% ${15 + random() * 45}%)`;
        g.lineWidth = 1 + random() * 3;
        g.beginPath();
        g.moveTo(x, y);
        g.lineTo(x + (random() - 0.5) * 30, y - 10 - random() * 60);
        g.stroke();
      }
      for (let i = 0; i < 120; i += 1) {
        g.fillStyle = `hsl(${Math.floor(random() * 360)} ${20 + random() * 50}% ${20 + random() * 60}%)`;
        g.fillRect(random() * width, random() * height, 20 + random() * 300, 20 + random() * 300);
      }
      // Sensor noise, a row band at a time (one 48 MB ImageData is more than a page needs).
      const band = 250;
      for (let y = 0; y < height; y += band) {
        const image = g.getImageData(0, y, width, band);
        const data = image.data;
        for (let p = 0; p < data.length; p += 4) {
          const luma = (random() - 0.5) * grain;
          data[p] = (data[p] ?? 0) + luma + (random() - 0.5) * chroma;
          data[p + 1] = (data[p + 1] ?? 0) + luma + (random() - 0.5) * chroma;
          data[p + 2] = (data[p + 2] ?? 0) + luma + (random() - 0.5) * chroma;
        }
        g.putImageData(image, 0, y);
      }
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) {
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      }
      return btoa(binary);
    },
    {
      width: PHOTO_WIDTH,
      height: PHOTO_HEIGHT,
      quality: PHOTO_QUALITY,
      grain: PHOTO_GRAIN,
      chroma: PHOTO_CHROMA_NOISE,
      strokes: TEXTURE_STROKES,
    },
  );
  const data = Buffer.from(base64, 'base64');
  const dir = await mkdtemp(join(tmpdir(), 'hearth-bench-'));
  const path = join(dir, name);
  await writeFile(path, data);
  return {
    path,
    bytes: data.length,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** One photo as IndexedDB holds it, and what its blob really decodes to. */
export interface StoredPhotoInfo {
  id: string;
  addedAt: number;
  bytes: number;
  type: string;
  /** The reminder's smaller copy, kept beside the photo (0 when there is none). */
  displayBytes: number;
  displayType: string;
  width: number;
  height: number;
  decodedWidth: number;
  decodedHeight: number;
}

/** Every stored photo, read from the extension's IndexedDB (idb-keyval's 'hearth-photos' / 'photos'). */
export function readStoredPhotos(page: Page): Promise<StoredPhotoInfo[]> {
  return inPage(page, async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('hearth-photos');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction('photos', 'readonly').objectStore('photos').getAll();
        request.onsuccess = () => resolve(request.result as unknown[]);
        request.onerror = () => reject(request.error);
      });
      const photos: StoredPhotoInfo[] = [];
      for (const row of rows) {
        const p = row as {
          id: string;
          addedAt: number;
          blob: Blob;
          display?: Blob;
          width: number;
          height: number;
        };
        const bitmap = await createImageBitmap(p.blob);
        photos.push({
          id: p.id,
          addedAt: p.addedAt,
          bytes: p.blob.size,
          type: p.blob.type,
          displayBytes: p.display?.size ?? 0,
          displayType: p.display?.type ?? '',
          width: p.width,
          height: p.height,
          decodedWidth: bitmap.width,
          decodedHeight: bitmap.height,
        });
        bitmap.close();
      }
      return photos.sort((a, b) => a.addedAt - b.addedAt);
    } finally {
      db.close();
    }
  });
}

/** What goes into the build, for telling whether the tree it came from had local changes. */
const SOURCE_PATHS = ['entrypoints', 'components', 'hooks', 'utils', 'public', 'wxt.config.ts'];

/** Where the measured build came from, for the results' parameters. */
export async function buildParameters(): Promise<Record<string, Cell>> {
  const manifest = await stat(join(EXTENSION_DIR, 'manifest.json'));
  // The tree the build was made in (…/<tree>/.output/chrome-mv3), if it is a git checkout.
  const tree = resolve(EXTENSION_DIR, '../..');
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', ['-C', tree, ...args], { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  const commit = git('rev-parse', '--short', 'HEAD');
  const changed = git('status', '--porcelain', '--', ...SOURCE_PATHS);
  return {
    build: EXTENSION_DIR.startsWith(`${process.cwd()}/`)
      ? relative(process.cwd(), EXTENSION_DIR)
      : EXTENSION_DIR,
    builtAt: manifest.mtime.toISOString(),
    builtFrom:
      commit === null
        ? 'unknown'
        : `${commit}${changed ? ' with uncommitted source changes in its tree' : ' (clean source tree)'}`,
  };
}

/** Nearest-rank median, p95, min and max of a list of times, to 0.1 ms. */
export function spread(samples: readonly number[]): {
  median: number;
  p95: number;
  min: number;
  max: number;
} {
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    median: round(median(samples)),
    p95: round(percentile(samples, 95)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
  };
}

/** One import through the options page's "Add photos" input, timed in the page. */
export interface TimedImport {
  /** The input's change event (the file is set) → the new list item is in the DOM. */
  listedMs: number;
  /** The input's change event → the new item's thumbnail <img> has decoded. */
  shownMs: number;
  /** The encoding worker: change event → worker created, and created → its answer (decode, scale, encode). */
  workerStartMs: number | null;
  workerMs: number | null;
  /** The status line the page showed ("Added …" or an error). */
  message: string;
}

/**
 * Sets `path` on the "Add photos" file input and times, from the input's
 * `change` event (its `timeStamp`), until the new photo's list item and then
 * its decoded thumbnail are on the page. The probe (a capture listener, a
 * MutationObserver, and a Worker subclass that notes when the encoding
 * worker starts and answers) is installed before the file is set.
 */
export async function importTimed(
  page: Page,
  path: string,
  timeoutMs = 60_000,
): Promise<TimedImport> {
  await inPage(
    page,
    ({ timeoutMs }) => {
      const before = document.querySelectorAll('.photo-list > li').length;
      const probe = globalThis as unknown as {
        hearthImport?: Promise<unknown>;
        hearthWorker?: { createdAt: number; answeredAt: number | null };
        Worker: typeof Worker & { hearthTimed?: boolean };
      };
      if (!probe.Worker.hearthTimed) {
        const Timed = class extends Worker {
          static hearthTimed = true;
          constructor(url: string | URL, options?: WorkerOptions) {
            super(url, options);
            const timing = { createdAt: performance.now(), answeredAt: null as number | null };
            probe.hearthWorker = timing;
            this.addEventListener(
              'message',
              () => {
                timing.answeredAt = performance.now();
              },
              { once: true },
            );
          }
        };
        probe.Worker = Timed;
      }
      probe.hearthWorker = undefined;
      probe.hearthImport = new Promise((resolve, reject) => {
        let changedAt: number | null = null;
        let listedAt: number | null = null;
        let decoding = false;
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`no new photo in the list within ${timeoutMs} ms`));
        }, timeoutMs);
        document.addEventListener(
          'change',
          (event) => {
            changedAt = event.timeStamp;
          },
          { capture: true, once: true },
        );
        const observer = new MutationObserver(() => {
          const items = document.querySelectorAll('.photo-list > li');
          if (items.length <= before) return;
          listedAt ??= performance.now();
          const img = items[items.length - 1]?.querySelector('img');
          if (!img || decoding) return;
          decoding = true;
          img.decode().then(
            () => {
              const shownAt = performance.now();
              observer.disconnect();
              clearTimeout(timer);
              const start = changedAt ?? Number.NaN;
              const worker = probe.hearthWorker;
              resolve({
                listedMs: (listedAt ?? shownAt) - start,
                shownMs: shownAt - start,
                workerStartMs: worker ? worker.createdAt - start : null,
                workerMs: worker?.answeredAt ? worker.answeredAt - worker.createdAt : null,
                message: document.querySelector('.photo-messages')?.textContent ?? '',
              });
            },
            (error: unknown) => reject(new Error(`thumbnail did not decode: ${String(error)}`)),
          );
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
      });
    },
    { timeoutMs },
  );
  await page.getByLabel('Add photos').setInputFiles(path);
  return inPage(
    page,
    () => (globalThis as unknown as { hearthImport: Promise<TimedImport> }).hearthImport,
  );
}
