// Seeing why: the saliency map of a drawn digit (Draw) and the confusion matrix of the held-out
// digits (Training), in RU and EN. Screenshots: tests/output/seeing-*.png. The time of
// preprocessing + classification + saliency is measured in the page (performance.now() around
// it, shown as data-ms) and printed, never asserted.
import { test, expect, openSection, screenshot, OUTPUT_DIR, LANGS } from './fixtures';
import type { Page, Locator } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

test.describe.configure({ mode: 'serial' });

const PAD = 280;
const SEVEN: [number, number][] = [[75, 55], [145, 55], [205, 55], [170, 140], [130, 235]];

async function stroke(page: Page, pad: Locator, points: [number, number][]) {
  const box = await pad.boundingBox();
  if (!box) throw new Error('pad has no box');
  const at = ([x, y]: [number, number]) => [box.x + (x / PAD) * box.width, box.y + (y / PAD) * box.height];
  const [x0, y0] = at(points[0]);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (const p of points.slice(1)) {
    const [x, y] = at(p);
    await page.mouse.move(x, y, { steps: 6 });
  }
  await page.mouse.up();
}

async function attr(locator: Locator, name: string): Promise<string> {
  return (await locator.getAttribute(name)) ?? '';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

for (const lang of LANGS) {
  test(`${lang}: a drawn 7 shows where the network looked; another class, another map`, async ({ page }) => {
    test.setTimeout(120_000);
    await openSection(page, 'draw', lang);
    await expect(page.locator('.draw-arch')).toBeVisible({ timeout: 30_000 });
    await stroke(page, page.getByTestId('draw-pad'), SEVEN);
    await expect(page.getByTestId('draw-prediction')).toHaveAttribute('data-digit', '7', { timeout: 20_000 });

    const why = page.getByTestId('draw-why');
    await expect(why).toBeVisible();
    await expect(why).toHaveAttribute('data-class', '7');
    await expect(why).toHaveAttribute('data-method', 'GradientTimesInput');
    await expect(page.getByTestId('why-class-verdict')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('why-question')).toContainText(lang === 'ru' ? 'Почему 7?' : 'Why 7?');
    // The strongest pixels for "7" lie on the stroke (checked in the core against the input's ink).
    const onInk = (await attr(why, 'data-on-ink')).split('/').map(Number);
    console.log(`[seeing] ${lang}: strongest pixels for 7 on the stroke: ${onInk[0]} of ${onInk[1]}`);
    expect(onInk[1]).toBe(10);
    expect(onInk[0]).toBeGreaterThanOrEqual(9);
    const forSeven = await attr(why, 'data-strongest');

    // "Why not 1?": another map.
    await page.getByTestId('why-class-1').click();
    await expect(why).toHaveAttribute('data-class', '1');
    await expect(page.getByTestId('why-class-1')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('why-question')).toContainText(lang === 'ru' ? 'Почему не 1?' : 'Why not 1?');
    expect(await attr(why, 'data-strongest')).not.toBe(forSeven);

    // Keyboard: Tab to a class button and press it.
    await page.getByTestId('why-class-9').focus();
    await page.keyboard.press('Enter');
    await expect(why).toHaveAttribute('data-class', '9');
    await page.getByTestId('why-class-verdict').focus();
    await page.keyboard.press('Space');
    await expect(why).toHaveAttribute('data-class', '7');

    // Occlusion: its own map of the same class.
    await page.getByTestId('why-method-occlusion').check();
    await expect(why).toHaveAttribute('data-method', 'Occlusion');
    await expect(why).toHaveAttribute('data-class', '7');
    const occluded = (await attr(why, 'data-on-ink')).split('/').map(Number);
    console.log(`[seeing] ${lang}: occlusion, strongest pixels for 7 on the stroke: ${occluded[0]} of ${occluded[1]}`);
    expect(occluded[1]).toBeGreaterThan(0);
    mkdirSync(OUTPUT_DIR, { recursive: true });
    await why.screenshot({ path: join(OUTPUT_DIR, `seeing-draw-${lang}-occlusion.png`) });
    await page.getByTestId('why-method-gradient').check();
    await expect(why).toHaveAttribute('data-method', 'GradientTimesInput');
    await why.screenshot({ path: join(OUTPUT_DIR, `seeing-draw-${lang}.png`) });
    await screenshot(page, `seeing-draw-${lang}-page`);

    // The time of preprocessing + classification + saliency, both methods, five times each.
    const times: Record<string, number[]> = { GradientTimesInput: [], Occlusion: [] };
    for (let round = 0; round < 5; round++) {
      for (const [method, id] of [['Occlusion', 'why-method-occlusion'], ['GradientTimesInput', 'why-method-gradient']]) {
        await page.getByTestId(id).check();
        await expect(why).toHaveAttribute('data-method', method);
        times[method].push(Number(await attr(why, 'data-ms')));
      }
    }
    console.log(`[seeing] ${lang}: preprocessing + classification + saliency, ms (median of 5): ` +
      `gradient × input ${median(times.GradientTimesInput).toFixed(2)} (${times.GradientTimesInput.join(', ')}), ` +
      `occlusion ${median(times.Occlusion).toFixed(2)} (${times.Occlusion.join(', ')})`);
  });
}

test('a confusion-matrix cell filters the gallery, a second press clears it (EN, then RU)', async ({ page }) => {
  test.setTimeout(240_000);
  await openSection(page, 'training', 'en');
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Idle', { timeout: 30_000 });
  // The worker evaluates the fresh network at once, so the matrix is there before any training.
  await expect(page.getByTestId('confusion')).toBeVisible({ timeout: 30_000 });
  // The pen-like distortions are offered, off by default.
  for (const part of ['affine', 'pen', 'elastic']) await expect(page.getByTestId(`distort-${part}`)).not.toBeChecked();
  // Train, then pause once training is seen running (a second press before the worker's reply
  // would be another "Train", and the matrix would keep changing under the test).
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Running', { timeout: 30_000 });
  await expect.poll(async () => Number(await attr(page.getByTestId('examples'), 'data-value')), { timeout: 60_000 })
    .toBeGreaterThan(0);
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'Idle');

  // Pausing evaluates the network where it stopped: wait for that matrix, then read all 100 cells at once
  // (one snapshot, so an evaluation landing in between cannot mix two matrices).
  const examples = await attr(page.getByTestId('examples'), 'data-value');
  await expect(page.getByTestId('confusion')).toHaveAttribute('data-examples', examples, { timeout: 60_000 });
  const counts = await page.locator('[data-testid^="confusion-"][data-count]').evaluateAll((cells) =>
    cells.map((c) => {
      const [, t, p] = (c.getAttribute('data-testid') ?? '').split('-');
      return { t: Number(t), p: Number(p), count: Number(c.getAttribute('data-count')) };
    }));
  expect(counts).toHaveLength(100);
  // The 100 cells hold the 1,000 held-out digits; find the largest mistake (or a diagonal cell).
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  let best = { t: 0, p: 0, count: -1 };
  for (const c of counts) if (c.t !== c.p && c.count > best.count) best = c;
  expect(total).toBe(1000);
  if (best.count <= 0) best = { t: 1, p: 1, count: Number(await attr(page.getByTestId('confusion-1-1'), 'data-count')) };
  console.log(`[seeing] largest confusion: ${best.t} read as ${best.p}, ${best.count} digits`);

  const cell = page.getByTestId(`confusion-${best.t}-${best.p}`);
  await cell.click();
  await expect(cell).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('gallery-filter')).toContainText(`${best.t}s the network read as ${best.p}: ${best.count}`);
  const cards = page.getByTestId('gallery-card');
  await expect(cards).toHaveCount(Math.min(best.count, 48));
  for (const label of await cards.evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label') ?? ''))) {
    expect(label).toContain(`Digit ${best.t},`);
  }
  await page.locator('.section-training .confusion').screenshot({ path: join(OUTPUT_DIR, 'seeing-confusion-en.png') });
  await screenshot(page, 'seeing-training-en');
  // A second press clears the filter.
  await cell.click();
  await expect(page.getByTestId('gallery-filter')).toHaveCount(0);
  await expect(cell).toHaveAttribute('aria-pressed', 'false');

  // Russian, from the keyboard: Enter on a cell filters, the button in the note clears.
  await page.locator('.lang-switch [data-lang="ru"]').click();
  await expect(page.locator('main h1')).toHaveText('Обучение на MNIST');
  const ruCell = page.getByTestId(`confusion-${best.t}-${best.p}`);
  await ruCell.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('gallery-filter')).toContainText(`Показаны только цифры ${best.t}, которые сеть прочла как ${best.p}`);
  await page.locator('.section-training .confusion').screenshot({ path: join(OUTPUT_DIR, 'seeing-confusion-ru.png') });
  await screenshot(page, 'seeing-training-ru');
  await page.getByTestId('gallery-filter-clear').click();
  await expect(page.getByTestId('gallery-filter')).toHaveCount(0);
});
