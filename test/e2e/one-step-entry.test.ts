import { describe, expect, it } from 'vitest';
import { readReviewDb } from './support/harness.ts';
import { shot } from './support/shots.ts';
import { useServedReview } from './support/served-review.ts';

// Issue 12, item 4: a new study's results for a planned outcome are typed straight into the
// Outcome data tab, with no arms, outcome or timepoint set up first, and reach Analyses.

const review = useServedReview();

describe('one-step entry of a study’s data (e2e)', () => {
  it('types one planned outcome’s arm results on a new study and finds the study in its analysis', async () => {
    const page = await review.browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await page.goto(review.served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+4');
      await page.getByRole('heading', { level: 1, name: 'Studies & data' }).waitFor();
      await page.getByRole('button', { name: /Add study/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Add study' });
      await dialog.getByLabel('Study name').fill('Quick 2025');
      await dialog.getByRole('button', { name: 'Add study' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Quick 2025' }).waitFor();
      await page.getByRole('tab', { name: 'Outcome data' }).click();

      // No setup: the planned outcomes are there at the usual timepoint, ready to type into.
      await page.getByRole('heading', { name: 'Enter results' }).waitFor();
      await page.getByText('Planned outcomes at Post-intervention').waitFor();
      const hope = page.locator('tr[data-planned-outcome="outcome-hope"]');
      expect(await hope.getByLabel('Direction of Hope').inputValue()).toBe('higher-better');
      const cells = hope.getByRole('textbox');
      expect(await cells.count()).toBe(6);
      const values = ['30.1', '6.2', '40', '27.5', '6.8', '38'];
      for (const [i, v] of values.entries()) await cells.nth(i).fill(v);
      await shot(page, 'one-step-entry-typed');
      await cells.nth(5).press('Enter');

      // Saved as one change: the row moves to the results grid, with arms made from the protocol.
      await hope.waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('Saved');
      await page.locator('caption', { hasText: 'Hope' }).waitFor();
      await page.locator('caption', { hasText: 'Hope' }).scrollIntoViewIfNeeded();
      await shot(page, 'one-step-entry-saved');
      const db = readReviewDb(review.file);
      try {
        const study = db.prepare("SELECT id FROM study WHERE label = 'Quick 2025'").get() as { id: string };
        const arms = db.prepare('SELECT role, randomised FROM arm WHERE study_id = ? ORDER BY position').all(study.id);
        expect(arms).toEqual([
          { role: 'intervention', randomised: 40 },
          { role: 'control', randomised: 38 },
        ]);
        expect(db.prepare('SELECT label, weeks_after_treatment AS w FROM timepoint WHERE study_id = ?').all(study.id)).toEqual([
          { label: 'Post-intervention', w: 0 },
        ]);
        expect((db.prepare('SELECT COUNT(*) AS n FROM arm_result').get() as { n: number }).n).toBeGreaterThanOrEqual(2);
        expect((db.prepare('SELECT label FROM change ORDER BY id DESC LIMIT 1').get() as { label: string }).label).toBe(
          'Enter Hope for "Quick 2025"',
        );
      } finally {
        db.close();
      }

      // In Analyses: the outcome is in the outline and the study is in its data.
      await page.keyboard.press('Alt+6');
      await page.getByRole('heading', { level: 1, name: 'Analyses' }).waitFor();
      const tree = page.getByRole('tree', { name: 'Comparisons and outcomes' });
      const outcome = tree.getByRole('treeitem', { name: /Hope: post-intervention/ });
      await outcome.click();
      await page.getByRole('heading', { level: 2, name: /Hope: post-intervention/ }).waitFor();
      const row = page.getByTestId('data-rows').getByRole('row', { name: /^Quick 2025/ });
      await expect.poll(() => row.textContent()).toContain('30.1');
      expect(await row.textContent()).toContain('27.5');
    } finally {
      await page.close();
    }
  });

  it('a lower-is-better scale set in the protocol is the direction of the first study’s row', async () => {
    const page = await review.browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await page.goto(review.served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      // Protocol: Depression is measured on a scale where lower is better.
      const scales = page.getByRole('group', { name: 'Scales of Depression' });
      await scales.scrollIntoViewIfNeeded();
      await scales.getByText(/No scale yet/).waitFor();
      await scales.getByLabel('New scale of Depression', { exact: true }).fill('Beck Depression Inventory');
      await scales.getByLabel('Direction of the new scale of Depression').selectOption('lower-better');
      await scales.getByLabel('Unit of the new scale of Depression').fill('points');
      await scales.getByRole('button', { name: 'Add scale' }).click();
      await scales.getByRole('rowheader', { name: /Beck Depression Inventory/ }).waitFor();
      expect(await scales.getByLabel('Direction of the scale Beck Depression Inventory').inputValue()).toBe('lower-better');
      await shot(page, 'one-step-entry-protocol-scale');

      // A new study: its Depression row starts lower is better, with no "check its direction" note.
      await page.keyboard.press('Alt+4');
      await page.getByRole('heading', { level: 1, name: 'Studies & data' }).waitFor();
      await page.getByRole('button', { name: /Add study/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Add study' });
      await dialog.getByLabel('Study name').fill('Lower 2025');
      await dialog.getByRole('button', { name: 'Add study' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('tab', { name: 'Outcome data' }).click();
      const depression = page.locator('tr[data-planned-outcome="outcome-depression"]');
      await depression.waitFor();
      expect(await depression.getByLabel('Direction of Depression').inputValue()).toBe('lower-better');
      const cells = depression.getByRole('textbox');
      for (const [i, v] of ['12.0', '5.1', '30', '15.5', '5.9', '31'].entries()) await cells.nth(i).fill(v);
      expect(await page.getByText(/No study has Depression yet/).count()).toBe(0);
      await cells.nth(5).press('Enter');
      await depression.waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('Saved');
      const db = readReviewDb(review.file);
      try {
        const row = db
          .prepare("SELECT o.measure, o.direction FROM study_outcome o JOIN study s ON s.id = o.study_id WHERE s.label = 'Lower 2025'")
          .get();
        expect(row).toEqual({ measure: 'Beck Depression Inventory', direction: 'lower-better' });
      } finally {
        db.close();
      }
    } finally {
      await page.close();
    }
  });
});
