import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readReviewDb } from './support/harness.ts';
import { shot } from './support/shots.ts';
import { useServedReview } from './support/served-review.ts';
import { saved } from './support/save-status.ts';

// Acceptance: design a form field, fill a study's characteristics, enter a continuous result
// with the CI → SD calculator, reload and see it all again; the SQLite file holds it too.
// Set GROVE_SHOTS=/some/dir to keep screenshots of each view.

const review = useServedReview();

async function openStudies(page: Page) {
  await page.getByLabel('Title', { exact: true }).waitFor();
  await page.keyboard.press('Alt+4');
  await page.getByRole('heading', { level: 1, name: 'Studies & data' }).waitFor();
}

describe('Data extraction (e2e)', () => {
  it('designs a field, extracts characteristics and a derived result, and keeps them after a reload', async () => {
    const page = await review.browser.newPage({ viewport: { width: 1366, height: 860 } });
    try {
      await page.goto(review.served.url);
      await openStudies(page);

      // 1. Form designer: a section with a number field (unit) and a percentage field.
      await page.getByRole('tab', { name: 'Extraction form' }).click();
      await page.getByRole('button', { name: '+ Add section' }).click();
      await page.keyboard.type('Clinical profile'); // the new title is selected: typing replaces it
      const section = page.locator('li.item-card', { has: page.getByText(/^Section \d+: Clinical profile$/) });
      await section.getByRole('button', { name: '+ Add field' }).click();
      await page.keyboard.type('Mean age');
      const ageCard = page.locator('.item-card', { hasText: 'Mean age ·' }).last();
      await ageCard.getByLabel('Type', { exact: true }).selectOption('number');
      await ageCard.getByLabel('Unit', { exact: true }).fill('years');
      await section.getByRole('button', { name: '+ Add field' }).click();
      await page.keyboard.type('Women');
      await page.locator('.item-card', { hasText: 'Women ·' }).last().getByLabel('Type', { exact: true }).selectOption('percentage');
      await saved(page);
      await shot(page, '01-form-designer');

      // 2. Characteristics of Cook 2012a: a number with its source, an invalid percentage, then N/R.
      await page.getByRole('tab', { name: 'Studies', exact: true }).click();
      await page.getByRole('button', { name: 'Cook 2012a' }).click();
      await page.getByRole('tab', { name: 'Characteristics' }).click();
      const age = page.getByLabel('Mean age (years)', { exact: true });
      await age.fill('45.2');
      await page.getByLabel('Mean age: source').fill('Report 1, p. 4, Table 1');
      const women = page.getByLabel('Women (%)', { exact: true });
      await women.fill('140');
      await page.getByText('a percentage must be between 0 and 100', { exact: true }).waitFor();
      await women.fill('N/R');
      await women.press('Tab');
      await saved(page);
      await shot(page, '02-characteristics');

      // 3. Outcome data: two arms, one outcome, one timepoint.
      await page.getByRole('tab', { name: 'Outcome data' }).click();
      await page.getByRole('button', { name: '+ Add arm' }).click();
      await page.getByLabel('N randomised to Intervention').waitFor();
      await page.getByRole('button', { name: '+ Add arm' }).click();
      await page.getByLabel('N randomised to Control').waitFor();
      await page.getByLabel('N randomised to Intervention').fill('40');
      await page.getByLabel('N randomised to Control').fill('42');
      await page.getByLabel('N randomised to Control').press('Tab');
      await page.getByLabel('Measure or scale of Recovery').fill('Recovery Assessment Scale');
      await page.getByRole('button', { name: '+ Add outcome' }).click();
      await page.getByRole('button', { name: '+ Add timepoint' }).click();
      const meanCell = page.getByLabel('Mean, Intervention, Recovery at End of treatment', { exact: true });
      await meanCell.waitFor();
      await saved(page);

      // 4. A continuous result with the CI → SD calculator (t, since N < 60).
      await meanCell.fill('3.5');
      await meanCell.press('ArrowRight');
      const sdCell = page.getByLabel('SD, Intervention, Recovery at End of treatment', { exact: true });
      await expect.poll(() => sdCell.evaluate((el) => el === document.activeElement)).toBe(true);
      await sdCell.press('=');
      const calc = page.getByRole('dialog', { name: 'Calculate for Intervention' });
      await calc.getByLabel('Lower limit (of the mean)').fill('3.1');
      await calc.getByLabel('Upper limit').fill('3.9');
      await expect.poll(() => calc.getByLabel('N (Intervention)').inputValue()).toBe('40');
      await shot(page, '03-calculator');
      await calc.getByRole('button', { name: /^Use SD = / }).click();
      await calc.waitFor({ state: 'detached' });
      await page.getByLabel('N, Intervention, Recovery at End of treatment', { exact: true }).fill('40');
      // Invalid entries stay local: events > N does not apply here, but N > randomised does.
      await page.getByLabel('N, Control, Recovery at End of treatment', { exact: true }).fill('50');
      await page.locator('.cell__error', { hasText: 'N (50) is larger than the 42 randomised to “Control”' }).waitFor();
      await page.getByLabel('N, Control, Recovery at End of treatment', { exact: true }).fill('41');
      await page.getByLabel('N, Control, Recovery at End of treatment', { exact: true }).press('Tab');
      await saved(page);
      await sdCell.focus();
      await page.locator('.cell-details', { hasText: 'Derived by' }).waitFor();
      await shot(page, '04-outcome-data');

      // 5. The file has it all.
      const db = readReviewDb(review.file);
      try {
        const fields = db
          .prepare(
            `SELECT f.label, f.type, f.unit FROM form_field f JOIN form_section s ON s.id = f.section_id
             WHERE s.title = 'Clinical profile' ORDER BY f.position`,
          )
          .all();
        expect(fields).toEqual([
          { label: 'Mean age', type: 'number', unit: 'years' },
          { label: 'Women', type: 'percentage', unit: '' },
        ]);
        const values = db
          .prepare(
            `SELECT f.label, c.status, c.value, c.source_note FROM characteristic_value c JOIN form_field f ON f.id = c.field_id
             JOIN study s ON s.id = c.study_id WHERE s.label = 'Cook 2012a' AND f.label IN ('Mean age', 'Women') ORDER BY f.position`,
          )
          .all();
        expect(values).toEqual([
          { label: 'Mean age', status: 'value', value: '45.2', source_note: 'Report 1, p. 4, Table 1' },
          { label: 'Women', status: 'not-reported', value: null, source_note: '' },
        ]);
        const rows = db
          .prepare(
            'SELECT a.label, r.kind, r.mean, r.sd, r.n, r.derivation FROM arm_result r JOIN arm a ON a.id = r.arm_id ORDER BY a.position',
          )
          .all() as { label: string; kind: string; mean: number | null; sd: number | null; n: number | null; derivation: string | null }[];
        expect(rows.map((r) => ({ label: r.label, mean: r.mean, n: r.n }))).toEqual([
          { label: 'Intervention', mean: 3.5, n: 40 },
          { label: 'Control', mean: null, n: 41 },
        ]);
        const derivation = JSON.parse(rows[0]!.derivation!);
        expect(derivation).toMatchObject({ method: 'sd-from-ci', inputs: { lower: 3.1, upper: 3.9, n: 40, distribution: 't' } });
        expect(derivation.formula).toContain('SD');
        // SD = √40 · 0.8 / (2 · t₃₉,0.975)
        expect(rows[0]!.sd).toBeCloseTo((Math.sqrt(40) * 0.8) / (2 * 2.0226909), 5);
      } finally {
        db.close();
      }

      // 6. After a reload everything is still there.
      await page.reload();
      await openStudies(page);
      await page.getByRole('button', { name: 'Cook 2012a' }).click();
      await page.getByRole('tab', { name: 'Characteristics' }).click();
      await expect.poll(() => page.getByLabel('Mean age (years)', { exact: true }).inputValue()).toBe('45.2');
      expect(await page.getByLabel('Women (%)', { exact: true }).inputValue()).toBe('N/R');
      expect(await page.getByRole('button', { name: 'Women: not reported' }).getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByLabel('Mean age: source').inputValue()).toBe('Report 1, p. 4, Table 1');
      await page.getByRole('tab', { name: 'Outcome data' }).click();
      await expect
        .poll(() => page.getByLabel('Mean, Intervention, Recovery at End of treatment', { exact: true }).inputValue())
        .toBe('3.5');
      const sdAfter = page.getByLabel('SD, Intervention, Recovery at End of treatment', { exact: true });
      expect(Number(await sdAfter.inputValue())).toBeCloseTo(1.2509, 3);
      expect(await sdAfter.evaluate((el) => el.closest('td')?.classList.contains('cell--derived'))).toBe(true);
      expect(await page.getByLabel('N, Control, Recovery at End of treatment', { exact: true }).inputValue()).toBe('41');
    } finally {
      await page.close();
    }
  });
});
