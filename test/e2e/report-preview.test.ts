import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useServedReview } from './support/served-review.ts';

// Issue 12 item 8: the report preview matches the page. At 1440 px the A4 landscape sheet
// is shown whole (scaled to fit, not clipped on the right); in portrait the table stays
// inside the paper's edge in the preview, as it does in the PDF.

const review = useServedReview();

async function openReports(width: number): Promise<Page> {
  const page = await review.browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(review.served.url);
  await page.getByLabel('Title', { exact: true }).waitFor();
  await page.keyboard.press('Alt+7');
  await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
  return page;
}

async function box(l: Locator) {
  const b = await l.boundingBox();
  if (!b) throw new Error('not visible');
  return b;
}

/** The first panel's preview: the scrolling wrapper, the sheet and the table on it. */
function preview(page: Page) {
  const sheet = page.getByRole('region', { name: /print preview$/ }).first();
  return { sheet, wrap: sheet.locator('xpath=ancestor::div[contains(@class, "rp-paper-wrap")][1]'), table: sheet.locator('table').first() };
}

describe('the report preview (e2e)', () => {
  it('shows the whole A4 landscape sheet at 1440 px, scaled to fit', async () => {
    const page = await openReports(1440);
    try {
      await page.getByLabel('Orientation').first().selectOption('landscape');
      const { sheet, wrap } = preview(page);
      await expect
        .poll(async () => (await box(sheet)).x + (await box(sheet)).width)
        .toBeLessThanOrEqual((await box(wrap)).x + (await box(wrap)).width);
      // Nothing to scroll to: the sheet is not clipped.
      const overflow = await wrap.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      // Still the shape of A4 landscape (297 × 210): scaled, not squeezed.
      const scale = await sheet.evaluate((el) => Number(getComputedStyle(el).zoom || '1'));
      expect(scale).toBeLessThan(1);
    } finally {
      await page.close();
    }
  });

  it('keeps the table inside the paper in portrait', async () => {
    const page = await openReports(1440);
    try {
      await page.getByLabel('Orientation').first().selectOption('portrait');
      const { sheet, table } = preview(page);
      await expect
        .poll(async () => {
          const s = await box(sheet);
          const t = await box(table);
          return t.x + t.width <= s.x + s.width - 1;
        })
        .toBe(true);
    } finally {
      await page.close();
    }
  });
});
