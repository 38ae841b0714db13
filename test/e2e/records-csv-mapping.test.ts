import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newReview, readReviewDb } from './support/harness.ts';
import { tempDir } from '../support/temp.ts';
import { useServedReview } from './support/served-review.ts';
import { shot } from './support/shots.ts';

// Issue 13, in real Chromium against `grove serve`: a CSV export whose headers Grove does
// not know (a library's own names) is not a dead end. The wizard says no column holds
// titles, shows the file's header, and once the reviewer picks the columns the preview
// follows and the import reads the records with that mapping.

const CSV = [
  'Ref,Headline,Writers,Published,Periodical',
  'r1,Peer support for adults with psychosis: a randomised trial,"Smith, J; Jones, K",2019,Psychiatric Services',
  'r2,Group peer support and recovery,"Brown, A",2020,BMC Psychiatry',
  'r3,Recovery colleges and peer workers,"Green, P",2021,Psychiatric Services',
].join('\n');

const { dir, cleanup } = tempDir('grove-csv-');

const review = useServedReview(() => newReview('CSV mapping'));

afterAll(cleanup);

describe('the CSV mapping step of the records import wizard (e2e)', () => {
  it('maps unknown headers by hand, previews the mapped records and imports them', async () => {
    const csv = path.join(dir, 'library.csv');
    fs.writeFileSync(csv, CSV);
    const page = await review.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(review.served.url);
    await page.keyboard.press('Alt+2');
    await page.getByRole('heading', { level: 1, name: 'Records' }).waitFor();
    await page.getByRole('button', { name: 'Import records…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import records' });
    await dialog.getByLabel('Export file').setInputFiles(csv);

    await expect.poll(() => dialog.getByTestId('unmapped').textContent()).toMatch(/library\.csv, line 1: no column holds titles or DOIs/);
    const next = dialog.getByRole('button', { name: 'Next: search details' });
    expect(await next.isDisabled()).toBe(true);

    await dialog.getByLabel('Column for Title').selectOption('Headline');
    await dialog.getByRole('table', { name: 'The first records' }).waitFor();
    await dialog.getByLabel('Column for Authors').selectOption('Writers');
    await expect.poll(() => dialog.getByRole('table', { name: 'The first records' }).textContent()).toContain('Smith, J; Jones, K');
    await dialog.getByLabel('Column for Year').selectOption('Published');
    await expect.poll(() => dialog.getByRole('table', { name: 'The first records' }).textContent()).toContain('2019');
    expect(await dialog.getByTestId('preview-total').textContent()).toBe('3');
    await shot(page, 'records-csv-mapping');

    await next.click();
    await dialog.getByLabel('Database or source').fill('Library');
    await dialog.getByLabel('Date searched').fill('2024-03-01');
    await dialog.getByRole('button', { name: 'Import 3 records' }).click();
    await dialog.getByTestId('import-summary').waitFor({ timeout: 60_000 });

    const db = readReviewDb(review.file);
    try {
      const rows = db.prepare('SELECT title, year FROM record ORDER BY title').all() as { title: string; year: number | null }[];
      expect(rows).toEqual([
        { title: 'Group peer support and recovery', year: 2020 },
        { title: 'Peer support for adults with psychosis: a randomised trial', year: 2019 },
        { title: 'Recovery colleges and peer workers', year: 2021 },
      ]);
    } finally {
      db.close();
    }
    await page.close();
  });
});
