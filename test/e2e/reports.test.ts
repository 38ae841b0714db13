import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { exampleCopy, startServe, type Served } from './support/harness.ts';
import { SHOTS_DIR, shot } from './support/shots.ts';
import { useBrowser } from './support/browser.ts';

// Acceptance (Reports): Table 2 of the Fleiss (1993) example exported as DOCX (read back
// with jszip), Table 1 and Table 2 printed alone to PDF from the print view (checked with
// pdftotext), on the paper and orientation chosen; the results text lists the sentences.

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });

const session = useBrowser('grove-e2e-rp-');

async function openReports(served: Served): Promise<Page> {
  const page = await session.browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  await page.goto(served.url);
  await page.getByLabel('Title', { exact: true }).waitFor();
  await page.keyboard.press('Alt+7');
  await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
  // window.print() would open the browser's dialog; Chromium's page.pdf() prints the same print view.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  return page;
}

async function printToPdf(page: Page, name: string): Promise<string> {
  const before = await page.evaluate(() => (window as unknown as { printed: number }).printed);
  await page.getByRole('button', { name: 'Print / PDF' }).click();
  await poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(before + 1);
  const file = path.join(SHOTS_DIR ?? session.dir, `${name}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  return file;
}

/** The PDF's text with runs of white space as one space (table cells may wrap). */
const pdfText = (file: string) => execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const pdfInfo = (file: string) => execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });

describe('Reports (e2e)', () => {
  it('exports Table 2 as DOCX and prints Table 1 and Table 2 alone to PDF', async () => {
    const served = await startServe(await exampleCopy('fleiss1993'));
    const page = await openReports(served);
    try {
      // Table 2, from outputs.table2.
      await page.getByRole('tab', { name: 'Table 2: results' }).click();
      const preview = page.getByRole('region', { name: 'Table 2 Results of the main analyses, print preview' });
      await poll(() => preview.textContent()).toContain('MD -0.74 (-1.46 to -0.02)');
      await shot(page, 'reports-table2');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export DOCX' }).click()]);
      expect(download.suggestedFilename()).toBe('table-2-results.docx');
      const docx = path.join(session.dir, 'table2.docx');
      await download.saveAs(docx);
      const zip = await JSZip.loadAsync(fs.readFileSync(docx));
      const xml = await zip.file('word/document.xml')!.async('string');
      const words = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ');
      for (const t of [
        'Table 2 Results of the main analyses',
        'Post-intervention',
        'Medical utilisation',
        'Davis, Florell, Gruen, Hart, Wilson',
        'MD -0.74 (-1.46 to -0.02)',
        '29 (5.66, 4)',
        'End of treatment',
      ])
        expect(words).toContain(t);
      expect(xml).toContain('w:orient="landscape"');

      // Table 2 on US Letter, portrait.
      await page.getByLabel('Paper').selectOption('letter');
      await page.getByLabel('Orientation').selectOption('portrait');
      const t2 = await printToPdf(page, 'table2-letter-portrait');
      const t2text = pdfText(t2);
      expect(t2text).toContain('Table 2 Results of the main analyses');
      expect(t2text).toContain('MD -0.74 (-1.46 to -0.02)');
      expect(t2text).not.toContain('Print / PDF'); // only the table prints
      expect(pdfInfo(t2)).toMatch(/Page size:\s+612 x 792 pts/);

      // Table 1 on A4 landscape (its default).
      await page.getByRole('tab', { name: 'Table 1: characteristics' }).click();
      const t1preview = page.getByRole('region', { name: 'Table 1 Characteristics of included studies, print preview' });
      await poll(() => t1preview.textContent()).toContain('Wilson');
      await shot(page, 'reports-table1');
      const t1 = await printToPdf(page, 'table1-a4-landscape');
      const t1text = pdfText(t1);
      expect(t1text).toContain('Table 1 Characteristics of included studies');
      for (const s of ['Davis', 'Florell', 'Gruen', 'Hart', 'Wilson']) expect(t1text).toContain(s);
      expect(t1text).not.toContain('Risk of bias');
      expect(pdfInfo(t1)).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/);

      // The results text.
      await page.getByRole('tab', { name: 'Results text' }).click();
      await poll(() => page.getByLabel('All sentences, to select and copy').inputValue()).toContain(
        'Five trials provided usable post-intervention data for meta-analysis',
      );
    } finally {
      await page.close();
      await served.stop();
    }
  });

  it('prints Table 1 of the peer-support example with its characteristics', async () => {
    const served = await startServe(await exampleCopy());
    const page = await openReports(served);
    try {
      const preview = page.getByRole('region', { name: 'Table 1 Characteristics of included studies, print preview' });
      await poll(() => preview.getByRole('row').count()).toBeGreaterThan(2);
      await shot(page, 'reports-table1-peer-support');
      const pdf = await printToPdf(page, 'table1-peer-support');
      const text = pdfText(pdf);
      expect(text).toContain('Table 1 Characteristics of included studies');
      expect(text).toContain('Intervention category');
      // No analysis can be pooled: Table 2 says why it is empty.
      await page.getByRole('tab', { name: 'Table 2: results' }).click();
      await poll(() => page.getByRole('note').filter({ hasText: 'Table 2 has no rows' }).count()).toBe(1);
    } finally {
      await page.close();
      await served.stop();
    }
  });
});
