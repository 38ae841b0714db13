import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { exampleCopy, readReviewDb, startServe } from './support/harness.ts';
import { SHOTS_DIR, shot } from './support/shots.ts';
import { useBrowser } from './support/browser.ts';

// Acceptance (GRADE and summary of findings): on the Fleiss (1993) example, rate the
// certainty of the analysis (risk of bias and imprecision serious, each with its reason),
// see LOW in the dashboard, open Reports → Summary of findings and see the level with its
// footnotes, export it as DOCX (read back with jszip) and print it; after a reload the
// rating is still there, and the grade_assessment row is in the file.

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });

const session = useBrowser('grove-e2e-grade-');

const ROB_REASON = 'Allocation concealment unclear in 4 of 5 trials';
const IMPRECISION_REASON = 'Fewer than 400 participants; the CI includes trivial effects';

describe('GRADE and summary of findings (e2e)', () => {
  it('rates the certainty, shows it in the dashboard and the summary of findings, exports DOCX and keeps it after a reload', async () => {
    const file = await exampleCopy('fleiss1993');
    const served = await startServe(file);
    const page = await session.browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    try {
      await page.goto(served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+6');
      await page.getByRole('heading', { level: 1, name: 'Analyses' }).waitFor();
      const row = page.getByRole('row', { name: /Medical utilisation/ });
      await poll(() => row.getByTestId('certainty').textContent()).toBe('Not yet rated');

      await page.getByRole('button', { name: 'Medical utilisation' }).click();
      const panel = page.getByRole('region', { name: 'Certainty of evidence (GRADE)' });
      await poll(() => panel.getByTestId('grade-computed').textContent()).toBe('⨁⨁⨁⨁ HIGH');

      // Imprecision serious without a reason: held back, the message at the field.
      await panel.getByLabel('Imprecision').selectOption('1');
      await panel.getByRole('button', { name: 'Save rating' }).click();
      const imprecisionReason = panel.getByLabel('Reason for rating down for imprecision');
      await poll(() => imprecisionReason.getAttribute('aria-invalid')).toBe('true');
      expect(await panel.textContent()).toContain('every rating down needs a reason (GRADE footnote)');
      await imprecisionReason.fill(IMPRECISION_REASON);
      await panel.getByLabel('Risk of bias').selectOption('1');
      await panel.getByLabel('Reason for rating down for risk of bias').fill(ROB_REASON);
      expect(await panel.getByTestId('grade-final').textContent()).toBe('⨁⨁◯◯ LOW');
      await panel.getByLabel(/Size of the effect/).selectOption('moderate');
      expect(await panel.getByTestId('grade-statement').textContent()).toBe('The intervention may reduce medical utilisation.');
      await panel.getByRole('button', { name: 'Save rating' }).click();
      await poll(() => panel.getByRole('status').last().textContent()).toBe('Saved in the review file');
      await shot(page, 'grade-panel', { of: panel });

      // The level in the dashboard.
      await page.getByRole('button', { name: '← All analyses' }).click();
      await poll(() => row.getByTestId('certainty').textContent()).toBe('⨁⨁◯◯ LOW');
      await shot(page, 'grade-dashboard');

      // Reports → Summary of findings, with a header.
      await page.keyboard.press('Alt+7');
      await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
      await page.evaluate(() => {
        (window as unknown as { printed: number }).printed = 0;
        window.print = () => void ((window as unknown as { printed: number }).printed += 1);
      });
      await page.getByRole('tab', { name: 'Summary of findings' }).click();
      const header = (name: string) => page.getByRole('textbox', { name, exact: true });
      await header('Intervention').fill('Brief psychotherapy');
      await header('Comparator').fill('usual care');
      await header('Population').fill('frequent attenders of medical services');
      await header('Population').press('Tab');
      const preview = page.getByRole('region', { name: /^Brief psychotherapy compared to usual care for .*print preview$/ });
      await poll(() => preview.textContent()).toContain('⨁⨁◯◯ LOW a,b');
      const text = (await preview.textContent()) ?? '';
      expect(text).toContain(`a Downgraded one level for risk of bias: ${ROB_REASON}.`);
      expect(text).toContain(`b Downgraded one level for imprecision: ${IMPRECISION_REASON}.`);
      expect(text).toContain('MD 0.74 lower (1.46 lower to 0.02 lower)');
      await shot(page, 'sof-preview');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export DOCX' }).click()]);
      expect(download.suggestedFilename()).toBe('summary-of-findings.docx');
      const docx = path.join(session.dir, 'sof.docx');
      await download.saveAs(docx);
      const zip = await JSZip.loadAsync(fs.readFileSync(docx));
      const xml = await zip.file('word/document.xml')!.async('string');
      const words = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ');
      for (const t of [
        'Brief psychotherapy compared to usual care for frequent attenders of medical services',
        'Certainty of the evidence (GRADE)',
        '⨁⨁◯◯ LOW a,b',
        `Downgraded one level for imprecision: ${IMPRECISION_REASON}.`,
      ])
        expect(words).toContain(t);
      expect(xml).toContain('w:orient="landscape"');

      // Print / PDF: only the table reaches the paper.
      await page.getByRole('button', { name: 'Print / PDF' }).click();
      await poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
      const pdf = path.join(SHOTS_DIR ?? session.dir, 'sof-a4-landscape.pdf');
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      const pdfText = execFileSync('/usr/bin/pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(pdfText).toContain('Brief psychotherapy compared to usual care');
      expect(pdfText).toContain('GRADE Working Group grades of evidence');
      expect(pdfText).not.toContain('Print / PDF');

      // Reload: the rating and the header come back from the file.
      await page.reload();
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+6');
      await poll(() =>
        page
          .getByRole('row', { name: /Medical utilisation/ })
          .getByTestId('certainty')
          .textContent(),
      ).toBe('⨁⨁◯◯ LOW');
      await page.getByRole('button', { name: 'Medical utilisation' }).click();
      await poll(() => page.getByLabel('Reason for rating down for imprecision').inputValue()).toBe(IMPRECISION_REASON);
    } finally {
      await page.close();
      await served.stop();
    }

    const db = readReviewDb(file);
    try {
      const rows = db.prepare('SELECT analysis_id, assessment FROM grade_assessment').all() as {
        analysis_id: string;
        assessment: string;
      }[];
      // Ratings are kept by the outcome's id in the one analysis model (schema v5).
      expect(rows.map((r) => r.analysis_id)).toEqual(['CMP-001.01']);
      const a = JSON.parse(rows[0]!.assessment) as { down: Record<string, { levels: number; reason: string }> };
      expect(a.down.imprecision).toEqual({ levels: 1, reason: IMPRECISION_REASON });
      expect(a.down.riskOfBias).toEqual({ levels: 1, reason: ROB_REASON });
      const settings = db.prepare('SELECT sof_intervention, sof_comparator FROM review_settings').get();
      expect(settings).toEqual({ sof_intervention: 'Brief psychotherapy', sof_comparator: 'usual care' });
    } finally {
      db.close();
    }
  });
});
