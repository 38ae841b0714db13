import { describe, expect, it } from 'vitest';
import { useServedReview } from './support/served-review.ts';

// Imported text is data, never HTML: markup typed into (or imported into) a protocol
// field must come back as the same characters, with no element created and no script run.

const XSS = '<img src=x onerror=alert(1)>';

const review = useServedReview();

describe('XSS (e2e)', () => {
  it('shows a protocol field containing markup as text', async () => {
    const page = await review.browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      await page.goto(review.served.url);
      const title = page.getByLabel('Title', { exact: true });
      await title.waitFor();
      await title.fill(XSS);
      await page.getByLabel('Review question').fill(`Question ${XSS}`);
      await page.getByLabel('Review question').blur();
      await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 }).toBe('Saved');

      // Reload: the value now comes from the review file.
      await page.reload();
      await page.getByLabel('Title', { exact: true }).waitFor();
      expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(XSS);
      expect(await page.getByLabel('Review question').inputValue()).toBe(`Question ${XSS}`);
      // The header shows the title as visible text.
      const header = page.locator('.app-header__title');
      await expect.poll(() => header.textContent()).toBe(XSS);
      expect(await header.isVisible()).toBe(true);

      await page.waitForTimeout(500);
      expect(await page.locator('img').count()).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
