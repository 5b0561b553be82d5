import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Fake work (and non-work) sites on loopback. Browsers map *.work.test,
 * work.test and play.test to 127.0.0.1; every request is logged so a test can
 * prove that nothing of a blocked site was fetched.
 */
export interface WorkSites {
  port: number;
  /** http://<host>:<port><path> */
  url(host: string, path?: string): string;
  /** Requests seen for a host (any path), in order. */
  requestsFor(host: string): string[];
  clearLog(): void;
  close(): Promise<void>;
}

const SW_SCRIPT = `
self.addEventListener('install', (e) => {
  e.waitUntil(caches.open('site').then((c) => c.addAll(['/app'])).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  e.respondWith(caches.match(e.request).then((hit) => hit || fetch(e.request)));
});`;

/**
 * A work site's notification worker, as Slack's or Gmail's: asked by its page
 * (a message), it reports what it sees itself, Notification.permission in
 * the worker and whether registration.showNotification went through.
 */
const NOTIFY_SW_SCRIPT = `
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('message', (e) => {
  const permission = Notification.permission;
  e.waitUntil(
    self.registration
      .showNotification('Can you take a quick look?', { tag: 'work', body: 'from the worker' })
      .then(() => 'shown', (error) => 'refused: ' + error.name)
      .then((shown) => e.source.postMessage({ permission, shown })),
  );
});`;

/**
 * The page side: registers the worker, and gives the test two questions to
 * ask, from the page itself and from its worker.
 */
const NOTIFY_PAGE_SCRIPT = `<script>
window.workerReady = navigator.serviceWorker.register('/notify-sw.js').then(() => navigator.serviceWorker.ready);
window.fromPage = async () => {
  const registration = await window.workerReady;
  const permission = Notification.permission;
  const shown = await registration
    .showNotification('Can you take a quick look?', { tag: 'work', body: 'from the page' })
    .then(() => 'shown', (error) => 'refused: ' + error.name);
  return { permission, shown };
};
window.fromWorker = async () => {
  const registration = await window.workerReady;
  return new Promise((resolve) => {
    navigator.serviceWorker.addEventListener('message', (e) => resolve(e.data), { once: true });
    registration.active.postMessage('how are notifications?');
  });
};
window.workerReady.then(() => { document.title = 'notify ready'; });
</script>`;

/**
 * The cached app page tells its server when its own script ran ("/ran") and
 * when it first painted ("/painted"): both go through its worker to the
 * network, so a test can prove a caught page never ran nor painted.
 */
const TELLS_SCRIPT = `<script>
fetch('/ran', { cache: 'no-store' });
new PerformanceObserver((list) => {
  if (list.getEntries().length > 0) fetch('/painted', { cache: 'no-store' });
}).observe({ type: 'paint', buffered: true });
</script>`;

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function page(host: string, path: string, query: URLSearchParams): string {
  const registerWorker = path === '/app' || path === '/install-worker';
  // /embed: a page with a work site in an <iframe> (?src= another address to frame instead).
  const frame =
    path === '/embed'
      ? `<iframe id="embedded" title="Embedded page" width="600" height="300" src="${escapeAttr(query.get('src') ?? 'http://mail.work.test:__PORT__/inbox')}"></iframe>`
      : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${host}${path}</title></head>
<body><h1 id="site">${host}${path}</h1>
<p><a id="to-mail" href="http://mail.work.test:__PORT__/inbox">Open the inbox</a></p>
${frame}
${path === '/app' ? TELLS_SCRIPT : ''}
${registerWorker ? `<script>navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready).then(() => { document.title = 'worker ready'; });</script>` : ''}
${path === '/notify' ? NOTIFY_PAGE_SCRIPT : ''}
</body></html>`;
}

export async function startWorkSites(): Promise<WorkSites> {
  const log: { host: string; path: string }[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = req.url ?? '/';
    log.push({ host, path });
    if (path === '/notify-sw.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(NOTIFY_SW_SCRIPT);
      return;
    }
    if (path === '/sw.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(SW_SCRIPT);
      return;
    }
    if (path === '/favicon.ico' || path === '/ran' || path === '/painted') {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    const [pathname = '/', search = ''] = path.split('?');
    res.end(page(host, pathname, new URLSearchParams(search)).replaceAll('__PORT__', String(port)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (host, path = '/') => `http://${host}:${port}${path}`,
    requestsFor: (host) => log.filter((r) => r.host === host).map((r) => r.path),
    clearLog: () => {
      log.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
