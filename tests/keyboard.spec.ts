// Keyboard and screen-reader pass: in Convolution, Pooling, Activations and Draw, Tab reaches
// every enabled control of the section, each with a visible focus ring and an accessible name,
// in RU and EN. Screenshots of a focused control: tests/output/keyboard-<section>-<lang>.png.
import { test, expect, openSection, screenshot, LANGS, type Page } from './fixtures';

type Stop = { id: string; name: string; ring: boolean; inMain: boolean };

/** Marks every enabled, visible, tabbable control of the section with a data-kb id; returns the ids. */
async function tabbables(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, [tabindex], canvas[tabindex], summary';
    const out: string[] = [];
    let n = 0;
    const section = document.querySelector('main h1')!.closest('section')!;
    for (const el of Array.from(section.querySelectorAll<HTMLElement>(selector))) {
      const style = getComputedStyle(el);
      const hidden = el.offsetParent === null && style.position !== 'fixed';
      if ((el as HTMLButtonElement).disabled || el.tabIndex < 0 || hidden || style.visibility === 'hidden') continue;
      // Radio groups are one Tab stop: only the checked radio (or the first) is reached.
      if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
        const group = Array.from(document.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${el.name}"]`));
        const stop = group.find((r) => r.checked) ?? group[0];
        if (stop !== el) continue;
      }
      el.dataset.kb = String(n++);
      out.push(el.dataset.kb);
    }
    return out;
  });
}

/** What has focus: its data-kb id, a computed accessible name and whether a focus ring shows. */
async function focused(page: Page): Promise<Stop> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { id: '', name: '', ring: false, inMain: false };
    const byIds = (ids: string | null) =>
      (ids ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    const labels = (el as HTMLInputElement).labels
      ? Array.from((el as HTMLInputElement).labels ?? []).map((l) => l.textContent ?? '').join(' ')
      : '';
    const name = [el.getAttribute('aria-label'), byIds(el.getAttribute('aria-labelledby')), labels,
      el.getAttribute('title'), ['BUTTON', 'A', 'SUMMARY'].includes(el.tagName) ? el.textContent : '']
      .map((t) => (t ?? '').trim()).find((t) => t.length > 0) ?? '';
    const style = getComputedStyle(el);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
      || (style.boxShadow !== 'none' && style.boxShadow !== '');
    return { id: el.dataset.kb ?? '', name, ring, inMain: !!el.closest('section.section') };
  });
}

/** Tabs from the section's heading through the whole section; returns the stops inside it. */
async function tabThrough(page: Page, expected: number): Promise<Stop[]> {
  await page.locator('main h1').click(); // start inside the section, as after "skip to content"
  const stops: Stop[] = [];
  let left = false;
  for (let i = 0; i < expected + 40 && !left; i++) {
    await page.keyboard.press('Tab');
    const stop = await focused(page);
    if (stop.inMain) stops.push(stop);
    else if (stops.length > 0) left = true;
  }
  return stops;
}

const SECTIONS: { slug: string; query: string; ready: (page: Page) => Promise<void> }[] = [
  { slug: 'conv', query: 'why=1&im2col=1&real=1', ready: async (page) => {
    await expect(page.getByTestId('output-grid-0')).toBeVisible();
  } },
  { slug: 'pool', query: 'back=1', ready: async (page) => {
    await expect(page.getByTestId('pool-backward')).toBeVisible();
  } },
  { slug: 'activations', query: '', ready: async (page) => {
    await expect(page.getByTestId('act-curves-chart')).toHaveAttribute('data-drawn', 'true');
  } },
  { slug: 'optimization', query: 'ada=1&sigma=0.2', ready: async (page) => {
    await expect(page.getByTestId('opt-map')).toHaveAttribute('data-drawn', 'true');
  } },
  { slug: 'draw', query: '', ready: async (page) => {
    await expect(page.getByTestId('draw-picker-load')).toBeEnabled({ timeout: 30_000 });
  } },
];

for (const lang of LANGS) {
  for (const section of SECTIONS) {
    test(`keyboard: Tab reaches every control of ${section.slug}, labelled, with a focus ring (${lang})`, async ({ page }) => {
      test.setTimeout(120_000);
      await openSection(page, section.slug, lang, section.query);
      await section.ready(page);
      const all = await tabbables(page);
      expect(all.length).toBeGreaterThan(3);
      const stops = await tabThrough(page, all.length);
      const unnamed = stops.filter((s) => s.name === '').map((s) => s.id);
      const noRing = stops.filter((s) => !s.ring).map((s) => s.id);
      const reached = new Set(stops.map((s) => s.id));
      const missed = all.filter((id) => !reached.has(id));
      const describe = (ids: string[]) => page.evaluate((ids) => ids.map((id) => {
        const el = document.querySelector(`[data-kb="${id}"]`);
        return el ? el.outerHTML.slice(0, 160) : `#${id}`;
      }), ids);
      expect(await describe(unnamed), 'controls without an accessible name').toEqual([]);
      expect(await describe(noRing), 'controls without a visible focus ring').toEqual([]);
      expect(await describe(missed), 'controls Tab never reaches').toEqual([]);
      // Leave focus in the middle of the section and show it.
      for (let i = 0; i < Math.min(6, stops.length); i++) await page.keyboard.press('Shift+Tab');
      await screenshot(page, `keyboard-${section.slug}-${lang}`);
    });
  }
}
