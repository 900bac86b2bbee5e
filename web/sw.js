// Service worker: keeps the client shell (index.html, parta.js, parta.wasm, the
// manifest and icons) in a versioned cache and answers from it first, so the app
// reopens instantly and offline. The build stamps the version (a hash of the
// shell) below; a new deploy changes this file, the browser installs the new
// worker beside the old one, and the page offers to switch ("skipWaiting").
// Never touches /ws, /api/* or anything but GET on this origin.
'use strict';
const VERSION = '@PARTA_VERSION@';
const CACHE = 'parta-shell-' + VERSION;
const SHELL = ['./', 'index.html', 'parta.js', 'parta.wasm', 'manifest.webmanifest',
  'icons/icon-192.png', 'icons/icon-512.png', 'icons/maskable-512.png'];

self.addEventListener('install', (event) => {
  // Revalidate against the server (ETag: a 304 costs a few hundred bytes when
  // the page has just downloaded the same files).
  event.waitUntil(caches.open(CACHE).then((cache) =>
    Promise.all(SHELL.map((path) => fetch(path, { cache: 'no-cache', credentials: 'same-origin' }).then((r) => {
      if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
      return cache.put(path, r);
    })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('parta-shell-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skipWaiting') self.skipWaiting();
  if (event.data && event.data.type === 'version' && event.ports[0]) event.ports[0].postMessage(VERSION);
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (path === '/ws' || path.startsWith('/api/') || path === '/healthz' || path.endsWith('/sw.js')) return;
  // The app's routes live in the hash: the page is always / (or /index.html).
  const key = path === '/' ? 'index.html' : path.replace(/^\//, '');
  if (!SHELL.includes(key)) return;
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(key)).then((hit) => hit || fetch(request)));
});
