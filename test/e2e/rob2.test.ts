import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readReviewDb } from './support/harness.ts';
import { pageRpc } from './support/page-rpc.ts';
import { shot } from './support/shots.ts';
import { useServedReview } from './support/served-review.ts';
import { saved } from './support/save-status.ts';

// Acceptance: the second reviewer's view (sample, disagreement, % agreement and κ); then
// switch the review to RoB 2, answer Domain 1 with the keyboard, see the proposed judgement,
// reload, and find it persisted (rob2_assessment). GROVE_SHOTS=/dir keeps screenshots.

const review = useServedReview();

/** The RoB 2 form saves a moment after the last change: wait for its own status. */
async function formSaved(page: Page) {
  await expect.poll(() => page.getByTestId('rob2-save-status').textContent(), { timeout: 10_000 }).toBe('Saved');
}

const rpc = pageRpc;

async function openRob(page: Page) {
  await page.getByLabel('Title', { exact: true }).waitFor();
  await page.keyboard.press('Alt+5');
  await page.getByRole('heading', { level: 1, name: 'Risk of bias' }).waitFor();
}

describe('Second reviewer and RoB 2 (e2e)', () => {
  it('reports the second reviewer’s agreement, then assesses a result with RoB 2 by keyboard and keeps it', async () => {
    const page = await review.browser.newPage({ viewport: { width: 1366, height: 900 } });
    try {
      await page.goto(review.served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();

      // A second reviewer judges the sampled study, differing from the main judgements in one domain.
      const b = await rpc<{ id: string }>(page, 'reviewers.create', { reviewer: { name: 'Claire Cooper', initials: 'CC', email: '' } });
      const double = await rpc<{ sample: string[] }>(page, 'rob.double', { firstSlot: 'final', secondSlot: b.id });
      expect(double.sample).toHaveLength(1);
      const main = await rpc<
        Array<{ studyId: string; label: string; assessment: Record<string, { level: string; judgement: string | null }> }>
      >(page, 'rob.list', {});
      const sampled = main.find((r) => r.studyId === double.sample[0])!;
      for (const [domain, entry] of Object.entries(sampled.assessment)) {
        if (entry.level !== 'study' || entry.judgement === null) continue;
        const judgement = domain === 'allocationConcealment' ? (entry.judgement === 'high' ? 'low' : 'high') : entry.judgement;
        await rpc(page, 'rob.setDomain', { studyId: sampled.studyId, domain, entry: { ...entry, judgement }, slot: b.id });
      }
      await page.reload();
      await openRob(page);
      const section = page.getByRole('region', { name: 'Second reviewer' });
      await section.getByLabel('Second reviewer').selectOption(b.id);
      await section.getByRole('list', { name: 'Studies in the sample' }).getByText(sampled.label).waitFor();
      const agreement = section.getByTestId('agreement');
      await expect.poll(() => agreement.textContent()).toMatch(/\d+\.\d% agreement \(\d+ of \d+ domain judgements\); Cohen’s κ/);
      const disagreement = section.getByRole('table', { name: 'Disagreements' }).getByRole('row', { name: /Allocation concealment/ });
      await disagreement.waitFor();
      await section.scrollIntoViewIfNeeded();
      await shot(page, 'rob-01-second-reviewer', { of: section });

      // Switch the review to RoB 2.
      await page.getByRole('radio', { name: /RoB 2 \(2019\)/ }).check();
      await page.getByRole('heading', { name: 'Results assessed with RoB 2' }).waitFor();
      await saved(page);
      await page.getByRole('button', { name: '+ Assess a result' }).click();
      const add = page.getByRole('form', { name: 'Assess a result' });
      await add.getByLabel('Study').selectOption({ label: 'Cook 2012a' });
      // The example has no outcome data extracted yet: name the result.
      const resultLabel = 'Recovery (RAS), 6 months';
      await add.getByLabel('Name of the result').fill(resultLabel);
      await add.getByRole('button', { name: 'Start the assessment' }).click();
      await page.getByRole('heading', { name: `Cook 2012a: ${resultLabel}` }).waitFor();

      // Domain 1 by keyboard: Y, ↓, Shift+Y (PY), ↓, N → proposed Low.
      const d1 = page.getByRole('region', { name: /^D1 Bias arising from the randomization process/ });
      await d1.getByRole('radiogroup').first().focus();
      await page.keyboard.press('y');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Shift+Y');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('n');
      await expect.poll(() => d1.getByTestId('proposal').textContent()).toMatch(/Low$/);
      await d1.getByRole('button', { name: 'Accept Low' }).click();
      await formSaved(page);
      await shot(page, 'rob-02-rob2-form');
      // D2: 2.1 answered Yes brings 2.3 in.
      const d2 = page.getByRole('region', { name: /^D2 / });
      await d2.getByRole('radiogroup').first().focus();
      await page.keyboard.press('y');
      await d2.getByRole('radiogroup', { name: /^2\.3 / }).waitFor();
      await formSaved(page);
      await d1.scrollIntoViewIfNeeded();
      await shot(page, 'rob-03-rob2-form-d2');

      // Reload: the assessment is there, in the list and in the form.
      await page.reload();
      await openRob(page);
      const list = page.getByRole('table', { name: 'RoB 2 assessments' });
      await list.waitFor();
      await shot(page, 'rob-04-rob2-list');
      await list.getByRole('cell', { name: 'D1: Low' }).waitFor();
      await shot(page, 'rob-04-rob2-list');
      await list.getByRole('button', { name: `Open the RoB 2 assessment of Cook 2012a, ${resultLabel}` }).click();
      const q12 = page.getByRole('radiogroup', { name: /^1\.2 / });
      await expect.poll(() => q12.getByRole('radio', { name: 'Probably yes' }).getAttribute('aria-checked')).toBe('true');

      const db = readReviewDb(review.file);
      try {
        const row = db.prepare("SELECT * FROM rob2_assessment WHERE result_label = ? AND slot = 'final'").get(resultLabel) as
          { assessment: string } | undefined;
        expect(row).toBeDefined();
        const a = JSON.parse(row!.assessment) as {
          domains: { D1: { answers: Record<string, string>; judgement: { proposed: string; final: { judgement: string } | null } } };
        };
        expect(a.domains.D1.answers).toEqual({ '1.1': 'Y', '1.2': 'PY', '1.3': 'N' });
        expect(a.domains.D1.judgement.proposed).toBe('low');
        expect(a.domains.D1.judgement.final?.judgement).toBe('low');
        const tool = db.prepare('SELECT tool FROM rob_settings').get() as { tool: string };
        expect(tool.tool).toBe('rob2');
      } finally {
        db.close();
      }
    } finally {
      await page.close();
    }
  });
});
