import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newReview } from './support/harness.ts';
import { pageRpc } from './support/page-rpc.ts';
import { shot } from './support/shots.ts';
import { useServedReview } from './support/served-review.ts';

// Issue 12, item 6: long lists. A review at the scale of an imported Cochrane review (96
// studies, made through the API) gets a filter box (/ focuses it), a sort and counts in the
// study list, which renders only the rows in view; the Analyses outline has the same filter
// and count; / focuses the Records search too.

const STUDIES = 96;
const review = useServedReview(() => newReview('Ninety-six trials'));

const pad = (i: number) => String(i).padStart(3, '0');

async function fill(page: Page): Promise<void> {
  for (let i = 1; i <= STUDIES; i++) {
    await pageRpc(page, 'studies.create', {
      study: { label: `Trial ${pad(i)} ${2010 + (i % 10)}`, status: i % 8 === 0 ? 'excluded' : 'included', identifiers: '', notes: '' },
    });
  }
  for (const [comparison, outcomes] of [
    ['Drug versus placebo', ['Mortality at 30 days', 'Mortality at 1 year', 'Adverse events', 'Quality of life', 'Pain', 'Function']],
    ['Drug versus exercise', ['Mortality at 30 days', 'Adverse events', 'Quality of life', 'Pain', 'Function', 'Readmission']],
  ] as const) {
    const c = await pageRpc<{ id: string }>(page, 'outline.add', { kind: 'comparison', name: comparison });
    for (const name of outcomes) await pageRpc(page, 'outline.add', { kind: 'outcome', comparisonId: c.id, name, dataType: 'dichotomous' });
  }
}

describe('long lists (e2e)', () => {
  it('filters, sorts and counts 96 studies with only the rows in view rendered, and filters the outline', async () => {
    const page = await review.browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await page.goto(review.served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      await fill(page);
      await page.reload();
      await page.getByLabel('Title', { exact: true }).waitFor();

      await page.keyboard.press('Alt+4');
      await page.getByRole('heading', { level: 1, name: 'Studies & data' }).waitFor();
      const count = page.getByTestId('studies-count');
      await expect.poll(() => count.textContent()).toBe(`${STUDIES} studies, 0 reports`);
      // Virtualised: far fewer rows in the page than studies, and the last one is reached by scrolling.
      const rendered = await page.locator('button.study-row').count();
      expect(rendered).toBeGreaterThan(5);
      expect(rendered).toBeLessThan(STUDIES);
      await page.getByRole('button', { name: 'Trial 001 2011' }).focus();
      await page.keyboard.press('End');
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Trial 096 2016');

      // `/` focuses the filter from anywhere outside a text field.
      await page.getByRole('heading', { level: 1, name: 'Studies & data' }).click();
      await page.keyboard.press('/');
      const filter = page.getByRole('searchbox', { name: 'Filter studies' });
      await expect.poll(() => filter.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type('trial 05');
      // Every word anywhere in the label: "05" is in Trial 005 and Trial 050 to 059.
      await expect.poll(() => count.textContent()).toBe(`11 of ${STUDIES} studies, 0 reports`);
      expect(await page.locator('button.study-row').allTextContents()).toEqual(
        [5, ...Array.from({ length: 10 }, (_, i) => 50 + i)].map((i) => `Trial ${pad(i)} ${2010 + (i % 10)}`),
      );
      await filter.fill('excluded');
      await expect.poll(() => count.textContent()).toBe(`12 of ${STUDIES} studies, 0 reports`);
      await filter.press('Escape');
      await expect.poll(() => count.textContent()).toBe(`${STUDIES} studies, 0 reports`);

      await page.getByRole('combobox', { name: 'Sort studies' }).selectOption('label-desc');
      await expect.poll(() => page.locator('button.study-row').first().textContent()).toBe('Trial 096 2016');
      await shot(page, 'long-lists-studies');

      // The Analyses outline: filter and count.
      await page.keyboard.press('Alt+6');
      await page.getByRole('heading', { level: 1, name: 'Analyses' }).waitFor();
      const outlineCount = page.getByTestId('outline-count');
      await expect.poll(() => outlineCount.textContent()).toBe('12 outcomes');
      await page.getByRole('heading', { level: 1, name: 'Analyses' }).click();
      await page.keyboard.press('/');
      const outlineFilter = page.getByRole('searchbox', { name: 'Filter outcomes' });
      await expect.poll(() => outlineFilter.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type('mortality');
      await expect.poll(() => outlineCount.textContent()).toBe('3 of 12 outcomes');
      const tree = page.getByRole('tree', { name: 'Comparisons and outcomes' });
      expect(await tree.getByRole('treeitem').allTextContents()).toEqual([
        '1 Drug versus placebo CMP-001',
        '1.1 Mortality at 30 days CMP-001.01',
        '1.2 Mortality at 1 year CMP-001.02',
        '2 Drug versus exercise CMP-002',
        '2.1 Mortality at 30 days CMP-002.01',
      ]);
      await shot(page, 'long-lists-outline');

      // Records: / focuses its search box.
      await page.keyboard.press('Alt+2');
      await page.getByRole('heading', { level: 1, name: 'Records' }).click();
      await page.keyboard.press('/');
      await expect.poll(() => page.getByLabel('Search', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('renders only the outline items in view once the outline is long, and reaches the last by keyboard', async () => {
    const page = await review.browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await page.goto(review.served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      const c = await pageRpc<{ id: string }>(page, 'outline.add', { kind: 'comparison', name: 'Drug versus usual care' });
      for (let i = 1; i <= 90; i++)
        await pageRpc(page, 'outline.add', { kind: 'outcome', comparisonId: c.id, name: `Outcome ${pad(i)}`, dataType: 'continuous' });
      await page.reload();
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+6');
      await page.getByRole('heading', { level: 1, name: 'Analyses' }).waitFor();
      await expect.poll(() => page.getByTestId('outline-count').textContent()).toBe('102 outcomes');
      const tree = page.getByRole('tree', { name: 'Comparisons and outcomes' });
      const rendered = await tree.getByRole('treeitem').count();
      expect(rendered).toBeGreaterThan(10);
      expect(rendered).toBeLessThan(105); // 3 comparisons + 102 outcomes
      // Every rendered item still says where it is in the whole tree.
      const last = tree.getByRole('treeitem').first();
      expect(await last.getAttribute('aria-setsize')).toBe('3');
      // The last outcome is not in the page until the keyboard reaches it.
      expect(await tree.getByRole('treeitem', { name: /Outcome 090/ }).count()).toBe(0);
      await tree.getByRole('treeitem').first().focus();
      await page.keyboard.press('End');
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('3.90 Outcome 090 CMP-003.90');
      await page.keyboard.press('ArrowUp');
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('3.89 Outcome 089 CMP-003.89');
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('3 Drug versus usual care CMP-003');
      await page.keyboard.press('Home');
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('1 Drug versus placebo CMP-001');
      await shot(page, 'long-lists-outline-virtual');
    } finally {
      await page.close();
    }
  });
});
