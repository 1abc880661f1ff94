// The classroom: presenter mode legible from the back row at 1280×720 and 1920×1080 (screenshots
// of every section in RU and EN), the convolution lab's cells measured, axe-core on every section
// (both languages, both modes), reduced motion, touch and pen strokes in Draw, the phone layout,
// and the lecture-fidelity details (slides named, clamp notes, the one output-size formula, η notes).
// The sections come from the header's links, so new sections are covered once they are in the nav.
// Screenshots: tests/output/classroom-*.png.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { test, expect, openSection, screenshot, LANGS, type Lang } from './fixtures';
import type { Page } from '@playwright/test';

const requireFromHere = createRequire(__filename);
/** axe-core from node_modules: injected from disk, never fetched from the network. */
const AXE_PATH = requireFromHere.resolve('axe-core/axe.min.js');

/** The section slugs in the header's order (the lecture's). */
async function navSlugs(page: Page): Promise<string[]> {
  await openSection(page, 'conv', 'en');
  return page.locator('nav.site-nav a').evaluateAll((links) => links.map((a) => a.getAttribute('data-section') ?? ''));
}

/** Lets the page settle: the heading, plus the pretrained network in Draw. */
async function settle(page: Page, slug: string): Promise<void> {
  await expect(page.locator('main h1')).toBeVisible();
  if (slug === 'draw') await expect(page.locator('.draw-arch')).toBeVisible({ timeout: 30_000 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(innerWidth);
}

/** axe-core evaluated through the DevTools protocol: a <script> tag would be refused by the page's CSP. */
async function injectAxe(page: Page) {
  await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
}

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] };

async function seriousViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await injectAxe(page);
  const violations: AxeViolation[] = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test.describe('presenter mode', () => {
  for (const [width, height] of [[1280, 720], [1920, 1080]] as const) {
    for (const lang of LANGS) {
      test(`every section at ${width}×${height}, large type, no sideways scroll (${lang})`, async ({ page }) => {
        test.setTimeout(180_000);
        const slugs = await navSlugs(page);
        await page.setViewportSize({ width, height });
        for (const slug of slugs) {
          await openSection(page, slug, lang, 'present=1');
          await settle(page, slug);
          await expect(page.locator('html')).toHaveClass(/present/);
          const body = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
          expect(body, `${slug}: body font size`).toBeGreaterThanOrEqual(22);
          await noSidewaysScroll(page);
          // The slides are named; the secondary prose is folded behind the toggle.
          await expect(page.getByTestId('slide-ref')).toBeVisible();
          await expect(page.getByTestId('prose-toggle')).toHaveAttribute('aria-expanded', 'false');
          await page.screenshot({ path: `tests/output/classroom-present-${slug}-${width}-${lang}.png` });
        }
      });
    }
  }

  test('1280×720: the lab\'s cells are ≥ 44 px and its written sum ≥ 28 px; pooling likewise', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openSection(page, 'conv', 'en', 'present=1');
    for (const grid of ['input-grid-0', 'output-grid-0']) {
      const cell = page.getByTestId(grid).locator('.grid-cell').first();
      const box = await cell.boundingBox();
      expect(box, grid).not.toBeNull();
      expect(box!.width, `${grid} cell width`).toBeGreaterThanOrEqual(44);
      expect(box!.height, `${grid} cell height`).toBeGreaterThanOrEqual(44);
    }
    const sum = await page.getByTestId('written-sum').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(sum).toBeGreaterThanOrEqual(28);
    // The main figure uses the width: input, kernel and output side by side in one row.
    const tops = await Promise.all(['input-grid-0', 'kernel-grid-0', 'output-grid-0'].map(async (id) => (await page.getByTestId(id).boundingBox())!.y));
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(80);

    await openSection(page, 'pool', 'en', 'present=1');
    for (const grid of ['pool-input', 'pool-output']) {
      const box = await page.getByTestId(grid).locator('.grid-cell').first().boundingBox();
      expect(box!.width, `${grid} cell width`).toBeGreaterThanOrEqual(44);
    }
    const written = await page.getByTestId('pool-written').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(written).toBeGreaterThanOrEqual(28);
  });

  test('the "details" toggle unfolds the prose from the keyboard and stays between sections', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openSection(page, 'conv', 'ru', 'present=1');
    const intro = page.getByTestId('conv-intro');
    await expect(intro).toBeHidden();
    const toggle = page.getByTestId('prose-toggle');
    await expect(toggle).toHaveText(/Показать пояснения/);
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(intro).toBeVisible();
    await expect(intro).toContainText('O = (I − F + 2P) / S + 1');
    await page.keyboard.press('Space');
    await expect(intro).toBeHidden();
    await page.keyboard.press('Space');
    await page.locator('main h1').click();
    await page.keyboard.press('PageDown');
    await expect(page).toHaveURL(/#\/pool\?lang=ru&present=1/);
    await expect(page.locator('main .intro').first()).toBeVisible();
    // Normal mode never folds anything.
    await openSection(page, 'conv', 'ru', 'present=0');
    await expect(page.getByTestId('prose-toggle')).toHaveCount(0);
    await expect(page.getByTestId('conv-intro')).toBeVisible();
  });
});

test.describe('accessibility (axe-core)', () => {
  for (const lang of LANGS) {
    for (const present of [false, true]) {
      test(`every section: no serious or critical violation (${lang}, ${present ? 'presenter' : 'normal'})`, async ({ page }) => {
        test.setTimeout(180_000);
        const slugs = await navSlugs(page);
        await page.setViewportSize({ width: 1280, height: 720 });
        const found: string[] = [];
        for (const slug of slugs) {
          await openSection(page, slug, lang, present ? 'present=1' : '');
          await settle(page, slug);
          for (const v of await seriousViolations(page)) found.push(`${slug}: ${v}`);
        }
        expect(found).toEqual([]);
      });
    }
  }

  test('the open views of the lab and an RGB input pass too', async ({ page }) => {
    await openSection(page, 'conv', 'en', 'ch=3');
    await settle(page, 'conv');
    for (const id of ['view-why', 'view-im2col', 'view-realimage']) {
      const button = page.getByTestId(id);
      if ((await button.getAttribute('aria-expanded')) === 'false') await button.click();
    }
    await injectAxe(page);
    for (const v of await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { failureSummary?: string; html: string }[] }[] }> } }).axe;
      return (await axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => `${v.id}: ${v.nodes[0].html} ${v.nodes[0].failureSummary}`);
    })) console.log(v);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test.describe('announcements', () => {
  test('the convolution step is announced when stepped or paused, not while playing', async ({ page }) => {
    await openSection(page, 'conv', 'en');
    const live = page.getByTestId('sum-announce');
    await expect(live).toHaveAttribute('aria-live', 'polite');
    await expect(live).toHaveText(/^cell \[1, 1\]: .+ = \S+$/);
    // The visible sum is not a live region itself (it would speak every tick).
    await expect(page.getByTestId('written-sum')).not.toHaveAttribute('aria-live', /.+/);
    await page.getByTestId('player-play').click();
    await expect(page.getByTestId('player-play')).toHaveAttribute('aria-pressed', 'true');
    await expect(live).toHaveText('');
    await page.getByTestId('player-play').click();
    await expect(page.getByTestId('player-play')).toHaveAttribute('aria-pressed', 'false');
    await expect(live).toHaveText(/^cell \[\d, \d\]: .+ = \S+$/);
    await page.keyboard.press('ArrowRight');
    await expect(live).toContainText(/cell \[\d, \d\]/);
    // Only one polite region speaks in the lab's stage.
    expect(await page.locator('.section-conv [aria-live="polite"]').count()).toBe(1);

    await openSection(page, 'pool', 'en');
    const poolLive = page.getByTestId('pool-announce');
    await expect(poolLive).toHaveText('cell [1, 1]: max(1, 1, 5, 6) = 6');
    await page.getByTestId('player-play').click();
    await expect(poolLive).toHaveText('');
  });
});

test.describe('reduced motion', () => {
  test('Play and Space move one plain step, nothing animates, no transitions', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    for (const lang of LANGS as Lang[]) {
      await openSection(page, 'conv', lang);
      const play = page.getByTestId('player-play');
      await expect(play).toHaveAttribute('data-reduced-motion', 'true');
      await expect(page.getByTestId('player-reduced')).toBeVisible();
      const step = page.getByTestId('player-step');
      await expect(step).toHaveText(lang === 'en' ? 'Step 1 of 25' : 'Шаг 1 из 25');
      await play.click();
      await expect(step).toHaveText(lang === 'en' ? 'Step 2 of 25' : 'Шаг 2 из 25');
      await expect(play).toHaveAttribute('aria-pressed', 'false');
      await page.locator('main h1').click();
      await page.keyboard.press('Space');
      await expect(step).toHaveText(lang === 'en' ? 'Step 3 of 25' : 'Шаг 3 из 25');
      await expect(play).toHaveAttribute('aria-pressed', 'false');
      // Stepped, not playing: the step is announced.
      await expect(page.getByTestId('sum-announce')).toContainText(lang === 'en' ? 'cell [1, 3]' : 'клетка [1, 3]');
      const transitions = await page.evaluate(() =>
        [...document.querySelectorAll('button, .grid-cell, a, input')].map((el) => getComputedStyle(el).transitionDuration),
      );
      expect(transitions.every((d) => d.split(',').every((x) => parseFloat(x) === 0))).toBe(true);
      await screenshot(page, `classroom-reduced-motion-${lang}`);
    }
    // Without the preference the same button plays.
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await openSection(page, 'pool', 'en');
    await expect(page.getByTestId('player-play')).toHaveAttribute('data-reduced-motion', 'false');
    await page.getByTestId('player-play').click();
    await expect(page.getByTestId('player-play')).toHaveAttribute('aria-pressed', 'true');
  });
});

/** Dispatches a pointer stroke of `pointerType` over the pad (pad coordinates 0..280). */
async function pointerStroke(page: Page, type: 'touch' | 'pen', points: [number, number][]): Promise<void> {
  await page.getByTestId('draw-pad').evaluate(
    async (pad, { type, points }) => {
      // One frame between events, as a finger or a pen gives the page (the pad re-renders after
      // pointerdown and only then follows that pointer).
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
      const box = pad.getBoundingClientRect();
      const at = ([x, y]: [number, number]) => ({ clientX: box.left + (x / 280) * box.width, clientY: box.top + (y / 280) * box.height });
      const base = { pointerType: type, pointerId: type === 'touch' ? 11 : 12, isPrimary: true, bubbles: true, cancelable: true, composed: true, pressure: 0.5, width: type === 'touch' ? 20 : 1, height: type === 'touch' ? 20 : 1 };
      pad.dispatchEvent(new PointerEvent('pointerdown', { ...base, ...at(points[0]), button: 0, buttons: 1 }));
      await frame();
      for (let i = 1; i < points.length; i++) {
        const [x0, y0] = points[i - 1];
        const [x1, y1] = points[i];
        for (let k = 1; k <= 6; k++) {
          const p: [number, number] = [x0 + ((x1 - x0) * k) / 6, y0 + ((y1 - y0) * k) / 6];
          pad.dispatchEvent(new PointerEvent('pointermove', { ...base, ...at(p), button: -1, buttons: 1 }));
          await frame();
        }
      }
      pad.dispatchEvent(new PointerEvent('pointerup', { ...base, ...at(points[points.length - 1]), button: 0, buttons: 0, pressure: 0 }));
    },
    { type, points },
  );
}

test.describe('touch and pen', () => {
  for (const [type, digit, points] of [
    ['touch', '1', [[142, 45], [140, 140], [138, 235]]],
    ['pen', '7', [[75, 55], [145, 55], [205, 55], [170, 140], [130, 235]]],
  ] as const) {
    test(`a ${type} stroke on a phone draws a ${digit} that is recognised`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: 390, height: 844 });
      await openSection(page, 'draw', 'en');
      await settle(page, 'draw');
      await page.getByTestId('draw-pad').scrollIntoViewIfNeeded();
      await pointerStroke(page, type, points.map((p) => [p[0], p[1]] as [number, number]));
      const prediction = page.getByTestId('draw-prediction');
      await expect(prediction).toBeVisible({ timeout: 20_000 });
      await expect(prediction).toHaveAttribute('data-digit', digit, { timeout: 20_000 });
      await expect(page.getByTestId('draw-undo')).toBeEnabled();
      await noSidewaysScroll(page);
      await screenshot(page, `classroom-${type}-draw`);
    });
  }
});

test.describe('a student\'s phone (390×844)', () => {
  test.use({ hasTouch: true });
  for (const lang of LANGS) {
    test(`every section without sideways scrolling (${lang})`, async ({ page }) => {
      test.setTimeout(180_000);
      const slugs = await navSlugs(page);
      await page.setViewportSize({ width: 390, height: 844 });
      for (const slug of slugs) {
        await openSection(page, slug, lang);
        await settle(page, slug);
        await noSidewaysScroll(page);
        await screenshot(page, `classroom-phone-${slug}-${lang}`);
      }
      // The lab's controls work by tapping: the stride's + button, then a typed size.
      await openSection(page, 'conv', lang);
      await page.getByTestId('set-s').getByRole('button').last().tap();
      await expect(page.getByTestId('size-both-formula')).toHaveText('⌊(7 − 3 + 2·0) / 2⌋ + 1 = 3');
      await noSidewaysScroll(page);
      // Presenter mode on a phone still fits, in every section.
      for (const slug of slugs) {
        await openSection(page, slug, lang, 'present=1');
        await settle(page, slug);
        await noSidewaysScroll(page);
      }
    });
  }
});

test.describe('lecture fidelity', () => {
  test('each section names its lecture slides in the lecture\'s titles', async ({ page }) => {
    await openSection(page, 'conv', 'ru');
    const ref = page.getByTestId('slide-ref');
    await expect(ref).toContainText('«Операция свёртки (convolution) в нейронных сетях»');
    await expect(ref).toContainText('«Дополнение (padding) и шаг (stride)»');
    await expect(ref).toContainText('«Считаем размер выхода»');
    await openSection(page, 'conv', 'en');
    await expect(ref).toContainText('“Computing the output size”');
    const slugs = await navSlugs(page);
    for (const slug of slugs) {
      for (const lang of LANGS) {
        await openSection(page, slug, lang);
        await expect(ref).toContainText(lang === 'ru' ? /Слайды лекции: «.+»/ : /Lecture slides: “.+”/);
      }
    }
    await openSection(page, 'pool', 'ru');
    await expect(ref).toContainText('«Пулинг (pooling, субдискретизация)»');
  });

  test('the slide\'s output-size example is a preset: I = 5, F = 3, S = 1, P = 0 → 3×3', async ({ page }) => {
    await openSection(page, 'conv', 'en', 'p=2&s=2');
    await page.getByTestId('input-preset-slidesize').click();
    await expect(page.getByTestId('size-both-formula')).toHaveText('(5 − 3 + 2·0) / 1 + 1 = 3');
    await expect(page.getByTestId('size-result')).toHaveText('Output: 3 × 3');
    await expect(page.locator('.size-general')).toHaveText('O = (I − F + 2P) / S + 1');
    await expect(page.getByTestId('output-grid-0').locator('.grid-cell')).toHaveCount(9);
    // With a stride the general form writes the floor, the same as the filled-in line.
    await page.getByTestId('set-s').getByRole('button').last().click();
    await expect(page.locator('.size-general')).toHaveText('O = ⌊(I − F + 2P) / S⌋ + 1');
    await expect(page.getByTestId('size-both-formula')).toHaveText('⌊(5 − 3 + 2·0) / 2⌋ + 1 = 2');
    await screenshot(page, 'classroom-slide-size-en');
  });

  test('a typed value out of range is clamped with a visible note (RU and EN)', async ({ page }) => {
    for (const lang of LANGS as Lang[]) {
      await openSection(page, 'conv', lang);
      const input = page.getByTestId('set-in').locator('input');
      await input.fill('40');
      await input.press('Enter');
      await expect(input).toHaveValue('16');
      const note = page.getByTestId('set-in-note');
      await expect(note).toHaveText(lang === 'en' ? 'Input size I: 40 is outside 3–16, so 16 is used.' : 'Размер входа I: 40 вне допустимых значений 3–16, взято 16.');
      const stride = page.getByTestId('set-s').locator('input');
      await stride.fill('9');
      await stride.press('Enter');
      await expect(stride).toHaveValue('4');
      await expect(page.getByTestId('set-s-note')).toContainText(lang === 'en' ? '9 is outside 1–4, so 4 is used.' : '9 вне допустимых значений 1–4, взято 4.');
      // ⌊(16 − 3 + 2·0) / 4⌋ + 1 = 4.
      await expect(page.getByTestId('size-both-formula')).toHaveText('⌊(16 − 3 + 2·0) / 4⌋ + 1 = 4');
      await screenshot(page, `classroom-clamp-${lang}`);
      // A value in range clears the note.
      await page.getByTestId('set-s').getByRole('button').first().click();
      await expect(page.getByTestId('set-s-note')).toHaveCount(0);
    }
  });

  test('a typed text that is no whole number stays in its field with its message (RU and EN)', async ({ page }) => {
    for (const lang of LANGS as Lang[]) {
      await openSection(page, 'conv', lang, 's=2');
      const formula = page.getByTestId('size-both-formula');
      const before = await formula.innerText();
      const stride = page.getByTestId('set-s').locator('input');
      const note = page.getByTestId('set-s-note');
      const label = lang === 'en' ? 'Stride S' : 'Шаг S';
      for (const typed of ['abc', '2.5']) {
        await stride.fill(typed);
        await stride.press('Tab');
        await expect(stride).toHaveValue(typed); // not reverted
        await expect(stride).toHaveAttribute('aria-invalid', 'true');
        await expect(note).toHaveText(lang === 'en'
          ? `${label}: “${typed}” is not a whole number from 1 to 4; 2 stays.`
          : `${label}: «${typed}» — не целое число от 1 до 4; остаётся 2.`);
        await expect(formula).toHaveText(before);
        await expect(page).toHaveURL(/s=2(&|$)/);
      }
      await stride.fill('');
      await stride.press('Tab');
      await expect(note).toHaveText(lang === 'en'
        ? `${label}: type a whole number from 1 to 4; 2 stays meanwhile.`
        : `${label}: введите целое число от 1 до 4; пока остаётся 2.`);
      await screenshot(page, `classroom-refused-${lang}`);
      // Negative and huge whole numbers are clamped, and say so.
      for (const [typed, used] of [['-3', '1'], ['1e9', '4']]) {
        await stride.fill(typed);
        await stride.press('Enter');
        await expect(stride).toHaveValue(used);
        await expect(stride).not.toHaveAttribute('aria-invalid', 'true');
        await expect(note).toHaveText(lang === 'en'
          ? `${label}: ${typed} is outside 1–4, so ${used} is used.`
          : `${label}: ${typed} вне допустимых значений 1–4, взято ${used}.`);
      }
      // The arrow keys step, as in a number field.
      await stride.press('ArrowDown');
      await expect(stride).toHaveValue('3');
      await expect(note).toHaveCount(0);
    }
  });

  test('Grey ↔ RGB keeps sizes, padding, stride and dilation; the real image shows the whole filter', async ({ page }) => {
    await openSection(page, 'conv', 'en', 'in=9&k=2&p=1&s=2&d=2');
    const formula = page.getByTestId('size-both-formula');
    const before = await formula.innerText();
    await page.getByTestId('channels-3').click();
    await expect(formula).toHaveText(before);
    await expect(page.getByTestId('input-grid-2')).toBeVisible();
    await page.getByTestId('channels-1').click();
    await expect(formula).toHaveText(before);

    await page.getByTestId('channels-3').click();
    await page.getByTestId('view-realimage').click();
    const filter = page.getByTestId('real-filter');
    for (const c of [0, 1, 2]) await expect(page.getByTestId(`real-kernel-${c}`)).toBeVisible();
    await expect(filter).toContainText('R + G + B');
    await expect(page.getByTestId('real-panel')).toContainText('sum of its three planes');
    await screenshot(page, 'classroom-real-rgb-en');
  });

  test('the Training table writes the same formula; switching the optimizer says what it did to η', async ({ page }) => {
    for (const lang of LANGS as Lang[]) {
      await openSection(page, 'training', lang);
      await expect(page.getByTestId('spec-general')).toHaveText('O = ⌊(I − F + 2P) / S⌋ + 1');
      await expect(page.getByTestId('spec-table')).toContainText('(24 − 5 + 2·2) / 1 + 1 = 24');
      await page.locator('#training-optimizer').selectOption('adam');
      const note = page.getByTestId('lr-note');
      await expect(note).toContainText(lang === 'en' ? '→ Adam: η' : '→ Adam: η');
      await expect(note).toContainText(lang === 'en' ? '→ 0.001, because' : '→ 0.001, потому что');
      await expect(page.locator('#training-lr')).toHaveValue('0.001');
      await screenshot(page, `classroom-lr-note-${lang}`);
      await page.locator('#training-lr').fill('0.002');
      await page.locator('#training-lr').press('Enter');
      await expect(note).toHaveCount(0);
    }
  });

  test('softplus: the sum as on the slide (from i = 0, → softplus(x + 1)) or the exact midpoint sum', async ({ page }) => {
    for (const lang of LANGS as Lang[]) {
      await openSection(page, 'activations', lang);
      const written = page.getByTestId('act-sum-written');
      await expect(written).toHaveText('f(x) = σ(x − ½) + σ(x − 3/2) + σ(x − 5/2) + … = Σᵢ₌₁ σ(x + ½ − i) → softplus(x)');
      const gap = page.getByTestId('act-sum-gap-value');
      const midpointGap = await gap.innerText();
      await page.getByTestId('act-sum-slide').check();
      await expect(written).toHaveText('f(x) = σ(x + ½) + σ(x − ½) + σ(x − 3/2) + … = Σᵢ₌₀ σ(x + ½ − i) → softplus(x + 1)');
      await expect(page).toHaveURL(/sum=slide/);
      // The legend and the gap readout name the limit of the sum shown, not ln(1 + eˣ).
      await expect(page.getByTestId('act-sum-limit')).toContainText('softplus(x + 1) = ln(1 + eˣ⁺¹)');
      await expect(page.getByTestId('act-sum-gap')).toContainText('|f_N(x) − softplus(x + 1)|');
      await expect(page.getByTestId('act-sum-why')).toContainText(lang === 'en' ? 'tends to softplus(x + 1)' : 'стремится к softplus(x + 1)');
      // Measured against its own limit, the slide's sum is as close as the midpoint sum one unit further right.
      await expect(gap).not.toHaveText('');
      await screenshot(page, `classroom-softplus-slide-${lang}`);
      await page.getByTestId('act-sum-midpoint').check();
      await expect(gap).toHaveText(midpointGap);
      await expect(page.getByTestId('act-sum-limit')).toContainText('softplus(x) = ln(1 + eˣ)');
    }
  });
});
