// Garbled links: every section with URL state keeps the keys it can read, falls back to the
// defaults for the rest and names them in a note (RU and EN); the section still works.
// Screenshots: tests/output/links-<section>-<lang>.png.
import { test, expect, openSection, screenshot, LANGS } from './fixtures';

const NOTE = {
  ru: 'Часть ссылки не удалось прочитать',
  en: 'Part of the link could not be read',
};

for (const lang of LANGS) {
  test(`pooling: a garbage link keeps the good keys and names the bad ones (${lang})`, async ({ page }) => {
    await openSection(page, 'pool', lang, 'win=9&kind=median&s=2&x=1,2;3&foo=1');
    const note = page.getByTestId('url-note');
    await expect(note).toContainText(NOTE[lang]);
    await expect(note.locator('code')).toHaveText('foo, win, kind, x');
    // Window 2 (default), stride 2 (from the link) on the lecture's input: max pooling still works.
    await expect(page.getByTestId('size-both-formula')).toHaveText('⌊(4 − 2 + 2·0) / 2⌋ + 1 = 2');
    await expect(page.getByTestId('pool-written')).toHaveText('max(1, 1, 5, 6) = 6');
    await screenshot(page, `links-pool-${lang}`);
    await note.getByRole('button').click();
    await expect(note).toHaveCount(0);
    await page.getByTestId('pool-kind-avg').click();
    await expect(page.getByTestId('pool-written')).toHaveText('(1 + 1 + 5 + 6) / 4 = 3.25');
  });

  test(`activations: a garbage link shows the default curves and range with a note (${lang})`, async ({ page }) => {
    await openSection(page, 'activations', lang, 'n=abc&range=-999&x=zzz&show=%%%&k=12');
    const note = page.getByTestId('url-note');
    await expect(note).toContainText(NOTE[lang]);
    await expect(note.locator('code')).toHaveText('show, range, x, n');
    // Default curves (4 rows), default range ±6 and point x = 5; the good k = 12 is kept.
    await expect(page.locator('[data-testid="act-readout"] tbody tr')).toHaveCount(4);
    await expect(page.locator('#act-range')).toHaveValue('6');
    await expect(page.getByTestId('act-readout-x')).toHaveText('5.00');
    await expect(page.getByTestId('act-terms-value')).toHaveText('10');
    await expect(page.getByTestId('act-k-value')).toHaveText('12');
    for (const id of ['act-curves-chart', 'act-sum-chart', 'act-depth-chart']) {
      await expect(page.getByTestId(id)).toHaveAttribute('data-drawn', 'true');
    }
    await screenshot(page, `links-activations-${lang}`);
    // Dismissing rewrites the link without the unreadable keys.
    await note.getByRole('button').click();
    await expect(note).toHaveCount(0);
    await expect(page).toHaveURL(/#\/activations\?lang=(ru|en)&k=12$/);
    await page.locator('#act-show-leaky_relu').check();
    await expect(page.locator('[data-testid="act-readout"] tbody tr')).toHaveCount(5);
  });

  test(`draw: a garbage link loads the pretrained net with a note (${lang})`, async ({ page }) => {
    await openSection(page, 'draw', lang, 'digit=99999&model=foo');
    const note = page.getByTestId('url-note');
    await expect(note).toContainText(NOTE[lang]);
    await expect(note.locator('code')).toHaveText('model, digit');
    await expect(page.locator('.draw-arch')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('draw-picker-number')).toHaveValue('1');
    await expect(page.getByTestId('draw-hint')).toBeVisible();
    await screenshot(page, `links-draw-${lang}`);
    // The picker still loads a held-out digit, and the link no longer carries the garbage.
    await expect(page.getByTestId('draw-picker-load')).toBeEnabled({ timeout: 30_000 });
    await page.getByTestId('draw-picker-load').click();
    await expect(page.getByTestId('draw-picker-loaded')).toBeVisible();
    await expect(page.getByTestId('draw-prediction')).toBeVisible();
    await expect(page).toHaveURL(/#\/draw\?lang=(ru|en)&digit=1$/);
    await expect(note).toHaveCount(0);
  });
}
