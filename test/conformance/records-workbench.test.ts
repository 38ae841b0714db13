import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTemp, launchBrowser, newReview, readReviewDb, startServe, type Served } from '../e2e/support/harness.ts';
import { findCorpus } from './support/corpus.ts';
import { shot } from '../e2e/support/shots.ts';

// Acceptance (issue 13), in real Chromium against `grove serve`: two corpus exports imported
// through the Records stage's wizard, the counts shown, three pairs of the duplicate queue
// resolved by keyboard and one decision undone, and the PRISMA identification counts
// following — each checked against what the review file holds.

const corpus = findCorpus();
const FILES = ['asysd_zotero_export.ris', 'asysd_ris_export.txt'] as const;

let browser: Browser;
let served: Served;
let file: string;

beforeAll(async () => {
  if (!corpus) return;
  file = await newReview('Records acceptance');
  served = await startServe(file);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  cleanupTemp();
});

async function importFile(page: Page, name: string, source: string): Promise<string> {
  await page.getByRole('button', { name: 'Import records…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import records' });
  await dialog.waitFor();
  await dialog.getByLabel('Export file').setInputFiles(path.join(corpus!, 'records', name));
  await dialog.getByRole('table', { name: 'The first records' }).waitFor({ timeout: 60_000 });
  await shot(page, `records-wizard-preview-${source}`);
  const total = await dialog.getByTestId('preview-total').textContent();
  await dialog.getByRole('button', { name: 'Next: search details' }).click();
  await dialog.getByLabel('Database or source').fill(source);
  await dialog.getByLabel('Date searched').fill('2024-03-01');
  await dialog.getByRole('button', { name: `Import ${total} records` }).click();
  const summary = dialog.getByTestId('import-summary');
  await summary.waitFor({ timeout: 120_000 });
  const text = (await summary.textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'detached' });
  return text;
}

/** Waits until the queue's counts read `expected`, so the next key meets an idle queue. */
async function queueCounts(page: Page, expected: RegExp) {
  await expect.poll(() => page.getByTestId('queue-counts').textContent(), { timeout: 30_000 }).toMatch(expected);
}

/** Presses a queue key once the queue is idle: a key pressed while it is busy is ignored on purpose (no double decision). */
async function queueKey(page: Page, key: string) {
  const queue = page.getByRole('region', { name: 'Duplicate review queue' });
  await expect.poll(() => queue.getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');
  await page.keyboard.press(key);
}

describe.skipIf(!corpus)('Records stage in the workbench (corpus)', () => {
  it('imports two exports, resolves three queue pairs by keyboard, undoes one, and the PRISMA counts follow', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(served.url);
    await page
      .getByRole('button', { name: /Records/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Records' }).waitFor();

    const first = await importFile(page, FILES[0], 'Zotero library');
    expect(first).toMatch(/Records imported(\d+)/);
    const second = await importFile(page, FILES[1], 'MEDLINE');
    expect(second).toMatch(/Records imported(\d+)/);

    const db = () => readReviewDb(file);
    const stored = () => {
      const d = db();
      try {
        const one = (sql: string) => (d.prepare(sql).get() as { n: number }).n;
        return {
          records: one('SELECT count(*) AS n FROM record'),
          merged: one('SELECT count(*) AS n FROM record_merge'),
          searches: one("SELECT count(*) AS n FROM search_log WHERE origin = 'imported'"),
        };
      } finally {
        d.close();
      }
    };
    const afterImport = stored();
    expect(afterImport.searches).toBe(2);
    expect(afterImport.merged).toBeGreaterThan(0);
    const remaining = afterImport.records - afterImport.merged;
    await expect
      .poll(() => page.getByTestId('records-count').textContent())
      .toContain(`${afterImport.records} in the review: ${remaining} remaining, ${afterImport.merged} duplicates`);
    await shot(page, 'records-table');

    await page.getByRole('tab', { name: /Duplicates to review/ }).click();
    const open = Number(/(\d+) pairs? to review/.exec((await page.getByTestId('queue-counts').textContent()) ?? '')?.[1]);
    expect(open).toBeGreaterThanOrEqual(3);
    await page.getByRole('table', { name: 'The two records, field by field' }).waitFor();
    await shot(page, 'records-queue');

    await queueKey(page, 'd');
    await queueCounts(page, new RegExp(`^${open - 1} pairs? to review · 1 decided`));
    await queueKey(page, 'n');
    await queueCounts(page, new RegExp(`^${open - 2} pairs? to review · 2 decided`));
    await queueKey(page, 'd');
    await queueCounts(page, new RegExp(`^${open - 3} pairs? to review · 3 decided`));
    expect(stored().merged).toBe(afterImport.merged + 2);
    // Undo the last one: its merge goes, and the pair is back in the queue.
    await queueKey(page, 'u');
    await queueCounts(page, new RegExp(`^${open - 2} pairs? to review · 2 decided`));
    const end = stored();
    expect(end.merged).toBe(afterImport.merged + 1);

    await page.getByRole('tab', { name: /Searches & PRISMA/ }).click();
    const counts = page.getByTestId('prisma-counts');
    await counts.waitFor();
    const count = (name: string) => counts.locator(`[data-count="${name}"]`).textContent();
    expect(await count('databaseRecords')).toBe(String(end.records));
    expect(await count('duplicatesRemoved')).toBe(String(end.merged));
    expect(await count('recordsToScreen')).toBe(String(end.records - end.merged));
    await shot(page, 'records-prisma');
    await page.close();
  });
});
