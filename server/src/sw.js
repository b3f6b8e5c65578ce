// ZonePass service worker: keeps the app's files, the public pages and the passes this device has opened,
// so a person who declared once can open their pass with no network at all, and the checkpoint screen, so
// an officer can reload it on a road with no signal. Other official pages are never kept: they hold other
// people's data (the checkpoint screen holds none until it judges a pass on the device).
const VERSION = '__VERSION__';
const SHELL = `zonepass-shell-${VERSION}`;
const PAGES = 'zonepass-pages';
const SHELL_FILES = [
  '/', '/khai-bao', '/pkg/zonepass.js', '/pkg/zonepass.wasm', '/pkg/zonepass.css',
  '/manifest.webmanifest', '/favicon.svg', '/icon-192.png',
];
// The camera's decoder: kept when the site has it, without failing the install when it does not.
const SCANNER_FILES = ['/qr-worker.js', '/scanner/qr_worker.js', '/scanner/qr_worker_bg.wasm'];
// A pass page on a bad network: after this long, the copy kept here is better than waiting.
const NETWORK_PATIENCE_MS = 3000;

const keptPage = (path) =>
  path === '/' || path === '/khai-bao' || path === '/kiem-soat' || path.startsWith('/pass/');
const keptImage = (path) => /^\/api\/v1\/passes\/[^/]+\/qr\.(png|svg)$/.test(path);

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    await cache.addAll(SHELL_FILES);
    await Promise.all(SCANNER_FILES.map((file) => cache.add(file).catch(() => {})));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('zonepass-shell-') && name !== SHELL) await caches.delete(name);
    }
    await self.clients.claim();
    // A pass opened before this worker took control (the very first visit) is kept as well.
    const pages = await caches.open(PAGES);
    for (const client of await self.clients.matchAll({ type: 'window' })) {
      const path = new URL(client.url).pathname;
      if (path.startsWith('/pass/')) await pages.add(path).catch(() => {});
    }
  })());
});

async function networkFirst(request, path) {
  const pages = await caches.open(PAGES);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('slow network')), NETWORK_PATIENCE_MS)),
    ]);
    if (response.ok) await pages.put(path, response.clone());
    return response;
  } catch (error) {
    const kept = (await pages.match(path)) ?? (await caches.match(path));
    if (kept) return kept;
    if (request.mode === 'navigate') {
      const home = await caches.match('/');
      if (home) return home;
    }
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (request.mode === 'navigate' ? keptPage(path) && url.search === '' : keptImage(path)) {
    event.respondWith(networkFirst(request, path));
  } else if (request.mode !== 'navigate' && (SHELL_FILES.includes(path) || SCANNER_FILES.includes(path))) {
    event.respondWith(caches.match(path).then((kept) => kept ?? fetch(request)));
  }
});
