// The shell: every section in both languages, the language switch, navigation, the worker ping,
// the skip link. Screenshots go to tests/output/shell-<section>-<lang>.png.
import { test, expect, openSection, screenshot, SECTIONS, LANGS } from './fixtures';

/** A URL predicate: the location hash equals `hash` exactly. */
const hashIs = (hash: string) => (url: URL) => url.hash === hash;

for (const lang of LANGS) {
  for (const section of SECTIONS) {
    test(`${section.slug} in ${lang}: heading, nav, intro, footer`, async ({ page }) => {
      await openSection(page, section.slug, lang);
      await expect(page.locator('main h1')).toHaveText(section.title[lang]);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.locator('main .intro').first()).not.toBeEmpty();

      const links = page.locator('nav.site-nav a');
      await expect(links).toHaveCount(SECTIONS.length);
      for (const [i, other] of SECTIONS.entries()) {
        await expect(links.nth(i)).toContainText(other.nav[lang]);
      }
      const current = page.locator('nav.site-nav a[aria-current="page"]');
      await expect(current).toHaveCount(1);
      await expect(current).toHaveAttribute('data-section', section.slug);

      await expect(page.locator(`.lang-switch button[data-lang="${lang}"]`)).toHaveAttribute('aria-pressed', 'true');
      await expect(page.locator('footer')).toContainText('MNIST');
      await expect(page.locator('footer')).toContainText('CC BY-SA 3.0');
      await expect(page.locator('footer')).toContainText('ConvNetJS');
      await expect(page).toHaveTitle(new RegExp(section.title[lang]));
      await screenshot(page, `shell-${section.slug}-${lang}`);
    });
  }
}

test('the worker answers the ping', async ({ page }) => {
  await openSection(page, 'conv', 'en');
  const status = page.locator('.worker-status');
  await expect(status).toHaveAttribute('data-worker', 'ready', { timeout: 20_000 });
  await expect(status).toContainText(/version \d+\.\d+\.\d+/);
});

test('language switch: buttons, URL, <html lang>, remembered across reloads', async ({ page }) => {
  await openSection(page, 'pool', 'ru');
  await expect(page.locator('main h1')).toHaveText('Пулинг');

  await page.locator('.lang-switch button[data-lang="en"]').click();
  await expect(page.locator('main h1')).toHaveText('Pooling');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.lang-switch button[data-lang="en"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.lang-switch button[data-lang="ru"]')).toHaveAttribute('aria-pressed', 'false');
  await expect(page).toHaveURL(hashIs('#/pool?lang=en'));

  // No lang in the URL: the stored choice wins.
  await page.goto('/#/activations');
  await expect(page.locator('main h1')).toHaveText('Activation functions');
  await expect(page).toHaveURL(hashIs('#/activations?lang=en'));

  // The URL wins over the stored choice, and becomes the stored choice.
  await page.goto('/#/activations?lang=ru');
  await expect(page.locator('main h1')).toHaveText('Функции активации');
  await page.goto('/');
  await expect(page.locator('main h1')).toHaveText('Лаборатория свёртки');
  await expect(page).toHaveURL(hashIs('#/conv?lang=ru'));
});

test('navigation by the header links keeps the language and section state', async ({ page }) => {
  await openSection(page, 'conv', 'en', 'k=3');
  await expect(page).toHaveURL(hashIs('#/conv?lang=en&k=3'));
  for (const section of SECTIONS) {
    await page.locator(`nav.site-nav a[data-section="${section.slug}"]`).click();
    await expect(page.locator('main h1')).toHaveText(section.title.en);
    await expect(page).toHaveURL(hashIs(`#/${section.slug}?lang=en`));
  }
  await page.goBack();
  await expect(page.locator('main h1')).toHaveText(SECTIONS[SECTIONS.length - 2].title.en);
});

test('keyboard: skip link and visible focus', async ({ page }) => {
  await openSection(page, 'conv', 'en');
  await page.keyboard.press('Tab');
  const skip = page.locator('.skip-link');
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await expect(page).toHaveURL(hashIs('#/conv?lang=en'));

  // The next Tab stops show a visible focus ring.
  await page.reload();
  await expect(page.locator('main h1')).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const brand = page.locator('a.brand');
  await expect(brand).toBeFocused();
  expect(await brand.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
  await page.keyboard.press('Tab');
  await expect(page.locator('nav.site-nav a').first()).toBeFocused();
  expect(await page.locator('nav.site-nav a').first().evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
});

test('phone layout', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const lang of LANGS) {
    await openSection(page, 'conv', lang);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, `shell-phone-${lang}`);
  }
});
