// The service worker: after the first visit the whole site (the app, the training worker, the
// MNIST digits and the pretrained weights) is kept in one cache per build, so the lecture works
// with the network off. `cargo xtask post-build` writes VERSION (a hash of every file) and FILES;
// a new build is a new sw.js, which the browser installs beside the old one: it fills its own
// cache and waits until no tab runs the old build (a lecture is never switched to new code under
// its feet), then takes over and deletes the old caches.
const VERSION = "__CONVLAB_VERSION__";
const FILES = [/* __CONVLAB_FILES__ */];

const PREFIX = 'convlab-';
const CACHE = PREFIX + VERSION;
// Resolved against this script's address, so the site works under any sub-path.
const url = (file) => new URL(file, self.location).href;
const INDEX = url('./index.html');

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES.map(url))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key)),
      ))
      // The first install controls the page that installed it, so the site works offline
      // after one visit, without a reload.
      .then(() => self.clients.claim()),
  );
});

// Cache first: every file of a build has its place in this build's cache, so a page and its
// training worker always come from the same build. Anything else goes to the network.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  const key = request.mode === 'navigate' ? INDEX : request.url;
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(key, { ignoreSearch: true }))
      .then((cached) => cached ?? fetch(request)),
  );
});
