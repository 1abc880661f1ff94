// A tour of every section that proves each one works, not only renders: the lab computes, the
// training trains, the pad classifies. Shared by the CSP, sub-path and offline specs.
import { expect, SECTIONS, type Lang } from './fixtures';
import type { Page } from '@playwright/test';

/** Pad coordinates are 0..280 on both axes (the raster size), whatever the CSS size. */
const PAD = 280;

async function drawOne(page: Page) {
  const pad = page.getByTestId('draw-pad');
  const box = await pad.boundingBox();
  if (!box) throw new Error('the pad has no box');
  const at = (x: number, y: number): [number, number] => [box.x + (x / PAD) * box.width, box.y + (y / PAD) * box.height];
  await page.mouse.move(...at(142, 45));
  await page.mouse.down();
  await page.mouse.move(...at(140, 140), { steps: 6 });
  await page.mouse.move(...at(138, 235), { steps: 6 });
  await page.mouse.up();
  await expect(page.getByTestId('draw-prediction')).toHaveAttribute('data-digit', '1', { timeout: 20_000 });
}

async function trainSome(page: Page) {
  const status = page.getByTestId('status');
  await expect(status).toHaveAttribute('data-status', 'Idle', { timeout: 30_000 });
  await page.getByTestId('train-button').click();
  await expect(status).toHaveAttribute('data-status', 'Running');
  const examples = async () => Number(await page.getByTestId('examples').getAttribute('data-value'));
  await expect.poll(examples, { timeout: 60_000, intervals: [250] }).toBeGreaterThanOrEqual(200);
  await page.getByTestId('train-button').click();
  await expect(status).toHaveAttribute('data-status', 'Idle');
}

/**
 * Visits every section in lecture order through the page's own navigation (one page load), and
 * checks each one does its work. `root` is the site's address relative to baseURL ('/' or an
 * absolute URL for a sub-path); the caller has loaded it or wants it loaded.
 */
export async function tourEverySection(page: Page, lang: Lang, root = '/', load = true) {
  if (load) await page.goto(`${root}#/conv?lang=${lang}`);
  for (const section of SECTIONS) {
    await page.locator(`.site-nav a[data-section="${section.slug}"]`).click();
    await expect(page.locator('main h1')).toHaveText(section.title[lang]);
    switch (section.slug) {
      case 'conv':
        // The lecture's 7×7 image and 3×3 detector: a 5×5 feature map with numbers in it.
        await expect(page.getByTestId('size-result')).toContainText('5 × 5');
        await expect(page.getByTestId('output-grid-0').locator('.grid-value').first()).not.toBeEmpty();
        break;
      case 'training':
        await trainSome(page);
        break;
      case 'draw':
        await expect(page.locator('.draw-arch')).toBeVisible({ timeout: 30_000 });
        await drawOne(page);
        break;
      default:
        break;
    }
  }
}
