import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.ts';
import { cleanupTemp, exampleCopy, launchBrowser, startServe, type Served } from './support/harness.ts';
import { SHOTS_DIR } from './support/shots.ts';

// Issue 12 item 3 (acceptance): the printed summary of findings of the Fleiss (1993)
// example, before anyone rates its analysis or fills the header, says "Not yet rated" (no
// ⨁⨁⨁⨁ HIGH) and prints each unfilled header part as a visible gap, not as
// "Intervention compared to comparator … Intervention: Intervention".

let browser: Browser;
let served: Served;
let dir: string;
let cleanupDir: () => void;
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });

beforeAll(async () => {
  const t = tempDir('grove-e2e-sof-');
  dir = t.dir;
  cleanupDir = t.cleanup;
  served = await startServe(await exampleCopy('fleiss1993'));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  cleanupDir?.();
  cleanupTemp();
});

describe('Summary of findings before anyone rates (e2e)', () => {
  it('prints "not yet rated" and the header gaps to fill', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    try {
      await page.goto(served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+7');
      await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
      await page.evaluate(() => {
        (window as unknown as { printed: number }).printed = 0;
        window.print = () => void ((window as unknown as { printed: number }).printed += 1);
      });
      await page.getByRole('tab', { name: 'Summary of findings' }).click();
      const preview = page.getByRole('region', { name: /print preview$/ });
      await poll(() => preview.textContent()).toContain('Medical utilisation');

      await page.getByRole('button', { name: 'Print / PDF' }).click();
      await poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
      const pdf = path.join(SHOTS_DIR ?? dir, 'sof-unrated.pdf');
      if (SHOTS_DIR) fs.mkdirSync(SHOTS_DIR, { recursive: true });
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      const text = execFileSync('/usr/bin/pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

      expect(text.toLowerCase()).toContain('not yet rated');
      expect(text).not.toMatch(/⨁⨁⨁⨁|HIGH|Not serious/);
      expect(text).toContain('[intervention: to be filled in] compared to [comparator: to be filled in] for [population: to be filled in]');
      expect(text).toContain('Intervention: [intervention: to be filled in]. Comparison: [comparator: to be filled in].');
      expect(text).not.toContain('Intervention compared to comparator');
      expect(text).not.toContain('Intervention: Intervention');
    } finally {
      await page.close();
    }
  });
});
