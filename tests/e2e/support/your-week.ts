import { Temporal } from 'temporal-polyfill';

/**
 * "Your week" as a person reads it, shared by the Chromium and Firefox tests:
 * everything is read from the page's text (and the picture's own titles),
 * inside a function that runs in the page.
 */
export interface YourWeekSeen {
  headline: string;
  range: string;
  facts: string[];
  sites: string[];
  stepPasts: string[];
  ended: string[];
  /** Each table row: day, family minutes, stepped-past minutes, kept whole. */
  table: string[][];
  /** Each bar of the picture: its minutes (data) and its own title (what a pointer or reader hears). */
  bars: { family: number; stepped: number; title: string }[];
  pictureName: string;
  thought: string;
}

/** Runs in the options page; self-contained on purpose (Playwright and Puppeteer both serialise it). */
export function readYourWeek(): YourWeekSeen {
  const section = document.querySelector('section#your-week');
  if (!section) throw new Error('No "Your week" section');
  const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const all = (selector: string) => [...section.querySelectorAll(selector)].map(text);
  const svg = section.querySelector('svg[role="img"]');
  const labelled = (svg?.getAttribute('aria-labelledby') ?? '')
    .split(' ')
    .map((id) => text(document.getElementById(id)))
    .join(' ');
  return {
    headline: text(section.querySelector('.week-headline')),
    range: text(section.querySelector('#your-week-range')),
    facts: all('.week-facts li'),
    sites: all('.week-sites li'),
    stepPasts: all('.week-step-pasts li'),
    ended: all('.week-ended li'),
    table: [...section.querySelectorAll('.week-table tbody tr')].map((tr) =>
      [...tr.children].map(text),
    ),
    bars: [...section.querySelectorAll('g.week-picture-day')].map((g) => ({
      family: Number(g.getAttribute('data-family')),
      stepped: Number(g.getAttribute('data-stepped')),
      title: text(g.querySelector('title')),
    })),
    pictureName: labelled,
    thought: text(section.querySelector('.week-thought p')),
  };
}

/** One entry of the record as the extension stores it (utils/history/entries.ts). */
export type SeedEntry = { type: string; at: number } & Record<string, unknown>;

/**
 * Runs in the extension (worker or page): adds entries to the history store
 * the way utils/browser/history-store.ts writes them, for a week the test
 * cannot live through in real time. Self-contained on purpose.
 */
export async function seedRecord(entries: SeedEntry[]): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('hearth-history');
    open.onupgradeneeded = () => open.result.createObjectStore('entries');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('entries', 'readwrite');
    const store = tx.objectStore('entries');
    entries.forEach((e, i) => {
      store.put(e, `${String(e.at).padStart(15, '0')}-seed${i}`);
    });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  return entries.length;
}

/**
 * Last week, Monday to Friday 18:00–20:30 local: two evenings kept whole,
 * "on call" given three times, one evening ended early with its reason.
 */
export function fullerWeek(mondayOfThisWeek: Temporal.PlainDate, timeZone: string): SeedEntry[] {
  const out: SeedEntry[] = [];
  const monday = mondayOfThisWeek.subtract({ days: 7 });
  const at = (day: number, h: number, m: number) =>
    monday.add({ days: day }).toZonedDateTime({ timeZone, plainTime: new Temporal.PlainTime(h, m) })
      .epochMilliseconds;
  const MIN = 60_000;
  const stepPast = (day: number, h: number, m: number, reason: string, used: number) => {
    const t = at(day, h, m);
    const grantId = `seed-${day}-${h}-${m}`;
    out.push({ type: 'blocked', at: t - MIN, host: 'slack.com' });
    out.push({
      type: 'step-past',
      at: t,
      grantId,
      host: 'slack.com',
      pattern: 'slack.com',
      reason,
      waitedSeconds: 20,
      minutesGranted: 10,
    });
    out.push({
      type: 'step-past-ended',
      at: t + used * MIN,
      grantId,
      minutesUsed: used,
      how: 'left',
    });
  };
  for (let day = 0; day < 5; day += 1) {
    const start = at(day, 18, 0);
    const end = at(day, 20, 30);
    if (day === 1) stepPast(day, 18, 5, 'on call', 6);
    if (day === 2) stepPast(day, 18, 10, 'On call', 4);
    if (day === 3) {
      stepPast(day, 19, 0, 'on call', 10);
      out.push({
        type: 'ended-early',
        at: at(day, 20, 0),
        start,
        plannedEnd: end,
        reason: 'Bath and bed, early night',
      });
      continue;
    }
    if (day === 0) out.push({ type: 'blocked', at: at(day, 18, 3), host: 'mail.example' });
    if (day === 4) {
      out.push({ type: 'saved', at: at(day, 18, 20), url: 'https://mail.example/thread/7' });
      out.push({ type: 'reopened', at: at(day, 20, 31), url: 'https://mail.example/thread/7' });
    }
    out.push({ type: 'kept', at: end, start, end });
  }
  return out.sort((a, b) => a.at - b.at);
}
