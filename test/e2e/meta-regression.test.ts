import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExtractionForm, Study } from '@grove/shared';
import reference from '../stats/fixtures/meta-regression-workbench-reference.json' with { type: 'json' };
import { useServedReview } from './support/served-review.ts';
import { exampleCopy } from './support/harness.ts';
import { SHOTS_DIR, shot } from './support/shots.ts';

// Issue 17's meta-regression in the workbench, in real Chromium against `grove serve`: on the
// Fleiss example, a number field "Mean age" is added to the extraction form and a value entered
// per study through the API; the outcome's meta-regression on it shows metafor's slope
// (meta-regression-workbench-reference.R: rma(yi, vi, mods = ~ age), REML), the bubble plot
// with every study, and exports the plot as SVG. A study without a value is named.

const session = useServedReview(() => exampleCopy('fleiss1993'));

beforeAll(async () => {
  const form = await session.rpc<ExtractionForm>('form.get', {});
  const age = { id: 'field-age', sectionId: form.sections[0]!.id, label: 'Mean age', type: 'number', unit: 'years', options: [], help: '' };
  await session.rpc('form.update', { form: { ...form, fields: [...form.fields, age] } });
  const studies = await session.rpc<Study[]>('studies.list', {});
  // Every study but Hart for now: the page first names the study without a value.
  for (const [i, label] of reference.study.entries()) {
    if (label === 'Hart') continue;
    const studyId = studies.find((s) => s.label === label)!.id;
    await session.rpc('characteristics.set', { studyId, fieldId: 'field-age', content: { status: 'value', value: reference.age[i]! } });
  }
});

describe('meta-regression in the workbench (e2e)', () => {
  it('runs the outcome on an extraction field and shows the slope and the bubble plot', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    try {
      await page.goto(session.served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+6');
      const tree = page.getByRole('tree', { name: 'Comparisons and outcomes' });
      await tree.getByRole('treeitem', { name: /^1\.1 / }).click();
      await page.getByRole('heading', { level: 2, name: /1\.1 Medical utilisation/ }).waitFor();

      await page.getByRole('button', { name: 'Show meta-regression' }).click();
      await page.getByRole('checkbox', { name: /Mean age/ }).check();
      // Hart has no age yet: the study and the field are named, and nothing else is shown.
      const alert = page.locator('.an-metareg').getByRole('alert');
      await expect
        .poll(() => alert.textContent(), { timeout: 30_000 })
        .toMatch(/Study "Hart" has no value for the extraction field "Mean age"/);
      expect(await page.getByTestId('meta-regression-table').count()).toBe(0);

      // Hart's age entered (through the API, as another window would): the analyses recompute when the window regains focus.
      const studies = await session.rpc<Study[]>('studies.list', {});
      const hart = studies.find((s) => s.label === 'Hart')!.id;
      await session.rpc('characteristics.set', {
        studyId: hart,
        fieldId: 'field-age',
        content: { status: 'value', value: reference.age[reference.study.indexOf('Hart')]! },
      });
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));

      const want = reference.models['age/z'];
      const table = page.getByTestId('meta-regression-table');
      await expect.poll(() => table.locator('tbody tr').count(), { timeout: 30_000 }).toBe(2);
      const slopeRow = table.locator('tbody tr').nth(1);
      expect(await slopeRow.locator('th').textContent()).toBe('Mean age');
      expect(await slopeRow.locator('td').first().textContent()).toBe(want.beta[1]!.toFixed(4));
      expect(await page.getByTestId('meta-regression-summary').textContent()).toMatch(/k = 5; τ² = 0\.0000 \(REML\)/);

      const bubble = page.getByRole('img', { name: /^Bubble plot of 5 studies: Mean difference against Mean age \(years\)/ });
      await bubble.waitFor();
      const src = decodeURIComponent((await bubble.getAttribute('src'))!);
      expect(src.match(/<circle class="study"/g)?.length).toBe(5);
      expect(src).toContain('<title>Hart</title>');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export bubble plot (SVG)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/bubble-plot\.svg$/);
      const saved = fs.readFileSync((await download.path())!, 'utf8');
      expect(saved.startsWith('<svg')).toBe(true);
      expect(saved.match(/<circle class="study"/g)?.length).toBe(5);

      // Knapp–Hartung: the same slope, metafor's wider interval.
      await page.getByRole('radio', { name: 'Knapp–Hartung' }).check();
      const knha = reference.models['age/knha'];
      await expect
        .poll(() => table.locator('tbody tr').nth(1).locator('td').nth(2).textContent(), { timeout: 30_000 })
        .toBe(`[${knha.ci_lb[1]!.toFixed(4)}, ${knha.ci_ub[1]!.toFixed(4)}]`);

      if (SHOTS_DIR) {
        await page.getByTestId('meta-regression-table').scrollIntoViewIfNeeded();
        await shot(page, 'meta-regression');
        await bubble.scrollIntoViewIfNeeded();
        await shot(page, 'meta-regression-bubble');
      }
    } finally {
      await context.close();
    }
  });
});
