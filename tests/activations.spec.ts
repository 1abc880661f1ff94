// The Activations section: curve toggles, the readout at a point (pointer, keyboard, number
// field), the sum of shifted sigmoids with its largest gap, the gradient-through-depth panel and
// the URL state. Screenshots go to tests/output/activations-*.png.
import { test, expect, openSection, screenshot, LANGS, type Page } from './fixtures';

const chart = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/** Waits until all three charts have been drawn at least once. */
async function chartsDrawn(page: Page): Promise<void> {
  for (const id of ['act-curves-chart', 'act-sum-chart', 'act-depth-chart']) {
    await expect(chart(page, id)).toHaveAttribute('data-drawn', 'true');
  }
}

/** Pixels of the main chart's canvas within a small tolerance of an sRGB colour. */
async function countColour(page: Page, id: string, rgb: [number, number, number]): Promise<number> {
  return chart(page, id).locator('canvas').evaluate((canvas: HTMLCanvasElement, [r, g, b]) => {
    const ctx = canvas.getContext('2d')!;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r) <= 6 && Math.abs(data[i + 1] - g) <= 6 && Math.abs(data[i + 2] - b) <= 6) n++;
    }
    return n;
  }, rgb);
}

const TANH: [number, number, number] = [0xd5, 0x5e, 0x00];
const LEAKY: [number, number, number] = [0xe6, 0x9f, 0x00];

const row = (page: Page, activation: string) =>
  page.locator(`[data-testid="act-readout"] tr[data-activation="${activation}"]`);

const query = (page: Page) => new URL(page.url()).hash.split('?')[1] ?? '';

for (const lang of LANGS) {
  test(`activations in ${lang}: lecture numbers, all panels, screenshots`, async ({ page }) => {
    await openSection(page, 'activations', lang);
    await chartsDrawn(page);
    await expect(page.locator('main h1')).toHaveText(lang === 'ru' ? 'Функции активации' : 'Activation functions');
    // Default point x = 5: σ(5) ≈ 0.9933 (lecture), σ′(5) = 0.006648.
    await expect(page.getByTestId('act-readout-x')).toHaveText('5.00');
    await expect(row(page, 'sigmoid').locator('.act-value')).toHaveText('0.993307');
    await expect(row(page, 'sigmoid').locator('.act-derivative')).toHaveText('0.006648');
    await expect(row(page, 'relu').locator('.act-derivative')).toHaveText('1.000000');
    await expect(page.locator('[data-testid="act-readout"] tbody tr')).toHaveCount(4);
    // N = 10 on [−6, 6]: the gap is 0.017532765… at x = 6 (mpmath).
    await expect(page.getByTestId('act-sum-gap-value')).toHaveText('0.01753');
    // k = 10, z = 1: σ′(1)^10 = 8.63·10⁻⁸, ReLU stays 1.
    const depth = page.getByTestId('act-depth-table');
    await expect(depth.locator('tr[data-activation="sigmoid"] .act-product')).toHaveText('8.63·10⁻⁸');
    await expect(depth.locator('tr[data-activation="relu"] .act-product')).toHaveText('1.000');
    expect(await countColour(page, 'act-curves-chart', TANH)).toBeGreaterThan(200);
    await screenshot(page, `activations-${lang}`);

    // Everything on: derivatives, Leaky ReLU, x = 10 — the second lecture number.
    await page.locator('#act-derivatives').check();
    await page.locator('input[data-activation="leaky_relu"]').check();
    await page.locator('#act-x').fill('10');
    await expect(row(page, 'sigmoid').locator('.act-value')).toHaveText('0.999955');
    await expect(row(page, 'sigmoid').locator('.act-derivative')).toHaveText('4.54·10⁻⁵');
    await page.locator('#act-range').fill('12');
    await expect(page.locator('label[for="act-range"] output')).toHaveText('12');
    await page.locator('#act-terms').fill('25');
    await page.locator('#act-z').fill('0');
    await expect(depth.locator('tr[data-activation="sigmoid"] .act-product')).toHaveText('9.54·10⁻⁷');
    await expect(depth.locator('tr[data-activation="relu"] .act-product')).toContainText('0');
    await chartsDrawn(page);
    await page.locator('#act-curves-heading').scrollIntoViewIfNeeded();
    await screenshot(page, `activations-all-${lang}`);
  });
}

test('toggling curves changes the chart, the readout and the URL', async ({ page }) => {
  await openSection(page, 'activations', 'en');
  await chartsDrawn(page);
  expect(await countColour(page, 'act-curves-chart', TANH)).toBeGreaterThan(200);
  expect(await countColour(page, 'act-curves-chart', LEAKY)).toBeLessThan(20);

  await page.locator('input[data-activation="tanh"]').uncheck();
  await expect(row(page, 'tanh')).toHaveCount(0);
  await expect.poll(() => countColour(page, 'act-curves-chart', TANH)).toBeLessThan(20);
  expect(query(page)).toContain('show=sigmoid,relu,softplus');

  await page.locator('input[data-activation="leaky_relu"]').check();
  await expect(row(page, 'leaky_relu').locator('.act-value')).toHaveText('5.000000');
  await expect.poll(() => countColour(page, 'act-curves-chart', LEAKY)).toBeGreaterThan(200);

  for (const name of ['sigmoid', 'relu', 'softplus', 'leaky_relu']) {
    await page.locator(`input[data-activation="${name}"]`).uncheck();
  }
  await expect(page.locator('.act-empty')).toHaveText('Select at least one function.');

  // The state survives a reload (it is in the URL).
  await page.locator(`input[data-activation="relu"]`).check();
  await page.reload();
  await expect(page.locator('input[data-activation="relu"]')).toBeChecked();
  await expect(page.locator('input[data-activation="sigmoid"]')).not.toBeChecked();
  await expect(page.locator('[data-testid="act-readout"] tbody tr')).toHaveCount(1);
});

test('the N slider moves the sum towards softplus; the gap number follows', async ({ page }) => {
  await openSection(page, 'activations', 'ru');
  await chartsDrawn(page);
  const gap = page.getByTestId('act-sum-gap-value');
  const terms = page.locator('#act-terms');
  // Expected values from mpmath (see crates/cnn/src/curves.rs): range [−6, 6].
  const cases: [string, string][] = [['1', '5.007'], ['2', '4.018'], ['5', '1.305'], ['10', '0.01753'], ['50', '0.01058']];
  for (const [n, expected] of cases) {
    await terms.fill(n);
    await expect(page.getByTestId('act-terms-value')).toHaveText(n);
    await expect(gap).toHaveText(expected);
  }
  expect(query(page)).toContain('n=50');
  // Keyboard: the slider is a native range input.
  await terms.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('act-terms-value')).toHaveText('1');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('act-terms-value')).toHaveText('2');
  await expect(gap).toHaveText('4.018');
  // A narrower range: N = 3 on [−3, 3] leaves 0.6844 at x = 3.
  await terms.fill('3');
  await page.locator('#act-sum-range').fill('3');
  await expect(gap).toHaveText('0.6844');
  await expect(page.locator('.act-gap-x')).toHaveText('3.00');
});

test('pointer, tap and keyboard move the readout point', async ({ page }) => {
  await openSection(page, 'activations', 'en');
  await chartsDrawn(page);
  const canvas = chart(page, 'act-curves-chart').locator('canvas');
  // The chart sits below the slide references: bring it into the viewport, since mouse moves don't scroll.
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const x = page.getByTestId('act-readout-x');

  // Hover near the middle: the readout follows the pointer, then returns to the pinned x.
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await expect(x).not.toHaveText('5.00');
  const hovered = Number((await x.innerText()).replace('−', '-'));
  expect(Math.abs(hovered)).toBeLessThan(1.5);
  await expect(page.locator('.plot-cursor')).toBeVisible();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height + 200);
  await expect(x).toHaveText('5.00');

  // A click pins the point in the URL.
  await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await page.mouse.move(0, 0);
  await expect(x).not.toHaveText('5.00');
  expect(query(page)).toMatch(/x=-?\d/);

  // Arrow keys on the focused chart step by 0.1; PageUp by 1.
  await page.locator('#act-x').fill('5');
  await canvas.focus();
  await page.keyboard.press('ArrowRight');
  await expect(x).toHaveText('5.10');
  await page.keyboard.press('PageUp');
  await expect(x).toHaveText('6.10');
  await expect(canvas).toHaveAttribute('aria-valuetext', /x = 6.10; sigmoid 0.997762/);

  // A bad number is reported inline and changes nothing.
  await page.locator('#act-x').fill('500');
  await expect(page.locator('#act-x-error')).toBeVisible();
  await expect(x).toHaveText('6.10');

  // Typed key by key like a student does: select all, erase, a minus sign, digits.
  const field = page.locator('#act-x');
  await field.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await expect(field).toHaveValue('');
  await page.keyboard.type('-');
  await expect(field).toHaveValue('-');
  await page.keyboard.type('2');
  await expect(field).toHaveValue('-2');
  await expect(x).toHaveText('−2.00');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('7');
  await expect(field).toHaveValue('-7');
  await expect(x).toHaveText('−7.00');
  await expect(page.locator('#act-x-error')).toBeHidden();
});

test('the state in the URL is restored', async ({ page }) => {
  await openSection(page, 'activations', 'en', 'show=sigmoid,leaky_relu&deriv=1&range=10&x=-2&n=3&srange=3&k=20&z=-1');
  await chartsDrawn(page);
  await expect(page.locator('#act-derivatives')).toBeChecked();
  await expect(page.locator('input[data-activation="leaky_relu"]')).toBeChecked();
  await expect(page.locator('input[data-activation="tanh"]')).not.toBeChecked();
  await expect(page.getByTestId('act-readout-x')).toHaveText('−2.00');
  await expect(row(page, 'leaky_relu').locator('.act-value')).toHaveText('−0.020000');
  await expect(page.getByTestId('act-sum-gap-value')).toHaveText('0.6844');
  await expect(page.getByTestId('act-k-value')).toHaveText('20');
  const depth = page.getByTestId('act-depth-table');
  await expect(depth.locator('tr[data-activation="relu"] .act-product')).toContainText('0 —');
  expect(await countColour(page, 'act-curves-chart', LEAKY)).toBeGreaterThan(200);
});
