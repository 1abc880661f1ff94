// The Optimization section: gradient descent, momentum and Nesterov (lecture forms) on a 2-D loss
// surface. The step counts at the defaults are the core's (crates/cnn/src/descent/tests.rs, the
// same as the float64 script crates/cnn/tests/descent_reference.py). Screenshots go to
// tests/output/optimization-*.png.
import { test, expect, openSection, screenshot, LANGS, type Page } from './fixtures';

const steps = (page: Page, method: string) => page.getByTestId(`opt-steps-${method}`);
const query = (page: Page) => new URL(page.url()).hash.split('?')[1] ?? '';

async function mapDrawn(page: Page): Promise<void> {
  await expect(page.getByTestId('opt-map')).toHaveAttribute('data-drawn', 'true');
  await expect(page.getByTestId('opt-loss-chart')).toHaveAttribute('data-drawn', 'true');
}

/** The last "= (…)" of a written update. */
async function writtenResult(page: Page, method: string): Promise<string> {
  const last = page.getByTestId(`opt-written-${method}`).locator('li').last();
  const text = (await last.innerText()).trim();
  return text.slice(text.lastIndexOf('= ') + 2);
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const lang of LANGS) {
  test(`optimization in ${lang}: step counts at the defaults, divergence explained, screenshots`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 1000 });
    await openSection(page, 'optimization', lang);
    await mapDrawn(page);
    await expect(page.locator('main h1')).toHaveText(lang === 'ru' ? 'Оптимизация' : 'Optimization');
    // κ = 10, η = 0.8, γ = 0.9, start (−4, 1.5).
    await expect(steps(page, 'gd')).toHaveAttribute('data-steps', 'diverged');
    await expect(steps(page, 'momentum')).toHaveAttribute('data-steps', '182');
    await expect(steps(page, 'nesterov')).toHaveAttribute('data-steps', '83');
    await expect(page.locator('.opt-table caption')).toContainText('‖∇L‖ < 10⁻³');
    await expect(page.getByTestId('opt-diverged')).toHaveText(
      lang === 'ru'
        ? 'Градиентный спуск: расходится на шаге 3: на этой параболе градиентному спуску нужно η < 2/κ = 0.2 (сейчас η = 0.8)'
        : 'Gradient descent: diverged at step 3: for this quadratic gradient descent needs η < 2/κ = 0.2 (now η = 0.8)',
    );
    // The whole run is shown: momentum settles last, ten more steps show it at rest.
    await expect(page.getByTestId('player-step')).toHaveText(lang === 'ru' ? 'Шаг 192 из 192' : 'Step 192 of 192');
    await expect(page.getByTestId('opt-start')).toHaveText('w₀ = (−4, 1.5)');
    await expect(page.locator('.opt-classic')).toHaveText('η·(1 − γ) = 0.08');
    await screenshot(page, `optimization-${lang}`);

    // γ = 0.8: momentum settles sooner, Nesterov breaks its bound.
    await page.locator('#opt-gamma-number').fill('0.8');
    await page.locator('#opt-gamma-number').press('Enter');
    await expect(steps(page, 'momentum')).toHaveAttribute('data-steps', '89');
    await expect(steps(page, 'nesterov')).toHaveAttribute('data-steps', 'diverged');
    await expect(steps(page, 'gd')).toHaveAttribute('data-steps', 'diverged');
    await expect(page.getByTestId('opt-diverged').nth(1)).toContainText('0.692');
    expect(query(page)).toBe('g=0.8');
    // Something that is not a number is refused inline, in the page's language.
    await page.locator('#opt-gamma-number').fill('x');
    await page.locator('#opt-gamma-number').press('Enter');
    await expect(page.locator('#opt-gamma-error')).toContainText(lang === 'ru' ? 'Введите число от 0' : 'Enter a number from 0');
    expect(query(page)).toBe('g=0.8');
  });

  test(`optimization in ${lang}: a click and the arrow keys move the start`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 1000 });
    await openSection(page, 'optimization', lang);
    await mapDrawn(page);
    const canvas = page.getByTestId('opt-map').locator('canvas');
    const box = (await canvas.boundingBox())!;
    // Right of the centre, a little above it: w₁ > 0, w₂ > 0.
    await canvas.click({ position: { x: box.width * 0.72, y: box.height * 0.3 } });
    const start = page.getByTestId('opt-start');
    await expect(start).not.toHaveText('w₀ = (−4, 1.5)');
    const read = async () => {
      const text = (await start.innerText()).replace(/−/g, '-');
      const m = text.match(/\(([-\d.]+), ([-\d.]+)\)/)!;
      return [Number(m[1]), Number(m[2])];
    };
    const [w1, w2] = await read();
    expect(w1).toBeGreaterThan(0.5);
    expect(w1).toBeLessThan(5);
    expect(w2).toBeGreaterThan(0);
    expect(query(page)).toContain(`w=${w1},${w2}`);
    // Every path starts there, so the counts change with it.
    await expect(page.getByTestId('player-step')).not.toHaveText(/192/);
    // Arrow keys on the focused map move it by 0.1 (the player keys stay quiet).
    await canvas.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowUp');
    const [v1, v2] = await read();
    expect(v1).toBeCloseTo(w1 - 0.1, 6);
    expect(v2).toBeCloseTo(w2 + 0.1, 6);
    await screenshot(page, `optimization-moved-${lang}`);
  });

  test(`optimization in ${lang}: the written update matches the point shown, step by step`, async ({ page }) => {
    await openSection(page, 'optimization', lang, 't=2');
    await mapDrawn(page);
    await expect(page.getByTestId('player-step')).toHaveText(lang === 'ru' ? 'Шаг 2 из 192' : 'Step 2 of 192');
    const nesterov = page.getByTestId('opt-written-nesterov').locator('li');
    await expect(nesterov).toHaveText([
      'w − ηγν = (−3.68, 0.3) − 0.72·(−0.4, 1.5) = (−3.392, −0.78)',
      '∇L(w − ηγν) = (−3.392, −7.8)',
      'ν = 0.9·(−0.4, 1.5) + 0.1·(−3.392, −7.8) = (−0.699, 0.57)',
      'w = (−3.68, 0.3) − 0.8·(−0.699, 0.57) = (−3.121, −0.156)',
    ]);
    for (const method of ['gd', 'momentum', 'nesterov']) {
      await expect(page.getByTestId(`opt-point-${method}`)).toHaveText(await writtenResult(page, method));
    }
    await expect(page.getByTestId('opt-point-momentum')).toHaveText('(−3.098, −1.02)');
    // → steps on (the page-wide player key) and the update follows.
    await page.locator('main h1').click();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('player-step')).toHaveText(lang === 'ru' ? 'Шаг 3 из 192' : 'Step 3 of 192');
    expect(query(page)).toBe('t=3');
    for (const method of ['momentum', 'nesterov']) {
      await expect(page.getByTestId(`opt-point-${method}`)).toHaveText(await writtenResult(page, method));
    }
    // Gradient descent diverged at step 3: its path ended at step 2.
    await expect(page.getByTestId('opt-written-gd')).toContainText(lang === 'ru' ? 'разошёлся' : 'diverged');
    // The step is announced to screen readers while paused.
    await expect(page.getByTestId('opt-announce')).toContainText(lang === 'ru' ? 'Шаг 3 из 192' : 'Step 3 of 192');
    await expect(page.getByTestId('opt-announce')).toHaveAttribute('aria-live', 'polite');
  });

  test(`optimization in ${lang}: the other surfaces, Adam and RMSProp, presenter mode and a phone`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openSection(page, 'optimization', lang, 'present=1');
    await mapDrawn(page);
    await noSidewaysScroll(page);
    await screenshot(page, `optimization-present-${lang}`);
    await page.getByTestId('opt-surface-wells').click();
    await expect(page.getByTestId('opt-formula')).toHaveText('L(w) = (w₁² − 4)²/8 + w₁/2 + w₂²/2');
    await page.getByTestId('opt-adaptive').check();
    await expect(page.getByTestId('opt-steps-adam')).toHaveAttribute('data-steps', /^(\d+|unsettled)$/);
    await expect(page.getByTestId('opt-steps-rmsprop')).toBeVisible();
    expect(query(page)).toContain('s=wells');
    expect(query(page)).toContain('ada=1');
    await mapDrawn(page);
    await screenshot(page, `optimization-wells-${lang}`);
    await page.getByTestId('opt-surface-rosenbrock').click();
    await expect(page.getByTestId('opt-start')).toHaveText('w₀ = (−1.5, 2)');
    await page.setViewportSize({ width: 390, height: 844 });
    await openSection(page, 'optimization', lang);
    await mapDrawn(page);
    await noSidewaysScroll(page);
    await screenshot(page, `optimization-phone-${lang}`);
  });
}
