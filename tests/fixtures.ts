// Shared Playwright fixtures. Import `test` and `expect` from here (not from '@playwright/test')
// and every test automatically fails on a console error, an uncaught exception (e.g. a Rust
// panic) or any request to a host other than 127.0.0.1.
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
  await page.screenshot({
    path: join(OUTPUT_DIR, `${name}.png`),
    fullPage: true,
    style: '* { content-visibility: visible !important; }',
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
