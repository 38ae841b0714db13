import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTemp, launchBrowser, newReview, startServe, type Served } from './support/harness.ts';

// Issue 12 item 1 (acceptance): a review made with `grove new` starts from a neutral RCT
// form. Its Studies › Extraction form and its Table 1 columns show nothing of the seed
// (peer-support) review. Set GROVE_SHOTS=/some/dir to keep screenshots.

let browser: Browser;
let served: Served;
const shots = process.env.GROVE_SHOTS;

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
// "Sex % F" is left out: it is a general heading for the neutral Female field, which the
// renderer still takes from the seed's column list (see table1DefaultColumns).

beforeAll(async () => {
  served = await startServe(await newReview());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  cleanupTemp();
});

async function shot(page: Page, name: string) {
  if (!shots) return;
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

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
      await shot(page, 'new-review-form');
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
      await shot(page, 'new-review-table1');
      expect(headers.map((h) => h.trim())).toEqual(expect.arrayContaining(['Study ID', 'Country', 'N', 'Age']));
      expect(seedWordsIn(headers.join('\n'))).toEqual([]);
      expect(seedWordsIn(await main.innerText())).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
