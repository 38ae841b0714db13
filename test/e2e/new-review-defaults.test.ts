import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_RM5 } from '../unit/rm5/sample-rm5.ts';
import { addArmLevelStudy, planOutcome, type Call } from '../support/arm-level-data.ts';
import { cleanupTemp, importedReview, launchBrowser, newReview, startServe, type Served } from './support/harness.ts';
import { pageRpc } from './support/page-rpc.ts';
import { shot } from './support/shots.ts';

// Issue 12 item 1 (acceptance): a review made with `grove new` starts from a neutral RCT
// form. Its Studies › Extraction form and its Table 1 columns show nothing of the seed
// (peer-support) review. An imported RevMan review's Table 1 starts from its own
// characteristics, and new arm-level data can join one of its outcomes, whose RevMan rows
// stay direct rows. Set GROVE_SHOTS=/some/dir to keep screenshots.

let browser: Browser;
let served: Served;
let imported: Served;

/** What only the peer-support review has: its baseline characteristics and classifiers. */
const SEED_ONLY = [
  'Diagnoses',
  'Diagnosis categories',
  'Black, Asian and minority ethnicities',
  'BAME',
  'Employed',
  'Severe mental health condition population',
  'Intervention category',
  'Peer support',
  'Mutual support',
  'Comparator type',
];

beforeAll(async () => {
  served = await startServe(await newReview());
  imported = await startServe(await importedReview(SAMPLE_RM5, 'tea'));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await imported?.stop();
  cleanupTemp();
});

const seedWordsIn = (text: string) => SEED_ONLY.filter((w) => text.includes(w));

describe('A new review’s defaults (e2e)', () => {
  it('shows a neutral extraction form and neutral Table 1 columns, with no seed-specific field', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    try {
      await page.goto(served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();

      // Studies › Extraction form: the neutral Cochrane RCT form.
      await page.keyboard.press('Alt+4');
      await page.getByRole('heading', { level: 1, name: 'Studies & data' }).waitFor();
      await page.getByRole('tab', { name: 'Extraction form' }).click();
      const main = page.locator('main');
      await expect.poll(() => main.innerText(), { timeout: 10_000 }).toContain('Number randomised');
      await shot(page, 'new-review-form', { fullPage: true });
      const formText = await main.innerText();
      expect(formText).toContain('Country');
      expect(seedWordsIn(formText)).toEqual([]);

      // Reports › Table 1: the default columns and the column chooser.
      await page.keyboard.press('Alt+7');
      await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
      await page.getByRole('tab', { name: 'Table 1: characteristics' }).click();
      const preview = page.getByRole('region', { name: 'Table 1 Characteristics of included studies, print preview' });
      await preview.waitFor();
      const headers = await preview.getByRole('columnheader').allInnerTexts();
      await shot(page, 'new-review-table1', { fullPage: true });
      // The neutral form's own columns and headings, not the seed's ("Sex % F").
      expect(headers.map((h) => h.trim())).toEqual(['Study ID', 'Country', 'N', 'Age', 'Female %']);
      expect(seedWordsIn(headers.join('\n'))).toEqual([]);
      expect(seedWordsIn(await main.innerText())).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('an imported RevMan review: Table 1 from its own characteristics, and new arm-level data join its outcome as derived rows', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    try {
      await page.goto(imported.url);
      await page.getByLabel('Title', { exact: true }).waitFor();

      await page.keyboard.press('Alt+7');
      await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
      await page.getByRole('tab', { name: 'Table 1: characteristics' }).click();
      const preview = page.getByRole('region', { name: 'Table 1 Characteristics of included studies, print preview' });
      await preview.waitFor();
      await shot(page, 'imported-table1', { fullPage: true });
      const headers = (await preview.getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
      expect(headers).toEqual(['Study ID', 'Methods', 'Participants', 'Interventions', 'Outcomes', 'Funding sources', 'Notes']);

      // A planned outcome and a new study's arm-level data, entered through the API.
      const call: Call = (m, a) => pageRpc(page, m, a);
      const planned = await planOutcome(call, 'Symptom score');
      await addArmLevelStudy(call, {
        label: 'Newman 2024',
        plannedOutcomeId: planned.plannedOutcomeId,
        measure: 'Symptom scale',
        intervention: { mean: 4.1, sd: 1.2, n: 30 },
        control: { mean: 5.0, sd: 1.3, n: 31 },
      });
      await page.reload();
      await page.getByLabel('Title', { exact: true }).waitFor();

      // Analyses › 1.2 Symptom score (imported): link it to the planned outcome.
      await page.keyboard.press('Alt+6');
      await page
        .getByRole('tree', { name: 'Comparisons and outcomes' })
        .getByRole('treeitem', { name: /^1\.2 Symptom score/ })
        .click();
      const rows = page.getByTestId('data-rows');
      await rows.waitFor();
      const before = await rows.locator('tbody tr').allInnerTexts();
      expect(before.join('\n')).not.toContain('Newman 2024');
      const link = page.getByRole('region', { name: 'Data from the extraction' });
      await link.getByLabel('Take extracted data from').selectOption({ label: 'Symptom score, End of treatment' });
      await link.getByRole('button', { name: 'Link' }).click();
      const newman = rows.locator('tbody tr', { hasText: 'Newman 2024' });
      await newman.waitFor({ timeout: 10_000 });
      await shot(page, 'imported-linked-outcome', { fullPage: true });
      expect(await newman.innerText()).toContain('Derived');
      // The RevMan rows are still there, still direct (entered) rows.
      const after = await rows.locator('tbody tr').allInnerTexts();
      expect(after).toHaveLength(before.length + 1);
      for (const r of before) expect(after).toContain(r);
      await expect.poll(() => link.innerText()).toContain('Stop taking extracted data');
    } finally {
      await page.close();
    }
  });
});
