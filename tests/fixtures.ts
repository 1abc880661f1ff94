// Shared Playwright fixtures. Import `test` and `expect` from here (not from '@playwright/test')
// and every test automatically fails on a console error, an uncaught exception (e.g. a Rust
// panic), a Content-Security-Policy violation or any request to a host other than 127.0.0.1.
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export { expect };

export const OUTPUT_DIR = join(__dirname, 'output');

export type Lang = 'ru' | 'en';
export const LANGS: Lang[] = ['ru', 'en'];

/** The sections in lecture order with their headings (must match crates/app/src/i18n). */
export const SECTIONS = [
  { slug: 'conv', nav: { ru: 'Свёртка', en: 'Convolution' }, title: { ru: 'Лаборатория свёртки', en: 'Convolution lab' } },
  { slug: 'pool', nav: { ru: 'Пулинг', en: 'Pooling' }, title: { ru: 'Пулинг', en: 'Pooling' } },
  { slug: 'activations', nav: { ru: 'Активации', en: 'Activations' }, title: { ru: 'Функции активации', en: 'Activation functions' } },
  { slug: 'architectures', nav: { ru: 'Архитектуры', en: 'Architectures' }, title: { ru: 'Архитектуры свёрточных сетей', en: 'Convolutional architectures' } },
  { slug: 'optimization', nav: { ru: 'Оптимизация', en: 'Optimization' }, title: { ru: 'Оптимизация', en: 'Optimization' } },
  { slug: 'training', nav: { ru: 'Обучение', en: 'Training' }, title: { ru: 'Обучение на MNIST', en: 'Training on MNIST' } },
  { slug: 'draw', nav: { ru: 'Нарисуйте цифру', en: 'Draw a digit' }, title: { ru: 'Нарисуйте цифру', en: 'Draw a digit' } },
] as const;

/** Opens a section page in a language and waits until the app has rendered its heading. */
export async function openSection(page: Page, slug: string, lang: Lang, query = ''): Promise<void> {
  await page.goto(`/#/${slug}?lang=${lang}${query ? `&${query}` : ''}`);
  await expect(page.locator('main h1')).toBeVisible();
}

/**
 * Saves a full-page screenshot as tests/output/<name>.png. The Training panels use `content-visibility: auto`
 * (off-screen panels skip rendering while training updates the page); a full-page capture would show them blank,
 * so the capture renders everything.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  // A constructed stylesheet, not Playwright's `style` option: that one adds a <style> element,
  // which the page's CSP (style-src 'self') rightly refuses.
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('* { content-visibility: visible !important; }');
    (window as unknown as { __shotSheet: CSSStyleSheet }).__shotSheet = sheet;
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  await page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), fullPage: true });
  await page.evaluate(() => {
    const sheet = (window as unknown as { __shotSheet: CSSStyleSheet }).__shotSheet;
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  });
}

/**
 * `problems` collects what fails the test; a test that provokes an error on purpose (a deliberate panic) names it
 * with `allow(/pattern/)`, and only problems matching an allowed pattern are let through.
 */
type Guard = { problems: string[]; allow: (pattern: RegExp) => void };

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page, context }, use) => {
      const problems: string[] = [];
      const allowed: RegExp[] = [];
      const isLocal = (url: string) => {
        if (!/^(https?|wss?):/.test(url)) return true; // data:, blob:, about:
        return new URL(url).hostname === '127.0.0.1';
      };
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (isLocal(url)) return route.continue();
        problems.push(`request to another host: ${url}`);
        return route.abort();
      });
      context.on('request', (request) => {
        if (!isLocal(request.url())) problems.push(`request to another host: ${request.url()}`);
      });
      const onConsole = (where: string) => (message: { type(): string; text(): string }) => {
        if (message.type() === 'error') problems.push(`console error (${where}): ${message.text()}`);
      };
      page.on('console', onConsole('page'));
      page.on('worker', (worker) => worker.on('console', onConsole('worker')));
      page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
      // Every document of the test reports what its CSP blocked (also what a console message
      // might not name: a blocked style attribute, image or connection).
      await context.exposeBinding('__reportCspViolation', (_source, text: string) => {
        problems.push(`CSP violation: ${text}`);
      });
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          const report = (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation;
          report(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
        });
      });
      await use({ problems, allow: (pattern) => allowed.push(pattern) });
      if (!page.isClosed() && page.url().startsWith('http')) {
        const banner = page.locator('#panic-banner');
        if (await banner.isVisible()) problems.push(`panic banner shown: ${await banner.innerText()}`);
      }
      const unexpected = problems.filter((p) => !allowed.some((pattern) => pattern.test(p)));
      expect(unexpected, 'console errors, exceptions or foreign requests').toEqual([]);
    },
    { auto: true },
  ],
});
