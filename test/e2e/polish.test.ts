import { describe, expect, it } from 'vitest';
import { addArmLevelStudy, planOutcome, type Call } from '../support/arm-level-data.ts';
import { newReview } from './support/harness.ts';
import { pageRpc } from './support/page-rpc.ts';
import { shot } from './support/shots.ts';
import { useServedReview } from './support/served-review.ts';

// Issue 12 item 9 (acceptance), on a new review with three studies: the RoB keys 1/2/3 give
// Low / Unclear / High, the order the judgements are shown in; the RoB graph prints each
// share as its own whole percentage (1 of 3 is 33%, not forced to 34 so that a bar sums to
// 100); the delete-study dialog counts what goes with the study and never says "its 0
// reports"; a derived number's formula is typeset (MathML), not shown as "t_{N−1, 1−α/2}".
// Set GROVE_SHOTS=/some/dir to keep screenshots.

const FORMULA = 'SD = √N·(U − L)/(2·t_{N−1, 1−α/2})';

const review = useServedReview(() => newReview('Polish'));

describe('Polish (e2e)', () => {
  it('RoB keys in the order shown, honest percentages, counted deletions and typeset formulas', async () => {
    const page = await review.browser.newPage({ viewport: { width: 1366, height: 900 } });
    try {
      await page.goto(review.served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      // Three studies: Able and Baker without reports; Carter with outcome data, one SD derived.
      const call: Call = (m, a) => pageRpc(page, m, a);
      for (const label of ['Able 2020', 'Baker 2021'])
        await call('studies.create', { study: { label, status: 'included', identifiers: '', notes: '' } });
      const planned = await planOutcome(call, 'Pain');
      const carter = await addArmLevelStudy(call, {
        label: 'Carter 2022',
        plannedOutcomeId: planned.plannedOutcomeId,
        measure: 'Pain scale',
        intervention: { mean: 3.5, sd: 1.1, n: 40 },
        control: { mean: 4.2, sd: 1.3, n: 41 },
      });
      const data = (await call('studyData.get', { studyId: carter.studyId })) as {
        arms: { id: string; role: string }[];
        timepoints: { id: string }[];
      };
      await call('results.set', {
        studyOutcomeId: carter.studyOutcomeId,
        timepointId: data.timepoints[0]!.id,
        armId: data.arms.find((a) => a.role === 'intervention')!.id,
        result: {
          kind: 'continuous',
          mean: 3.5,
          sd: 1.25,
          n: 40,
          derivation: { method: 'sd-from-ci', inputs: { lower: 3.1, upper: 3.9, n: 40 }, formula: FORMULA, reference: 'Handbook 6.5.2.2' },
        },
      });
      await page.reload();
      await page.getByLabel('Title', { exact: true }).waitFor();

      // Risk of bias: 1, 2, 3 down the sequence-generation column give Low, Unclear, High.
      await page.keyboard.press('Alt+5');
      const heading = page.getByRole('heading', { level: 1, name: 'Risk of bias' });
      await heading.waitFor();
      await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Tab');
      const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
      await expect.poll(focusedLabel).toMatch(/^Able 2020, Sequence generation: /);
      const wanted: [string, string, string][] = [
        ['Able 2020', '1', 'Low risk'],
        ['Baker 2021', '2', 'Unclear risk'],
        ['Carter 2022', '3', 'High risk'],
      ];
      for (const [study, key, judgement] of wanted) {
        await expect.poll(focusedLabel).toMatch(new RegExp(`^${study}, Sequence generation: `));
        await page.keyboard.press(key);
        await expect.poll(focusedLabel).toBe(`${study}, Sequence generation: ${judgement}`);
        await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('Saved');
        await page.keyboard.press('ArrowDown');
      }
      await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('Saved');

      // The RoB graph: 1 of 3 studies is 33% in each segment of the bar.
      const graph = page.getByRole('img', { name: /^Bar chart of the share of studies/ });
      await expect
        .poll(async () => decodeURIComponent(((await graph.getAttribute('src')) ?? '').replace(/^data:image\/svg\+xml;charset=utf-8,/, '')))
        .toContain('Unclear risk: 1 study');
      const svg = decodeURIComponent(((await graph.getAttribute('src')) ?? '').replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
      const printed = [...svg.matchAll(/>[^<]*?(\d+)%<\/text>/g)].map((m) => m[1]);
      expect(printed.filter((p) => p === '33').length).toBeGreaterThanOrEqual(3);
      expect(printed).not.toContain('34');
      await shot(page, 'polish-rob', { fullPage: true });

      // Studies: Carter's derived SD shows its formula typeset.
      await page.keyboard.press('Alt+4');
      await page.getByRole('heading', { level: 1, name: 'Studies & data' }).waitFor();
      await page.getByRole('button', { name: 'Carter 2022' }).click();
      await page.getByRole('tab', { name: 'Outcome data' }).click();
      await page.getByLabel('SD, Intervention, Pain at End of treatment', { exact: true }).focus();
      const details = page.locator('.cell-details', { hasText: 'Derived by' });
      await details.waitFor();
      const formula = details.getByTestId('formula');
      expect(await formula.evaluate((el) => el.namespaceURI)).toBe('http://www.w3.org/1998/Math/MathML');
      expect(await formula.locator('msub').count()).toBeGreaterThan(0);
      expect(await details.innerText()).not.toContain('_{');
      await shot(page, 'polish-formula', { fullPage: true });

      // Delete dialogs count what goes with the study, and say nothing of reports it has none of.
      await page.getByRole('button', { name: 'Delete study…' }).click();
      const carterDialog = page.getByRole('alertdialog');
      await expect
        .poll(() => carterDialog.innerText())
        .toContain('with its 1 outcome measured, 2 outcome results and 1 risk-of-bias judgement.');
      await shot(page, 'polish-delete', { fullPage: true });
      await carterDialog.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('button', { name: 'Able 2020' }).click();
      await page.getByRole('button', { name: 'Delete study…' }).click();
      const ableDialog = page.getByRole('alertdialog');
      await expect.poll(() => ableDialog.innerText()).toContain('with its 1 risk-of-bias judgement.');
      expect(await ableDialog.innerText()).not.toMatch(/\b0 reports?\b/);
      await ableDialog.getByRole('button', { name: 'Cancel' }).click();
    } finally {
      await page.close();
    }
  });
});
