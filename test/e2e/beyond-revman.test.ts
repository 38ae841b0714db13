import { describe, expect, it } from 'vitest';
import { useServedReview } from './support/served-review.ts';
import { exampleCopy } from './support/harness.ts';
import { SHOTS_DIR, shot } from './support/shots.ts';

// Issue 17's e2e, in real Chromium against `grove serve`: on the Fleiss example, open the
// funnel plot with trim-and-fill (and its contours), a cumulative forest plot, and copy the methods text. The
// numbers are metafor's for dat.fleiss1993cont with DerSimonian–Laird (the example's model):
// trimfill() fills 2 studies on the right, adjusted MD −0.638 [−1.257, −0.019]; cumul() ends
// at the pooled −0.737 [−1.458, −0.017].

const session = useServedReview(() => exampleCopy('fleiss1993'));

describe('beyond RevMan in the workbench (e2e)', () => {
  it('shows trim-and-fill in the funnel plot, a cumulative forest plot, and copies the methods text', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.served.origin.replace(/\/$/, '') });
    const page = await context.newPage();
    try {
      await page.goto(session.served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+6');
      const tree = page.getByRole('tree', { name: 'Comparisons and outcomes' });
      await tree.getByRole('treeitem', { name: /^1\.1 / }).click();
      await page.getByRole('heading', { level: 2, name: /1\.1 Medical utilisation/ }).waitFor();

      // Trim and fill: the funnel plot opens with the filled studies and the adjusted estimate.
      await page.getByRole('checkbox', { name: 'Trim and fill' }).check();
      const trimFill = page.getByTestId('trim-fill');
      await expect.poll(() => trimFill.textContent(), { timeout: 30_000 }).toMatch(/2 studies\s+estimated missing on the right/);
      expect(await trimFill.textContent()).toContain('-0.64 [-1.26, -0.02]');
      const funnel = page.getByRole('img', { name: /^Funnel plot of 5 studies/ });
      await expect.poll(() => funnel.getAttribute('data-drawn'), { timeout: 30_000 }).toBe('true');
      // The plot is redrawn once the filled studies arrive: wait for them, not for the first drawing.
      await expect
        .poll(() => funnel.locator('.legendtext').allTextContents(), { timeout: 30_000 })
        .toContain('Filled by trim-and-fill (2)');
      // Contour-enhanced: the significance regions join the legend.
      await page.getByRole('checkbox', { name: 'Contour-enhanced' }).check();
      await expect
        .poll(() => funnel.locator('.legendtext').allTextContents(), { timeout: 30_000 })
        .toEqual(expect.arrayContaining(['0.01 < P < 0.05', '0.05 < P < 0.10', 'P > 0.10', 'Filled by trim-and-fill (2)']));

      // The cumulative forest plot: one step per study, the last one the pooled result.
      await page.getByRole('button', { name: 'Show cumulative forest plot' }).click();
      const steps = page.getByTestId('cumulative-step');
      await expect.poll(() => steps.count(), { timeout: 30_000 }).toBe(5);
      expect(await steps.nth(0).textContent()).toContain('-1.50 [-4.79, 1.79]');
      expect(await steps.nth(4).textContent()).toContain('-0.74 [-1.46, -0.02]');

      // Influence diagnostics: metafor's influence() flags Florell and Hart; the Baujat plot has every study.
      await page.getByRole('button', { name: 'Show influence diagnostics' }).click();
      const influence = page.getByTestId('influence-table');
      await expect.poll(() => influence.locator('tbody tr').count(), { timeout: 30_000 }).toBe(5);
      const flagged = await influence
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.filter((tr) => tr.lastElementChild?.textContent === 'Yes').map((tr) => tr.firstElementChild?.textContent),
        );
      expect(flagged).toEqual(['Florell', 'Hart']);
      expect(await page.getByTestId('baujat-point').count()).toBe(5);

      // The methods text, to the clipboard.
      await page.getByRole('button', { name: 'Show methods text' }).click();
      const methods = page.getByTestId('methods-text');
      await expect.poll(() => methods.textContent(), { timeout: 30_000 }).toMatch(/trim-and-fill method \(L0 estimator\)/);
      const text = (await methods.textContent())!;
      expect(text).toMatch(/mean differences/i);
      expect(text).toMatch(/cumulative meta-analysis/);
      await page.getByRole('button', { name: 'Copy methods text' }).click();
      await page.getByText('Copied to the clipboard.').waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
      if (SHOTS_DIR) {
        await page.getByTestId('trim-fill').scrollIntoViewIfNeeded();
        await shot(page, 'beyond-revman');
        await page.getByRole('heading', { name: 'Cumulative meta-analysis' }).scrollIntoViewIfNeeded();
        await shot(page, 'beyond-revman-cumulative');
        await page.getByTestId('baujat-plot').scrollIntoViewIfNeeded();
        await shot(page, 'beyond-revman-influence');
      }
    } finally {
      await context.close();
    }
  });
});
