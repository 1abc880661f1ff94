// Offline use: after one full visit the service worker has the whole build (app, training worker,
// MNIST digits, pretrained weights) in one versioned cache; with the network off a reload brings
// the app back and every section works: the training trains, the pad classifies.
import { test, expect, LANGS, screenshot } from './fixtures';
import { tourEverySection } from './tour';

test.use({ serviceWorkers: 'allow' });

for (const lang of LANGS) {
  test(`after one visit every section works offline (${lang})`, async ({ page, context }) => {
    test.setTimeout(180_000);
    await page.goto(`/#/conv?lang=${lang}`);
    // The first install takes control of the page that installed it once its cache is full.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    const cache = await page.evaluate(async () => {
      const names = await caches.keys();
      const cache = await caches.open(names[0]);
      const files = (await cache.keys()).map((r) => new URL(r.url).pathname);
      return { names, files };
    });
    expect(cache.names).toHaveLength(1);
    expect(cache.names[0]).toMatch(/^convlab-[0-9a-f]{16}$/);
    for (const file of ['/index.html', '/worker.js', '/worker_bg.wasm', '/worker_loader.js', '/mnist/mnist-10k.bin', '/weights/pretrained.bin']) {
      expect(cache.files).toContain(file);
    }
    expect(cache.files.some((f) => /^\/app-[0-9a-f]+_bg\.wasm$/.test(f))).toBe(true);
    await tourEverySection(page, lang, '/', false);

    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('main h1')).toBeVisible();
    await tourEverySection(page, lang, '/', false);
    await screenshot(page, `offline-${lang}-draw`);
    // The page itself knows it was offline throughout.
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  });
}
