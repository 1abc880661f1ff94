// The Content-Security-Policy of the built page: what it says, and that no section breaks it.
// (The fixtures fail any test on a `securitypolicyviolation`; this spec makes sure every section
// has been through it, working, in both languages.)
import { test, expect, LANGS } from './fixtures';
import { tourEverySection } from './tour';

test('the page carries a strict CSP with the hashes of its inline scripts', async ({ page }) => {
  await page.goto('/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).not.toBeNull();
  const directives = Object.fromEntries(
    csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]),
  );
  expect(directives['default-src']).toEqual(["'self'"]);
  expect(directives['object-src']).toEqual(["'none'"]);
  expect(directives['base-uri']).toEqual(["'none'"]);
  const scripts: string[] = directives['script-src'];
  expect(scripts.slice(0, 2)).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(scripts).not.toContain("'unsafe-inline'");
  // One hash per inline script of the page, and no placeholder left.
  const inline = await page.locator('script:not([src])').count();
  expect(inline).toBeGreaterThan(0);
  expect(scripts.slice(2)).toHaveLength(inline);
  for (const source of scripts.slice(2)) expect(source).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
  // No inline event handlers anywhere in the page.
  const handlers = await page.evaluate(() =>
    [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName}.${a.name}`)),
  );
  expect(handlers).toEqual([]);
});

for (const lang of LANGS) {
  test(`every section works under the CSP (${lang})`, async ({ page }) => {
    test.setTimeout(120_000);
    await tourEverySection(page, lang);
  });
}
