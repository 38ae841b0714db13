import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { exampleCopy, newReview, startServe } from './support/harness.ts';
import { SHOTS_DIR, shot } from './support/shots.ts';
import { importScreeningRecords, openScreeningAs } from './support/screening-records.ts';
import { useBrowser } from './support/browser.ts';

// Acceptance (PRISMA 2020 flow diagram, issue 14): the example review's diagram in real
// Chromium shows the seed's counts (BMC Psychiatry 2021: 7,198 database records and 225
// from other sources → 4,277 screened → 4,179 excluded → 98 assessed → 87 excluded → 8
// studies in 11 reports → 6 in the meta-analysis), hand-entered ones marked; its CSV export
// carries them; it prints alone to PDF.

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });

const session = useBrowser('grove-e2e-prisma-');

/** The text of one box of the diagram (its lines joined by spaces), entities decoded. */
function boxText(svg: string, id: string): string {
  const m = new RegExp(`<g data-box="${id}">([\\s\\S]*?)</g>`).exec(svg);
  if (!m) throw new Error(`no box ${id}`);
  return [...m[1]!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]!.replace(/&amp;/g, '&')).join(' ');
}

async function openPrisma(url: string, on?: Page): Promise<Page> {
  const page = on ?? (await session.browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true }));
  if (!on) {
    await page.goto(url);
    await page.getByLabel('Title', { exact: true }).waitFor();
  }
  await page.keyboard.press('Alt+7');
  await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  await page.getByRole('tab', { name: 'PRISMA flow diagram' }).click();
  await page.getByTestId('prisma-diagram').waitFor();
  return page;
}

describe('PRISMA flow diagram (e2e)', () => {
  it('shows the example review’s counts, exports the PRISMA2020 CSV and prints the figure alone', async () => {
    const served = await startServe(await exampleCopy());
    const page = await openPrisma(served.url);
    try {
      // The figure is the shared SVG, shown from a data: URL.
      const src = (await page.getByTestId('prisma-diagram').getAttribute('src'))!;
      const svg = decodeURIComponent(src.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
      expect(boxText(svg, 'identified')).toContain('Databases (n = 7,198†)');
      expect(boxText(svg, 'other-identified')).toContain('Other sources (n = 225†)');
      expect(boxText(svg, 'records-screened')).toBe('Records screened (n = 4,277†)');
      expect(boxText(svg, 'records-excluded')).toBe('Records excluded** (n = 4,179†)');
      expect(boxText(svg, 'reports-assessed')).toBe('Reports assessed for eligibility (n = 98†)');
      expect(boxText(svg, 'reports-excluded')).toBe('Reports excluded (n = 87†)');
      expect(boxText(svg, 'included')).toBe('Studies included in review (n = 8) Reports of included studies (n = 11)');
      expect(boxText(svg, 'meta-analysis')).toBe('Studies included in meta-analysis (n = 6†)');
      // The image really drew (a broken SVG has no natural size).
      expect(await page.getByTestId('prisma-diagram').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(500);
      // Every count in a table with its source.
      await page.getByText('Counts and where they came from').click();
      const table = page.getByRole('table', { name: 'PRISMA flow counts' });
      const row = (name: string) => table.getByRole('row', { name: new RegExp(`^(Identification|Screening|Included).*${name}`) }).first();
      await poll(() => row('Records screened').textContent()).toBe('ScreeningDatabases and registersRecords screened4,277entered by hand');
      expect(await row('Studies included in review').textContent()).toBe('IncludedStudies included in review8from the review’s data');
      expect(await page.getByTestId('prisma-checks').count()).toBe(0);
      await shot(page, 'prisma-workbench', { fullPage: true });

      // CSV for the PRISMA2020 app.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV (PRISMA2020 app)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('prisma-2020-flow-diagram.csv');
      const csvFile = path.join(session.dir, 'prisma.csv');
      await download.saveAs(csvFile);
      const lines = fs.readFileSync(csvFile, 'utf8').trimEnd().split('\n');
      expect(lines[0]).toBe('data,node,box,description,boxtext,tooltips,url,n');
      const n = (id: string) =>
        lines
          .find((l) => l.startsWith(`${id},`))
          ?.split(',')
          .at(-1);
      expect(
        [
          'database_results',
          'website_results',
          'records_screened',
          'records_excluded',
          'dbr_assessed',
          'dbr_excluded',
          'new_studies',
          'new_reports',
          'total_studies_ma',
        ].map(n),
      ).toEqual(['7198', '225', '4277', '4179', '98', '87', '8', '11', '6']);

      // Print: only the figure reaches the PDF.
      await page.getByRole('button', { name: 'Print / PDF' }).click();
      await poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
      const pdf = path.join(SHOTS_DIR ?? session.dir, 'prisma.pdf');
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      const text = execFileSync('/usr/bin/pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const t of ['Records screened (n = 4,277†)', 'Studies included in review (n = 8)', 'Studies included in meta-analysis (n = 6†)'])
        expect(text).toContain(t);
      expect(text).not.toContain('Export CSV');
    } finally {
      await page.close();
      await served.stop();
    }
  });

  it('counts a full text that could not be obtained, marked by keyboard at full text, as a report not retrieved', async () => {
    const file = await newReview('Retrieval');
    await importScreeningRecords(file, 3);
    const served = await startServe(file);
    const page = await session.browser.newPage({ viewport: { width: 1366, height: 900 } });
    try {
      await openScreeningAs(page, served.url, 'Naomi Lyons');
      const title = page.locator('#screen-record-title');
      const onRecord = (i: number) => poll(() => title.textContent()).toMatch(new RegExp(`^Record ${i}:`));
      // Title/abstract: records 1 and 2 go on to full text.
      for (const [i, key] of [
        [1, 'i'],
        [2, 'i'],
        [3, 'e'],
      ] as const) {
        await onRecord(i);
        await page.keyboard.press(key);
      }
      await page.getByText('Nothing left for you to screen at this stage.').waitFor();
      await page.getByRole('radio', { name: 'Full text' }).check();
      await onRecord(1);
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('r');
      const note = page.getByLabel('What was tried to obtain it (optional)');
      await note.waitFor();
      await page.keyboard.type('Library, interlibrary loan, wrote to the authors');
      await page.keyboard.press('Enter');
      await onRecord(2);
      await page.getByTestId('not-retrieved-list').getByText('Tried: Library, interlibrary loan, wrote to the authors.').waitFor();
      await shot(page, 'prisma-not-retrieved-fulltext');

      await openPrisma(served.url, page);
      const src = (await page.getByTestId('prisma-diagram').getAttribute('src'))!;
      const svg = decodeURIComponent(src.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
      expect(boxText(svg, 'reports-sought')).toBe('Reports sought for retrieval (n = 2)');
      expect(boxText(svg, 'reports-not-retrieved')).toBe('Reports not retrieved (n = 1)');
      expect(boxText(svg, 'reports-assessed')).toBe('Reports assessed for eligibility (n = 1)');
      await shot(page, 'prisma-not-retrieved-diagram', { fullPage: true });
    } finally {
      await page.close();
      await served.stop();
    }
  }, 120_000);
});
