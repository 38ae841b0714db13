import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutcomeDetail } from '@grove/shared';
import { formatEstimateWithCi } from '@grove/shared/stats/index';
import { loadRm5Bytes } from '../../db/src/rm5/load-rm5.ts';
import { findCorpus } from './support/corpus.ts';
import { useServedReview } from '../e2e/support/served-review.ts';

// Acceptance (issue 10, e2e in real Chromium on a corpus file): import a RevMan 5 review
// through the workbench (File › Import RevMan file…), open comparison 1 outcome 1 in the
// outline and see RevMan's pooled result as RevMan stored it; edit one data row and the
// result changes; undo restores it; export .rm5 and import it again: the same rows.

const corpus = findCorpus();
const SOURCE = corpus ? path.join(corpus, 'rm5', 'antibiotics-for-sore-throat.rm5') : '';
const available = !!corpus && fs.existsSync(SOURCE);
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 50 });

const rowsOf = (d: OutcomeDetail) => d.rows.map((r) => ({ study: r.studyLabel, origin: r.origin, values: r.values }));

describe.skipIf(!available)('an imported RevMan review in the workbench (e2e)', () => {
  const session = useServedReview(undefined, { timeoutMs: 120_000 });

  it('shows RevMan’s pooled result for 1.1, follows an edit, undoes it, and round-trips the rows through .rm5', async () => {
    const loaded = loadRm5Bytes('antibiotics-for-sore-throat.rm5', new Uint8Array(fs.readFileSync(SOURCE)));
    const stored = loaded.review.comparisons[0]!.outcomes[0]!.stored;
    const revman = formatEstimateWithCi(stored.effectSize!, stored.ciStart!, stored.ciEnd!);

    let before: OutcomeDetail;
    const page = await session.browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await page.goto(session.served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'File', exact: true }).click();
      await page.getByRole('menuitem', { name: 'Import RevMan file…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Import RevMan file' });
      await dialog.getByLabel('RevMan 5 file (.rm5) or RevMan Web package (.zip)').setInputFiles(SOURCE);
      const report = page.getByRole('dialog', { name: 'RevMan file imported' });
      await report.waitFor({ timeout: 60_000 });
      await report.getByRole('button', { name: 'Open the imported review' }).click();
      await page.getByLabel('Title', { exact: true }).waitFor({ timeout: 30_000 });
      await poll(() => page.getByLabel('Title', { exact: true }).inputValue()).toBe('Antibiotics for sore throat');

      // Comparison 1 outcome 1 in the outline: RevMan's pooled result.
      await page.keyboard.press('Alt+6');
      const item = page.getByRole('tree', { name: 'Comparisons and outcomes' }).getByRole('treeitem', { name: /^1\.1 .*CMP-001\.01$/ });
      await item.click({ timeout: 60_000 });
      const estimate = page.getByTestId('pooled-estimate');
      await poll(() => estimate.textContent()).toBe(revman);
      before = await session.rpc<OutcomeDetail>('outcomes.get', { id: 'CMP-001.01' });

      // One data row edited at the cell: the result changes.
      const first = before.rows[0]!;
      if (first.values.kind !== 'dichotomous') throw new Error('a dichotomous outcome expected');
      const cell = page.getByRole('textbox', { name: `Events (experimental) for ${first.studyLabel}` });
      await cell.fill(String(Math.max(0, first.values.events1 - 40)));
      await cell.press('Enter');
      await poll(() => estimate.textContent()).not.toBe(revman);

      // Undo restores it.
      await page.getByRole('button', { name: 'Undo' }).click();
      await poll(() => estimate.textContent()).toBe(revman);
      expect(rowsOf(await session.rpc<OutcomeDetail>('outcomes.get', { id: 'CMP-001.01' }))).toEqual(rowsOf(before));
    } finally {
      await page.close();
    }

    // Export .rm5 and import it again: the same rows in outcome 1.1.
    const exported = await session.rpc<{ fileName: string; contentBase64: string }>('files.exportRevman', {});
    await session.rpc('files.importRevman', { fileName: 'round-trip.rm5', contentBase64: exported.contentBase64 });
    const again = await session.rpc<OutcomeDetail>('outcomes.get', { id: 'CMP-001.01' });
    expect(again.outcome.name).toBe(before.outcome.name);
    expect(rowsOf(again)).toEqual(rowsOf(before));
  });
});
