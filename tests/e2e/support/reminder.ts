import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The test photo for the reminder tests, drawn by the tests themselves (so
 * there is nothing to license): an evening scene — a sky going from blue to
 * sunset orange, a sun, a kite, green hills and a red house with a lit
 * window. Drawn on a canvas in the browser under test and saved as a JPEG
 * file, which the tests then import through the options page's file input,
 * as a parent would.
 */

export const PHOTO = { name: 'evening-with-mia.jpg', width: 960, height: 720 } as const;
export const CHILD = 'Mia';

/**
 * Points of the drawing and their colour, to tell that the reminder shows
 * this very picture (after Hearth re-encodes it, so compared with a tolerance).
 */
export const PHOTO_PROBES: readonly { what: string; x: number; y: number; rgb: number[] }[] = [
  { what: 'the sun', x: 720, y: 190, rgb: [255, 217, 59] },
  { what: 'the kite', x: 470, y: 150, rgb: [155, 89, 182] },
  { what: 'the house', x: 215, y: 500, rgb: [192, 57, 43] },
  { what: 'the lit window', x: 275, y: 410, rgb: [255, 224, 138] },
  { what: 'the hill', x: 800, y: 660, rgb: [72, 187, 120] },
];

/**
 * Runs in a browser page (Playwright or Puppeteer `evaluate`): draws the scene
 * and returns it as a JPEG data URL. Self-contained on purpose.
 */
export function drawEveningPhoto(): string {
  const canvas = document.createElement('canvas');
  canvas.width = 960;
  canvas.height = 720;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('No 2D canvas in this page');
  const sky = g.createLinearGradient(0, 0, 0, 470);
  sky.addColorStop(0, '#2b6cb0');
  sky.addColorStop(1, '#f6ad55');
  g.fillStyle = sky;
  g.fillRect(0, 0, 960, 720);
  // The sun.
  g.fillStyle = '#ffd93b';
  g.beginPath();
  g.arc(720, 190, 85, 0, Math.PI * 2);
  g.fill();
  // A kite on a string.
  g.fillStyle = '#9b59b6';
  g.beginPath();
  g.moveTo(470, 80);
  g.lineTo(530, 150);
  g.lineTo(470, 230);
  g.lineTo(410, 150);
  g.closePath();
  g.fill();
  g.strokeStyle = '#ffffff';
  g.lineWidth = 3;
  g.beginPath();
  g.moveTo(470, 230);
  g.quadraticCurveTo(520, 360, 600, 470);
  g.stroke();
  // Hills.
  g.fillStyle = '#48bb78';
  g.beginPath();
  g.moveTo(0, 520);
  g.quadraticCurveTo(300, 420, 560, 500);
  g.quadraticCurveTo(780, 560, 960, 470);
  g.lineTo(960, 720);
  g.lineTo(0, 720);
  g.closePath();
  g.fill();
  // The house: walls, roof, a lit window, a door.
  g.fillStyle = '#c0392b';
  g.fillRect(180, 350, 240, 220);
  g.fillStyle = '#6b3e26';
  g.beginPath();
  g.moveTo(160, 355);
  g.lineTo(300, 240);
  g.lineTo(440, 355);
  g.closePath();
  g.fill();
  g.fillStyle = '#ffe08a';
  g.fillRect(240, 380, 70, 60);
  g.fillStyle = '#5a3a22';
  g.fillRect(340, 470, 50, 100);
  return canvas.toDataURL('image/jpeg', 0.92);
}

/** Writes a data URL's bytes to a file in a fresh temporary folder; returns the path. */
export async function saveDataUrl(dataUrl: string, name: string): Promise<string> {
  const match = /^data:image\/jpeg;base64,(.+)$/.exec(dataUrl);
  if (!match?.[1]) throw new Error(`Not a JPEG data URL: ${dataUrl.slice(0, 40)}…`);
  const bytes = Buffer.from(match[1], 'base64');
  // A real JPEG: starts with the SOI marker and a JFIF/EXIF segment.
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('The canvas did not give a JPEG');
  const dir = await mkdtemp(join(tmpdir(), 'hearth-e2e-photo-'));
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

/** Removes the folder `saveDataUrl` made. */
export async function removePhotoFile(path: string | undefined): Promise<void> {
  if (path) await rm(dirname(path), { recursive: true, force: true });
}

/**
 * Runs in the reminder page: the photo's pixels at the given points (the
 * picture drawn at its natural size onto a canvas), or null while it is not
 * decoded. An object URL of the page's own origin, so the canvas is readable.
 */
export function samplePhoto(points: { x: number; y: number }[]): number[][] | null {
  const img = document.querySelector<HTMLImageElement>('figure.photo img');
  if (!img?.complete || img.naturalWidth === 0) return null;
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const g = canvas.getContext('2d');
  if (!g) return null;
  g.drawImage(img, 0, 0);
  return points.map(({ x, y }) => [...g.getImageData(x, y, 1, 1).data.slice(0, 3)]);
}

/** Names the probes whose colour is off by more than `tolerance` in any channel. */
export function offProbes(samples: number[][], tolerance = 40): string[] {
  return PHOTO_PROBES.flatMap((probe, i) => {
    const got = samples[i] ?? [];
    const off = probe.rgb.some((c, k) => Math.abs(c - (got[k] ?? -999)) > tolerance);
    return off ? [`${probe.what}: expected rgb(${probe.rgb}) got rgb(${got})`] : [];
  });
}

export const NOTE_TEXT = 'Read Mia chapter 4 of the dragon book — she has waited all day';
export const REASON = 'The school portal needs a signed form tonight';
