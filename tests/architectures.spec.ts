// The Architectures section: opened from the header, AlexNet's and LeNet-5's tables computed by the
// core (volumes, parameters, multiply-adds), an in-place edit that changes a volume and the totals,
// a spec that does not fit, "Train this" into Training, and screenshots (normal, presenter 1280×720,
// phone 390×844). Screenshots go to tests/output/architectures-*.png.
import { test, expect, openSection, screenshot, LANGS, type Page } from './fixtures';

const table = (page: Page) => page.getByTestId('arch-table');
const totals = (page: Page) => page.getByTestId('arch-totals');
const row = (page: Page, i: number) => page.getByTestId(`arch-row-${i}`);

for (const lang of LANGS) {
  test(`architectures in ${lang}: header link, AlexNet conv1, an edit, screenshots`, async ({ page }) => {
    await openSection(page, 'conv', lang);
    await page.locator('nav.site-nav a[data-section="architectures"]').click();
    await expect(page.locator('main h1')).toHaveText(
      lang === 'ru' ? 'Архитектуры свёрточных сетей' : 'Convolutional architectures');
    await expect(page.getByTestId('arch-timeline').locator('li')).toHaveCount(6);

    // LeNet-5 by default: 61,706 parameters with a full C3.
    await expect(totals(page)).toHaveAttribute('data-params', '61706');
    await expect(totals(page)).toHaveAttribute('data-macs', '416520');
    await expect(row(page, 1)).toHaveAttribute('data-out', '28x28x6');
    await expect(row(page, 5)).toHaveAttribute('data-out', '1x1x120');
    await screenshot(page, `architectures-lenet5-${lang}`);

    await page.getByTestId('arch-preset-alexnet').click();
    await expect(page).toHaveURL(/net=alexnet/);
    await expect(row(page, 1)).toHaveAttribute('data-out', '55x55x96');
    await expect(row(page, 1)).toContainText('55×55×96');
    await expect(row(page, 1)).toContainText('⌊(227 − 11 + 2·0) / 4⌋ + 1 = 55');
    await expect(row(page, 8)).toHaveAttribute('data-out', '6x6x256');
    await expect(totals(page)).toHaveAttribute('data-params', '62378344');
    await expect(totals(page)).toHaveAttribute('data-macs', '1135256096');
    // 224 leaves a remainder, shown as the lab shows it.
    await expect(page.getByTestId('arch-224')).toContainText('⌊(224 − 11 + 2·0) / 4⌋ + 1 = 54');
    await expect(page.getByTestId('arch-shares')).toContainText(lang === 'ru' ? '94,0 %' : '94.0 %');
    await expect(page.getByTestId('arch-chart')).toHaveAttribute('data-drawn', 'true');
    // AlexNet is too large for Training: no "Train this", the core's reason instead.
    await expect(page.getByTestId('arch-train')).toHaveCount(0);
    await expect(page.getByTestId('arch-train-no')).toContainText('62378344');
    await screenshot(page, `architectures-alexnet-${lang}`);

    // conv1 with stride 2: (227 − 11)/2 + 1 = 109, and the totals follow.
    await page.getByTestId('edit-1-stride').fill('2');
    await expect(row(page, 1)).toHaveAttribute('data-out', '109x109x96');
    await expect(totals(page)).not.toHaveAttribute('data-macs', '1135256096');
    await expect(totals(page)).not.toHaveAttribute('data-params', '62378344');
    await expect(page).toHaveURL(/spec=/);
    // The edit is in the link: a reload shows it again.
    await page.reload();
    await expect(row(page, 1)).toHaveAttribute('data-out', '109x109x96');
    await page.getByTestId('arch-restore').click();
    await expect(row(page, 1)).toHaveAttribute('data-out', '55x55x96');

    // A kernel larger than its input explains itself; the rows after it wait.
    await page.getByTestId('arch-spec').fill('input 7x7x1; conv 11x11x4; pool 2; dense 10 softmax');
    await expect(row(page, 1)).toHaveClass(/arch-refused/);
    await expect(row(page, 1)).toContainText(
      lang === 'ru' ? 'ядро 11 больше входа с дополнением 7' : 'kernel 11 is larger than the padded input 7');
    await expect(row(page, 2)).toContainText(lang === 'ru' ? 'ждёт слой 1' : 'waits for layer 1');
    // Unreadable text: the parser's message, no table, no panic.
    await page.getByTestId('arch-spec').fill('input 7x7x1; conv banana');
    await expect(page.getByTestId('arch-spec-error')).toBeVisible();
    await expect(table(page)).toHaveCount(0);
  });

  test(`architectures in ${lang}: "Train this" opens LeNet-5 in Training`, async ({ page }) => {
    await openSection(page, 'architectures', lang, 'net=lenet5');
    const train = page.getByTestId('arch-train');
    await expect(train).toBeVisible();
    await train.click();
    await expect(page.locator('main h1')).toHaveText(lang === 'ru' ? 'Обучение на MNIST' : 'Training on MNIST');
    await expect(page).toHaveURL(/#\/training\?/);
    await expect(page.getByTestId('spec-input')).toHaveValue(/input 28x28x1; conv 5x5x6 pad 2/);
    await expect(page.getByTestId('spec-table')).toContainText('61706');
  });

  test(`architectures in ${lang}: presenter 1280×720 and phone 390×844`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openSection(page, 'architectures', lang, 'net=alexnet&present=1');
    await expect(row(page, 1)).toHaveAttribute('data-out', '55x55x96');
    await screenshot(page, `architectures-present-${lang}`);

    await page.setViewportSize({ width: 390, height: 844 });
    await openSection(page, 'architectures', lang, 'net=alexnet&present=0');
    await expect(row(page, 1)).toHaveAttribute('data-out', '55x55x96');
    // The page itself never scrolls sideways; the wide table scrolls in its own box.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, `architectures-phone-${lang}`);
  });
}
