// Pooling: the lecture's 4×4 example, max and average, the output-size arithmetic, stepping with
// the winner highlighted, and the backward view. Screenshots: tests/output/pool-*.png.
import { test, expect, openSection, screenshot as save, LANGS } from './fixtures';
import type { Page } from '@playwright/test';

async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await save(page, name);
}

const END = { ru: 'В конец', en: 'Jump to the end' };

async function outputValues(page: Page): Promise<string[]> {
  return page.getByTestId('pool-output').locator('.grid-value').allTextContents();
}

for (const lang of LANGS) {
  test(`lecture example: 2×2 max pooling, stride 2 → [[6, 8], [3, 4]] (${lang})`, async ({ page }) => {
    await openSection(page, 'pool', lang);
    await expect(page.getByTestId('size-both-formula')).toHaveText('⌊(4 − 2 + 2·0) / 2⌋ + 1 = 2');
    // The first window: max(1, 1, 5, 6) = 6, the 6 is the winner.
    await expect(page.getByTestId('pool-written')).toHaveText('max(1, 1, 5, 6) = 6');
    await expect(page.getByTestId('pool-input').locator('.grid-cell.winner .grid-value')).toHaveText('6');
    await expect(page.getByTestId('pool-input').locator('.grid-cell.tap')).toHaveCount(4);
    await page.getByRole('button', { name: END[lang] }).click();
    expect(await outputValues(page)).toEqual(['6', '8', '3', '4']);
    await expect(page.getByTestId('pool-written')).toHaveText('max(1, 0, 3, 4) = 4');
    await screenshot(page, `pool-max-${lang}`);

    // Average pooling of the same windows: 13/4, 21/4, 8/4, 8/4.
    await page.getByTestId('pool-kind-avg').click();
    expect(await outputValues(page)).toEqual(['3.25', '5.25', '2', '2']);
    await expect(page.getByTestId('pool-written')).toHaveText('(1 + 0 + 3 + 4) / 4 = 2');
    await expect(page).toHaveURL(/kind=avg/);

    // Backward: the gradient 4 of the last output is split into four shares of 1.
    await page.getByTestId('pool-view-backward').click();
    await expect(page.getByTestId('pool-backward')).toBeVisible();
    const gradIn = page.getByTestId('pool-grad-input').locator('.grid-value');
    await expect(gradIn).toHaveText([
      '0.25', '0.25', '0.5', '0.5',
      '0.25', '0.25', '0.5', '0.5',
      '0.75', '0.75', '1', '1',
      '0.75', '0.75', '1', '1',
    ]);
    await screenshot(page, `pool-average-backward-${lang}`);

    // Max pooling backward: each gradient goes only to its window's winner.
    await page.getByTestId('pool-kind-max').click();
    await expect(gradIn).toHaveText([
      '0', '0', '0', '0',
      '0', '1', '0', '2',
      '3', '0', '0', '0',
      '0', '0', '0', '4',
    ]);
    await expect(page.getByTestId('pool-back-explanation')).toContainText('[4, 4]');
    await screenshot(page, `pool-max-backward-${lang}`);
  });
}

test('window and stride controls use the same output-size arithmetic', async ({ page }) => {
  await openSection(page, 'pool', 'en');
  await page.getByTestId('pool-set-s').getByRole('button', { name: /down/ }).click();
  // (4 − 2)/1 + 1 = 3: overlapping windows.
  await expect(page.getByTestId('size-both-formula')).toHaveText('(4 − 2 + 2·0) / 1 + 1 = 3');
  await page.getByRole('button', { name: 'Jump to the end' }).click();
  expect(await outputValues(page)).toEqual(['6', '7', '8', '6', '7', '8', '3', '3', '4']);
  // Window 3, stride 2: ⌊(4 − 3)/2⌋ + 1 = 1, the last row and column never covered.
  await page.getByTestId('pool-set-win').locator('input').fill('3');
  await page.getByTestId('pool-set-win').locator('input').press('Enter');
  await page.getByTestId('pool-set-s').locator('input').fill('2');
  await page.getByTestId('pool-set-s').locator('input').press('Enter');
  await expect(page.getByTestId('size-both-formula')).toHaveText('⌊(4 − 3 + 2·0) / 2⌋ + 1 = 1');
  await expect(page.getByTestId('pool-input').locator('.grid-cell.uncovered')).toHaveCount(7);
  // Input 2 with window 3: impossible, the core's message instead of the output.
  await page.getByTestId('pool-set-in').locator('input').fill('2');
  await page.getByTestId('pool-set-in').locator('input').press('Enter');
  await expect(page.getByTestId('pool-error')).toHaveText('height: window 3 is larger than the padded input 2 (2 + 2·0)');
  await screenshot(page, 'pool-error-en');
});
