// Failure paths: the training worker crashes (a deliberate panic through the test hook
// `window.__convlabTest.crashWorker()`) or is terminated (closed from inside by the test), the page
// notices, and Restart brings back the last checkpoint without a reload; a panic of the page itself
// shows the panic banner, whose Reload button reloads. Screenshots: tests/output/recovery-*.png.
import { test, expect, openSection, screenshot, OUTPUT_DIR, type Lang } from './fixtures';
import type { Locator, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

// Training takes both cores; these tests run one after the other.
test.describe.configure({ mode: 'serial' });

const TEXT = {
  ru: {
    panic: 'Он завершился аварийно с ошибкой:',
    silent: 'Он не отвечает больше 15 секунд',
    checkpoint: 'восстановит сеть из последней контрольной точки',
    restored: 'сеть восстановлена из последней контрольной точки, примеров:',
    paused: 'Обучение на паузе',
    bannerTitle: 'Что-то пошло не так.',
    reload: 'Перезагрузить',
  },
  en: {
    panic: 'It crashed with the error:',
    silent: 'It has not answered for more than 15 seconds',
    checkpoint: 'Restart restores the network from the last checkpoint',
    restored: 'the network restored from the last checkpoint, examples:',
    paused: 'Training is paused',
    bannerTitle: 'Something went wrong.',
    reload: 'Reload',
  },
};

/** A close-up of one element: tests/output/<name>.png. */
async function closeUp(element: Locator, name: string) {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  await element.screenshot({ path: join(OUTPUT_DIR, `${name}.png`) });
}

async function num(page: Page, testid: string, attr = 'data-value'): Promise<number> {
  return Number(await page.getByTestId(testid).getAttribute(attr));
}

/** Trains until the first checkpoint exists: a held-out evaluation (the weights file follows it). */
async function trainToCheckpoint(page: Page, lang: Lang) {
  await openSection(page, 'training', lang);
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Idle', { timeout: 30_000 });
  await page.getByTestId('train-button').click();
  await expect.poll(() => num(page, 'test-accuracy', 'data-at'), { timeout: 90_000, intervals: [250] })
    .toBeGreaterThanOrEqual(1_000);
}

/** After Restart: the checkpoint's counter and accuracy are back, paused, and training goes on. */
async function expectRestored(page: Page, lang: Lang, checkpoint: number, accuracy: number) {
  const alert = page.getByTestId('worker-alert');
  await expect(alert).toHaveAttribute('data-state', 'restored', { timeout: 30_000 });
  await expect(alert).toHaveAttribute('role', 'status');
  await expect(page.getByTestId('worker-alert-restored')).toContainText(`${TEXT[lang].restored} ${checkpoint}`);
  await expect(page.getByTestId('worker-alert-restored')).toContainText(TEXT[lang].paused);
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Idle', { timeout: 30_000 });
  expect(await num(page, 'examples')).toBe(checkpoint);
  // The new worker re-evaluates the restored weights: the same accuracy as before the crash.
  await expect.poll(() => num(page, 'test-accuracy', 'data-at')).toBe(checkpoint);
  await expect.poll(() => num(page, 'test-accuracy')).toBe(accuracy);
  // The network view shows the restored (trained) network, not a fresh one.
  await expect(page.getByTestId('network-view')).toHaveAttribute('data-examples', String(checkpoint));
  // The old worker was terminated: still exactly one.
  expect(page.workers().length).toBe(1);
}

async function trainOn(page: Page, from: number) {
  await page.getByTestId('train-button').click();
  await expect.poll(() => num(page, 'examples'), { timeout: 60_000, intervals: [250] }).toBeGreaterThan(from + 200);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Idle');
}

for (const lang of ['ru', 'en'] as const) {
  test(`a crashed worker is reported and Restart restores the last checkpoint without a reload (${lang})`, async ({ page, guard }) => {
    test.setTimeout(180_000);
    // The worker's panic hook logs the panic to its console: that one is expected.
    guard.allow(/deliberate test panic/);
    await trainToCheckpoint(page, lang);
    const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    await page.evaluate(() => (window as any).__convlabTest.crashWorker());

    const alert = page.getByTestId('worker-alert');
    await expect(alert).toHaveAttribute('data-state', 'crashed');
    await expect(alert).toHaveAttribute('role', 'alert');
    await expect(alert).toContainText(TEXT[lang].panic);
    await expect(page.getByTestId('worker-alert-message')).toContainText('a deliberate test panic');
    await expect(alert).toContainText(TEXT[lang].checkpoint);
    await expect(page.getByTestId('restart-worker')).toBeFocused();
    // Nothing more arrives from the dead worker: the counter and the checkpoint stand still.
    const checkpoint = await num(page, 'test-accuracy', 'data-at');
    const accuracy = await num(page, 'test-accuracy');
    await expect(alert).toContainText(`${checkpoint}`);
    await expect(page.getByTestId('train-button')).toBeDisabled();
    // The footer's worker line says it too, instead of "ready".
    await expect(page.locator('.worker-status')).toHaveAttribute('data-worker', 'stopped');
    await expect(page.locator('.worker-status')).toContainText(lang === 'ru' ? 'остановился' : 'stopped');
    console.log(`[recovery] ${lang}: crashed at ${await num(page, 'examples')} examples; checkpoint ${checkpoint} ` +
      `(held-out accuracy ${accuracy})`);
    await screenshot(page, `recovery-${lang}-crashed`);
    await closeUp(page.locator('.training-top'), `recovery-${lang}-crashed-alert`);

    await page.keyboard.press('Enter');
    await expectRestored(page, lang, checkpoint, accuracy);
    await expect(page.locator('.worker-status')).toHaveAttribute('data-worker', 'ready');
    await expect(page.getByRole('button', { name: lang === 'ru' ? 'Закрыть' : 'Dismiss' })).toBeFocused();
    await screenshot(page, `recovery-${lang}-restored`);
    await closeUp(page.locator('.training-top'), `recovery-${lang}-restored-alert`);
    await trainOn(page, checkpoint);
    // The same page all along.
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(loads);
  });
}

test('a terminated worker is noticed by the heartbeat, also from another section, and restarted (ru)', async ({ page }) => {
  test.setTimeout(180_000);
  await trainToCheckpoint(page, 'ru');
  // Training goes on in the background while another section is shown.
  await page.getByRole('link', { name: 'Свёртка' }).first().click();
  await expect(page.locator('main h1')).toHaveText('Лаборатория свёртки');
  const [worker] = page.workers();
  // Ends the worker from inside, as a terminated worker: no message, no error event.
  void worker.evaluate(() => (self as any).close()).catch(() => {});
  const alert = page.getByTestId('worker-alert');
  await expect(alert).toHaveAttribute('data-state', 'crashed', { timeout: 40_000 });
  await expect(alert).toContainText(TEXT.ru.silent);
  await expect(page.getByTestId('restart-worker')).toBeFocused();
  await screenshot(page, 'recovery-ru-silent-conv');
  await closeUp(alert, 'recovery-ru-silent-alert');
  await page.getByTestId('restart-worker').click();
  await expect(alert).toHaveAttribute('data-state', 'restored', { timeout: 30_000 });

  await page.getByRole('link', { name: 'Обучение' }).first().click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Idle', { timeout: 30_000 });
  const checkpoint = await num(page, 'test-accuracy', 'data-at');
  expect(checkpoint).toBeGreaterThanOrEqual(1_000);
  expect(await num(page, 'examples')).toBe(checkpoint);
  await expect(page.getByTestId('worker-alert-restored')).toContainText(`${TEXT.ru.restored} ${checkpoint}`);
  expect(page.workers().length).toBe(1);
  await trainOn(page, checkpoint);
});

for (const lang of ['ru', 'en'] as const) {
  test(`a panic of the page shows the banner, whose button reloads (${lang})`, async ({ page, guard }) => {
    guard.allow(/deliberate test panic/);
    await openSection(page, 'conv', lang);
    const banner = page.locator('#panic-banner');
    await expect(banner).toBeHidden();
    // The panic surfaces as the hook's exception: caught here, the banner is what the user sees.
    await page.evaluate(() => (window as any).__convlabTest.panicPage()).catch(() => {});
    await expect(banner).toBeVisible();
    await expect(banner).toHaveAttribute('role', 'alert');
    await expect(banner.locator('.panic-title')).toHaveText(TEXT[lang].bannerTitle);
    await expect(banner.locator('.panic-message')).toContainText('a deliberate test panic');
    const reload = banner.getByRole('button', { name: TEXT[lang].reload });
    await expect(reload).toBeVisible();
    await screenshot(page, `recovery-${lang}-panic-banner`);
    await closeUp(banner, `recovery-${lang}-panic-banner-close`);
    const reloaded = page.waitForEvent('load');
    await reload.click();
    await reloaded;
    await expect(page.locator('main h1')).toBeVisible();
    await expect(banner).toBeHidden();
  });
}
