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

function page(host: string, path: string): string {
  const registerWorker = path === '/app' || path === '/install-worker';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${host}${path}</title></head>
<body><h1 id="site">${host}${path}</h1>
<p><a id="to-mail" href="http://mail.work.test:__PORT__/inbox">Open the inbox</a></p>
${registerWorker ? `<script>navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready).then(() => { document.title = 'worker ready'; });</script>` : ''}
</body></html>`;
}

export async function startWorkSites(): Promise<WorkSites> {
  const log: { host: string; path: string }[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = req.url ?? '/';
    log.push({ host, path });
    if (path === '/sw.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(SW_SCRIPT);
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page(host, path.split('?')[0] ?? '/').replace('__PORT__', String(port)));
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
