// Driving the lecture: PageDown/PageUp and ] / [ walk the sections in lecture order, F toggles
// fullscreen, ? opens the sheet of keys and Esc closes it, nothing fires while typing; presenter mode
// (present=1) with large type, kept between sections; "copy link" with a visible confirmation.
// Screenshots: tests/output/lecture-*.png.
import { test, expect, openSection, screenshot, LANGS, type Lang } from './fixtures';

/** The section slugs in the header's order (the lecture's). */
async function navOrder(page: import('@playwright/test').Page): Promise<string[]> {
  return page.locator('nav.site-nav a').evaluateAll((links) => links.map((a) => a.getAttribute('data-section') ?? ''));
}

const currentSection = (page: import('@playwright/test').Page) =>
  page.locator('nav.site-nav a[aria-current="page"]');

for (const lang of LANGS) {
  test(`PageDown walks every section in lecture order and PageUp back (${lang})`, async ({ page }) => {
    await openSection(page, 'conv', lang);
    const order = await navOrder(page);
    expect(order.length).toBeGreaterThanOrEqual(5);
    expect(order[0]).toBe('conv');
    for (const slug of order.slice(1)) {
      await page.keyboard.press('PageDown');
      await expect(currentSection(page)).toHaveAttribute('data-section', slug);
      await expect(page).toHaveURL(new RegExp(`#/${slug}\\?lang=${lang}`));
    }
    // The last section stays the last.
    await page.keyboard.press('PageDown');
    await expect(currentSection(page)).toHaveAttribute('data-section', order[order.length - 1]);
    for (const slug of order.slice(0, -1).reverse()) {
      await page.keyboard.press('PageUp');
      await expect(currentSection(page)).toHaveAttribute('data-section', slug);
    }
    // ] and [ do the same.
    await page.keyboard.press(']');
    await expect(currentSection(page)).toHaveAttribute('data-section', order[1]);
    await page.keyboard.press('[');
    await expect(currentSection(page)).toHaveAttribute('data-section', order[0]);
  });
}

test('? opens the sheet of keys, Esc closes it; F toggles fullscreen; nothing fires while typing', async ({ page }) => {
  await openSection(page, 'conv', 'en');
  await page.keyboard.press('?');
  const sheet = page.getByTestId('key-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('PageDown');
  await expect(sheet).toContainText('next section of the lecture');
  await expect(sheet).toContainText('play / pause the animation');
  await expect(page.getByTestId('key-sheet-close')).toBeFocused();
  await screenshot(page, 'lecture-keys-en');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);

  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);

  // Typing into a field never navigates nor opens the sheet.
  await openSection(page, 'training', 'ru');
  const field = page.locator('main input[type="text"], main input:not([type]), main textarea').first();
  await field.focus();
  await page.keyboard.press('PageDown');
  await page.keyboard.type('?]f');
  await expect(currentSection(page)).toHaveAttribute('data-section', 'training');
  await expect(sheet).toHaveCount(0);
  await page.locator('main h1').click();
  await page.keyboard.press('?');
  await expect(sheet).toContainText('Клавиши');
  await page.getByTestId('key-sheet-close').click();
  await expect(sheet).toHaveCount(0);
});

for (const lang of LANGS) {
  test(`presenter mode: large type, present=1 kept between sections, footer hidden (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openSection(page, 'conv', lang);
    const toggle = page.getByTestId('presenter-toggle');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(new RegExp(`#/conv\\?lang=${lang}&present=1`));
    const bodySize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(bodySize).toBeGreaterThanOrEqual(22);
    await expect(page.locator('footer.site-footer')).toHaveCount(0);
    await screenshot(page, `lecture-present-conv-${lang}`);

    await page.keyboard.press('PageDown');
    await expect(page).toHaveURL(new RegExp(`#/pool\\?lang=${lang}&present=1`));
    await page.locator('nav.site-nav a[data-section="activations"]').click();
    await expect(page).toHaveURL(new RegExp(`#/activations\\?lang=${lang}&present=1`));
    await expect(page.locator('html')).toHaveClass(/present/);

    // A shared link opens in presenter mode; switching it off removes it from the URL.
    await page.reload();
    await expect(page.getByTestId('presenter-toggle')).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('presenter-toggle').click();
    await expect(page).toHaveURL(new RegExp(`#/activations\\?lang=${lang}$`));
    await expect(page.locator('footer.site-footer')).toBeVisible();
  });
}

test('copy link puts the URL with the section state on the clipboard and says so', async ({ page, context }) => {
  for (const lang of LANGS as Lang[]) {
    await openSection(page, 'conv', lang, 'k=3');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await page.getByTestId('copy-link').click();
    const status = page.getByTestId('copy-link-status');
    await expect(status).toHaveText(lang === 'ru' ? /Ссылка скопирована/ : /Link copied/);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());
    expect(copied).toContain('k=3');
  }
});
