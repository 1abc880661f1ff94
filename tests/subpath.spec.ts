// The students' static build (`cargo xtask dist --public-url /cnn/`) served from /cnn/, as on a
// course page: every section loads its code, data and weights from the sub-path and works.
import { test, expect, LANGS } from './fixtures';
import { tourEverySection } from './tour';

const port = Number(process.env.E2E_SUBPATH_PORT ?? Number(process.env.E2E_PORT ?? 4173) + 1);
const root = `http://127.0.0.1:${port}/cnn/`;

for (const lang of LANGS) {
  test(`every section works from /cnn/ (${lang})`, async ({ page }) => {
    test.setTimeout(120_000);
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(root) && request.url().startsWith('http')) outside.push(request.url());
    });
    await tourEverySection(page, lang, root);
    await expect(page).toHaveURL(new RegExp(`^${root}`));
    expect(outside, 'requests outside /cnn/').toEqual([]);
  });
}
