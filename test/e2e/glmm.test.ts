import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCorpus } from '../conformance/support/corpus.ts';
import { cleanupTemp, importedReview, launchBrowser, startServe, type Served } from './support/harness.ts';
import { shot } from './support/shots.ts';

// Issue 17, the binomial-normal GLMM in the workbench, in real Chromium against `grove serve`:
// the Fleiss 1993 aspirin trials (the corpus's RevMan file, an MH fixed-effect odds ratio)
// show the GLMM beside the other beyond-RevMan panels. metafor 3.8 rma.glmm(measure = "OR",
// model = "UM.FS", method = "FE") on these trials: β = −0.1089167, SE 0.0331190, i.e. OR
// 0.90 [0.84, 0.96], P = 0.001. Skips without the corpus. GROVE_SHOTS=/dir keeps a screenshot.

const corpus = findCorpus();
const rm5 = corpus ? path.join(corpus, 'rm5', 'Fleiss1993.rm5') : null;
let browser: Browser;
let served: Served;

describe.skipIf(!rm5 || !fs.existsSync(rm5))('the GLMM panel (e2e)', () => {
  beforeAll(async () => {
    served = await startServe(await importedReview(fs.readFileSync(rm5 as string, 'utf8'), 'fleiss-dich'));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    cleanupTemp();
  });

  it('fits the GLMM of an odds-ratio outcome with the outcome’s model and shows it with its method', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await page.goto(served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+6');
      const tree = page.getByRole('tree', { name: 'Comparisons and outcomes' });
      await tree.getByRole('treeitem', { name: /^1\.1 / }).click();
      const glmm = page.getByRole('region', { name: /Binomial-normal GLMM/ });
      await glmm.getByRole('button', { name: 'Show GLMM' }).click();
      const result = page.getByTestId('glmm-result');
      await expect.poll(() => result.textContent(), { timeout: 60_000 }).toContain('Odds ratio 0.90 [0.84, 0.96]');
      expect(await result.textContent()).toContain('(fixed effect (logistic regression); 7 studies)');
      expect(await glmm.getByRole('button', { name: 'Hide GLMM' }).getAttribute('aria-pressed')).toBe('true');
      // The methods paragraph names it once it is shown.
      await page.getByRole('button', { name: 'Show methods text' }).click();
      await expect
        .poll(() => page.locator('.an-methods').textContent(), { timeout: 30_000 })
        .toContain('binomial-normal generalised linear mixed model');
      await shot(page, 'glmm-panel', { of: glmm });
    } finally {
      await page.close();
    }
  }, 120_000);
});
