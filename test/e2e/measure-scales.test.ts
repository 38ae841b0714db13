import { describe, expect, it } from 'vitest';
import { exampleCopy, readReviewDb } from './support/harness.ts';
import { shot } from './support/shots.ts';
import { useServedReview } from './support/served-review.ts';

// Issue 12 item 2 (acceptance): the effect measure must not silently follow free text. On
// the Fleiss 1993 example (five studies of medical utilisation, pooled as MD −0.74, the
// number RevMan stored), a new study whose measure is typed "Medical utilisation (visits)"
// is offered the outcome's scale "Medical utilisation"; accepted, the study outcome is
// saved on that scale and the analysis stays MD −0.74, saying which scale decided it.
// Set GROVE_SHOTS=/some/dir to keep screenshots.

const review = useServedReview(() => exampleCopy('fleiss1993'));

describe('Measures are chosen from the outcome’s scales (e2e)', () => {
  it('offers “Medical utilisation” for “Medical utilisation (visits)”; accepted, the analysis stays MD −0.74', async () => {
    const page = await review.browser.newPage({ viewport: { width: 1366, height: 900 } });
    try {
      await page.goto(review.served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();

      // The analysis as the example has it: MD −0.74, one scale.
      await page.keyboard.press('Alt+6');
      const item = page
        .getByRole('tree', { name: 'Comparisons and outcomes' })
        .getByRole('treeitem', { name: /^1\.1 Medical utilisation/ });
      await item.click();
      const estimate = page.getByTestId('pooled-estimate');
      await expect.poll(() => estimate.textContent(), { timeout: 15_000 }).toMatch(/^[−-]0\.74 /);
      const pooled = page.getByTestId('pooled');
      expect(await pooled.innerText()).toContain('Mean difference');
      const before = await estimate.textContent();
      await expect
        .poll(() => page.getByTestId('measure-basis').textContent())
        .toBe('MD because all 5 studies use one scale: Medical utilisation');

      // A new study, its outcome typed with another spelling.
      await page.keyboard.press('Alt+4');
      await page.getByRole('heading', { level: 1, name: 'Studies & data' }).waitFor();
      await page.getByRole('button', { name: /Add study/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Add study' });
      await dialog.getByLabel('Study name').fill('Newman 2024');
      await dialog.getByRole('button', { name: 'Add study' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Newman 2024' }).click();
      await page.getByRole('tab', { name: 'Outcome data' }).click();
      const measure = page.getByLabel('Measure or scale of Medical utilisation');
      await measure.fill('Medical utilisation (visits)');
      const offer = page.getByRole('group', { name: 'Scale of Medical utilisation' });
      await expect.poll(() => offer.innerText()).toContain('Did you mean Medical utilisation?');
      await shot(page, 'scale-offer', { fullPage: true });

      // Not added while the scale is undecided…
      await page.getByRole('button', { name: '+ Add outcome' }).click();
      await page.getByText('choose one of the outcome’s scales, or add this one as a new scale').waitFor();
      // …and added on the scale once the match is accepted.
      await offer.getByRole('button', { name: 'Use “Medical utilisation”' }).click();
      await expect.poll(() => measure.inputValue()).toBe('Medical utilisation');
      await page.getByRole('button', { name: '+ Add outcome' }).click();
      await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('Saved');
      const db = readReviewDb(review.file);
      try {
        const saved = db
          .prepare("SELECT o.measure FROM study_outcome o JOIN study s ON s.id = o.study_id WHERE s.label = 'Newman 2024'")
          .pluck()
          .all();
        expect(saved).toEqual(['Medical utilisation']);
        expect(db.prepare('SELECT name FROM outcome_scale').pluck().all()).toEqual(['Medical utilisation']);
      } finally {
        db.close();
      }

      // The analysis is still the mean difference, with the same numbers.
      await page.keyboard.press('Alt+6');
      await item.click();
      await expect.poll(() => estimate.textContent(), { timeout: 15_000 }).toBe(before);
      expect(await pooled.innerText()).toContain('Mean difference');
      await shot(page, 'scale-analysis', { fullPage: true });
    } finally {
      await page.close();
    }
  });
});
