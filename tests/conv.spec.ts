// The Convolution lab: the lecture's example from a URL, the output-size arithmetic, stepping
// with the written-out sum, impossible configurations, editing, RGB mode and the three extra
// views. Screenshots of every mode in RU and EN go to tests/output/conv-*.png.
import { test, expect, openSection, screenshot as save, LANGS } from './fixtures';
import type { Page } from '@playwright/test';

const T = {
  ru: { end: 'В конец', start: 'В начало', forward: 'Шаг вперёд', step: 'Шаг', of: 'из' },
  en: { end: 'Jump to the end', start: 'To the start', forward: 'Step forward', step: 'Step', of: 'of' },
};

/** Full-page screenshot from the top (the sticky player would otherwise sit mid-page). */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await save(page, name);
}

/** Text of the output cells of feature map `f`, row by row. */
async function featureMap(page: Page, f = 0): Promise<string[][]> {
  const grid = page.getByTestId(`output-grid-${f}`);
  const rows = grid.locator('[role=row]');
  const n = await rows.count();
  const out: string[][] = [];
  for (let r = 0; r < n; r++) {
    out.push(await rows.nth(r).locator('.grid-value').allTextContents());
  }
  return out;
}

for (const lang of LANGS) {
  test(`lecture example with padding 1, stride 2 from a URL (${lang})`, async ({ page }) => {
    await openSection(page, 'conv', lang, 'in=7&k=3&p=1&s=2');
    // (I + 2P − F)/S + 1 with the user's numbers.
    await expect(page.getByTestId('size-both-formula')).toHaveText('⌊(7 − 3 + 2·1) / 2⌋ + 1 = 4');
    await expect(page.getByTestId('size-result')).toContainText('4 × 4');
    await expect(page.getByTestId('player-step')).toHaveText(`${T[lang].step} 1 ${T[lang].of} 16`);
    // Only the first cell is computed at the start; jump to the end fills the map.
    await page.getByRole('button', { name: T[lang].end }).click();
    // Computed independently (Python, zero-padded 9×9 grid, stride 2):
    expect(await featureMap(page)).toEqual([
      ['1', '0', '1', '0'],
      ['1', '1', '1', '0'],
      ['0', '4', '1', '1'],
      ['0', '1', '0', '0'],
    ]);
    await screenshot(page, `conv-padding-stride-${lang}`);

    // Back to the start, then three steps with the → key: output cell (1, 4).
    await page.getByRole('button', { name: T[lang].start }).click();
    await page.locator('main h1').click();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('player-step')).toHaveText(`${T[lang].step} 4 ${T[lang].of} 16`);
    await expect(page.getByTestId('written-sum')).toHaveText(
      '0·0 + 0·0 + 0·1 + 0·1 + 0·0 + 0·0 + 1·0 + 0·1 + 0·1 + 0 = 0',
    );
    // The receptive field of cell (1, 4): 9 taps, 5 of them in the zero padding (top row, right column).
    const input = page.getByTestId('input-grid-0');
    await expect(input.locator('.grid-cell.tap')).toHaveCount(9);
    await expect(input.locator('.grid-cell.tap.pad')).toHaveCount(5);
    // Six more steps: cell (3, 2), the 4 of the map.
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: T[lang].forward }).click();
    await expect(page.getByTestId('written-sum')).toHaveText(
      '0·0 + 0·0 + 1·1 + 1·1 + 0·0 + 0·0 + 0·0 + 1·1 + 1·1 + 0 = 4',
    );
    await expect(page.getByTestId('output-grid-0').locator('.grid-cell.current')).toHaveText('4');
    await expect(input.locator('.grid-cell.tap.pad')).toHaveCount(0);
    // The URL keeps the position.
    await expect(page).toHaveURL(/at=9/);
  });
}

test('the default is the lecture example and plays to the end', async ({ page }) => {
  await openSection(page, 'conv', 'en');
  await expect(page.getByTestId('size-both-formula')).toHaveText('(7 − 3 + 2·0) / 1 + 1 = 5');
  await page.locator('input[aria-label="Speed"]').evaluate((el: HTMLInputElement) => {
    el.value = '5';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.getByTestId('player-play').click();
  await expect(page.getByTestId('player-step')).toHaveText('Step 25 of 25', { timeout: 15_000 });
  await expect(page.getByTestId('player-play')).toHaveAttribute('aria-pressed', 'false');
  expect(await featureMap(page)).toEqual([
    ['0', '1', '0', '0', '0'],
    ['0', '1', '1', '1', '0'],
    ['1', '0', '0', '2', '1'],
    ['1', '4', '2', '1', '0'],
    ['0', '0', '1', '2', '1'],
  ]);
  // Space toggles play/pause (focus on the page, not on a control).
  await page.locator('main h1').click();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('player-play')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('player-play')).toHaveAttribute('aria-pressed', 'false');
});

for (const lang of LANGS) {
  test(`an impossible configuration shows the core's message (${lang})`, async ({ page }) => {
    await openSection(page, 'conv', lang);
    await page.getByTestId('set-in').locator('input').fill('4');
    await page.getByTestId('set-in').locator('input').press('Enter');
    await page.getByTestId('set-k').locator('input').fill('6');
    await page.getByTestId('set-k').locator('input').press('Enter');
    const message = {
      ru: 'по высоте: ядро 6 больше входа с дополнением 4 (4 + 2·0)',
      en: 'height: kernel 6 is larger than the padded input 4 (4 + 2·0)',
    }[lang];
    await expect(page.getByTestId('conv-error')).toHaveText(message);
    await expect(page.getByTestId('size-error')).toHaveText(message);
    await expect(page.getByTestId('output-grid-0')).toHaveCount(0);
    await expect(page.getByTestId('player-play')).toBeDisabled();
    await screenshot(page, `conv-error-${lang}`);
    // Padding 1 makes it fit: (4 + 2 − 6)/1 + 1 = 1.
    await page.getByTestId('set-p').getByRole('button', { name: /больше|up/ }).click();
    await expect(page.getByTestId('size-both-formula')).toHaveText('(4 − 6 + 2·1) / 1 + 1 = 1');
    await expect(page.getByTestId('conv-error')).toHaveCount(0);
  });
}

test('inexact division: floor and the never-covered column', async ({ page }) => {
  await openSection(page, 'conv', 'en', 'in=7&k=3&s=3');
  await expect(page.getByTestId('size-both-formula')).toHaveText('⌊(7 − 3 + 2·0) / 3⌋ + 1 = 2');
  await expect(page.getByTestId('size-both-floor')).toHaveText('4 / 3 is not a whole number: rounded down to 1, remainder 1');
  await expect(page.getByTestId('size-both-uncovered')).toHaveText('Rows never covered: 7');
  // Row 7 and column 7 of the input are hatched: 7 + 7 − 1 cells.
  await expect(page.getByTestId('input-grid-0').locator('.grid-cell.uncovered')).toHaveCount(13);
});

test('dilation: effective kernel and gaps', async ({ page }) => {
  await openSection(page, 'conv', 'en', 'in=7&k=3&d=2');
  await expect(page.getByTestId('size-both-effective')).toHaveText('F′ = D·(F − 1) + 1 = 2·(3 − 1) + 1 = 5');
  await expect(page.getByTestId('size-both-formula')).toHaveText('(7 − 5 + 2·0) / 1 + 1 = 3');
  const input = page.getByTestId('input-grid-0');
  await expect(input.locator('.grid-cell.tap')).toHaveCount(9);
  await expect(input.locator('.grid-cell.gap')).toHaveCount(16);
  await screenshot(page, 'conv-dilation-en');
});

test('editing the grids: click toggles, typing enters a number, arrows move', async ({ page }) => {
  await openSection(page, 'conv', 'en');
  const input = page.getByTestId('input-grid-0');
  const cell = (y: number, x: number) => input.locator(`[data-y="${y}"][data-x="${x}"]`);
  const value = (y: number, x: number) => cell(y, x).locator('.grid-value');
  await cell(0, 0).click();
  await expect(value(0, 0)).toHaveText('1');
  await cell(0, 0).press('ArrowRight');
  await expect(cell(0, 1)).toBeFocused();
  await page.keyboard.type('-2.5');
  await page.keyboard.press('Enter');
  await expect(value(0, 1)).toHaveText('−2.5');
  await expect(cell(0, 1)).toBeFocused();
  await page.keyboard.press('Space');
  await expect(value(0, 1)).toHaveText('0');
  // Kernel: type 3 into the top-left weight.
  const kernel = page.getByTestId('kernel-grid-0');
  await kernel.locator('[data-y="0"][data-x="0"]').click();
  await expect(kernel.locator('[data-y="0"][data-x="0"]')).toHaveText('1');
  await kernel.locator('[data-y="0"][data-x="0"]').press('3');
  await page.keyboard.press('Enter');
  await expect(kernel.locator('[data-y="0"][data-x="0"]')).toHaveText('3');
  // Output (0,0) = 3·input(0,0) = 3·1 = 3.
  await expect(page.getByTestId('written-sum')).toHaveText(
    '1·3 + 0·0 + 0·1 + 0·1 + 1·0 + 0·0 + 0·0 + 0·1 + 0·1 + 0 = 3',
  );
  // The state is in the URL: reloading keeps it.
  await page.reload();
  await expect(page.getByTestId('written-sum')).toHaveText(
    '1·3 + 0·0 + 0·1 + 0·1 + 1·0 + 0·0 + 0·0 + 0·1 + 0·1 + 0 = 3',
  );
});

test('a garbage URL falls back to the defaults with a note', async ({ page }) => {
  await openSection(page, 'conv', 'en', 'in=banana&x=0,1;1&k=3');
  await expect(page.getByTestId('url-note')).toContainText('in, x');
  await expect(page.getByTestId('size-both-formula')).toHaveText('(7 − 3 + 2·0) / 1 + 1 = 5');
  await page.getByTestId('url-note').getByRole('button').click();
  await expect(page.getByTestId('url-note')).toHaveCount(0);
});

for (const lang of LANGS) {
  test(`RGB mode: three channels, per-channel sums, several filters (${lang})`, async ({ page }) => {
    await openSection(page, 'conv', lang);
    await page.getByTestId('channels-3').click();
    for (const c of [0, 1, 2]) await expect(page.getByTestId(`input-grid-${c}`)).toBeVisible();
    await expect(page.getByTestId('output-grid-1')).toBeVisible();
    await expect(page.getByTestId('sum-channel-0')).toBeVisible();
    await expect(page.getByTestId('sum-total')).toContainText(' + 1 = ');
    await expect(page.getByTestId('size-result')).toContainText('5 × 5 × 2');
    await page.getByTestId('set-f').getByRole('button', { name: /больше|up/ }).click();
    await expect(page.getByTestId('output-grid-2')).toBeVisible();
    await page.getByRole('button', { name: T[lang].end }).click();
    await screenshot(page, `conv-rgb-${lang}`);
  });

  test(`why convolution, im2col and the real image (${lang})`, async ({ page }) => {
    await openSection(page, 'conv', lang, 'in=7&k=3&p=1&s=2&at=5');
    await page.getByTestId('view-why').click();
    await expect(page.getByTestId('why-panel')).toBeVisible();
    // The lecture detector flipped by 180°: [[1,1,0],[0,0,1],[1,0,0]].
    await expect(page.getByTestId('why-flipped').locator('.grid-value')).toHaveText(
      ['1', '1', '0', '0', '0', '1', '1', '0', '0'],
    );
    await page.getByTestId('mode-conv').check();
    await expect(page).toHaveURL(/mode=conv/);
    await page.getByTestId('view-im2col').click();
    await expect(page.getByTestId('im2col-current')).toBeVisible();
    // Row (2, 2) of the patch matrix · flipped filter + b equals the output cell.
    const product = await page.getByTestId('im2col-product').textContent();
    const value = product!.split('=').pop()!.trim();
    await expect(page.getByTestId('written-sum')).toHaveText(new RegExp(`= ${value}$`));
    await page.getByTestId('view-realimage').click();
    await expect(page.getByTestId('real-output').locator('rect')).toHaveCount(14 * 14);
    await screenshot(page, `conv-views-${lang}`);
  });
}

test('phone layout', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openSection(page, 'conv', 'ru');
  await expect(page.getByTestId('input-grid-0')).toBeVisible();
  await screenshot(page, 'conv-phone-ru');
});
