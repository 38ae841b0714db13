import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLabelledCsv } from '../../shared/src/screening/labelled-csv.ts';
import { cleanupTemp, launchBrowser, newReview, startServe, type Served } from '../e2e/support/harness.ts';
import { openScreeningAs } from '../e2e/support/screening-records.ts';
import { GROVE_BIN, REPO_ROOT } from '../support/temp.ts';
import { findCorpus } from './support/corpus.ts';
import { shot } from '../e2e/support/shots.ts';

// Acceptance (issue 15), in real Chromium against `grove serve`: a labelled corpus set
// imported as records, screened 20 records at title/abstract with relevance order on (the
// reviewer decides each as the set's label says); the progress picture follows the
// decisions and states the stopping rule. Reads the corpus: skips without it.

const corpus = findCorpus();
const SET = 'Antihistamines.csv';
const SCREEN = 20;

let browser: Browser;
let served: Served;
let labelOf: Map<string, 0 | 1>;

async function importCsv(reviewFile: string, csv: string): Promise<void> {
  const child = spawn(process.execPath, [GROVE_BIN, 'import', reviewFile, csv, '--source', 'MEDLINE', '--searched', '2026-01-15'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`grove import ${csv} failed with ${code}: ${err}`);
}

const norm = (t: string) => t.replace(/\s+/g, ' ').trim().toLowerCase();

beforeAll(async () => {
  if (!corpus) return;
  const csv = path.join(corpus, 'screening', SET);
  const set = parseLabelledCsv(fs.readFileSync(csv, 'utf8'), SET, { labelField: 'label_included', idField: 'record_id' });
  labelOf = new Map(set.records.map((r, i) => [norm(r.title), set.labels[i]!]));
  const file = await newReview('Priority screening acceptance');
  await importCsv(file, csv);
  served = await startServe(file);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  cleanupTemp();
});

describe.skipIf(!corpus)('priority screening in the workbench (conformance e2e)', () => {
  it(`screens ${SCREEN} records of ${SET} in relevance order; the progress picture follows and states the stopping rule`, async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    try {
      await openScreeningAs(page, served.url, 'Ann Reviewer');
      await page.getByRole('tab', { name: 'Priority screening' }).click();
      await page.getByRole('radio', { name: 'Relevance' }).check();
      const progress = page.getByRole('region', { name: 'Screening progress' });
      // Decisions are saved in the background; the picture follows once they are in.
      await expect
        .poll(() => progress.locator('.priority-counts').textContent(), { timeout: 90_000 })
        .toMatch(/^0 includes found in 0 of \d+/);
      const total = Number(
        /of ([\d,]+) records/.exec((await progress.locator('.priority-counts').textContent()) ?? '')![1]!.replace(/,/g, ''),
      );
      expect(total).toBeGreaterThan(SCREEN);
      expect(await page.getByTestId('stopping-state').textContent()).not.toBe('');

      await page.getByRole('tab', { name: 'Screen', exact: true }).click();
      const title = page.locator('#screen-record-title');
      let includes = 0;
      for (let n = 0; n < SCREEN; n++) {
        await expect.poll(() => title.textContent(), { timeout: 15_000 }).not.toBe('');
        const shown = norm((await title.textContent()) ?? '');
        const label = labelOf.get(shown) ?? 0;
        includes += label;
        const before = shown;
        await page.keyboard.press(label === 1 ? 'i' : 'e');
        if (n < SCREEN - 1) await expect.poll(async () => norm((await title.textContent()) ?? ''), { timeout: 15_000 }).not.toBe(before);
      }
      await shot(page, 'priority-screening-screen');

      await page.getByRole('tab', { name: 'Priority screening' }).click();
      // Decisions are saved in the background; the picture follows once they are in.
      await expect
        .poll(() => progress.locator('.priority-counts').textContent(), { timeout: 90_000 })
        .toBe(`${includes} includes found in ${SCREEN} of ${total.toLocaleString('en')} records`);
      // The plot of includes found over records screened says the same.
      expect(
        await progress.getByRole('img', { name: `${includes} includes found in ${SCREEN} of ${total} records screened` }).count(),
      ).toBe(1);
      // The stopping rule's state in words, and the paragraph the review's methods record.
      expect((await page.getByTestId('stopping-state').textContent())!.length).toBeGreaterThan(10);
      expect(await page.getByTestId('priority-methods-text').textContent()).toMatch(
        new RegExp(`Callaghan and Müller-Hansen .* ${SCREEN} of ${total.toLocaleString('en')} records had been screened`),
      );
      // The review's rule changes for everyone: stored, and the picture and the methods follow it.
      await page.getByRole('radio', { name: 'Consecutive excludes' }).check();
      await page.getByLabel('Stop after this many consecutive excludes').fill('100');
      await page.getByRole('button', { name: 'Save stopping rule' }).click();
      await expect.poll(() => page.getByTestId('stopping-state').textContent()).toMatch(/of the 100 that end screening/);
      await expect.poll(() => page.getByTestId('priority-methods-text').textContent()).toMatch(/a buffer of 100 consecutive records/);
      await shot(page, 'priority-screening-progress');
    } finally {
      await page.close();
    }
  });
});
