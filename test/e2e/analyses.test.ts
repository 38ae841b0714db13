import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROB1_DOMAINS } from '@grove/shared/rob/index';
import { tempDir } from '../support/temp.ts';
import { exampleCopy, startServe } from './support/harness.ts';
import { useServedReview } from './support/served-review.ts';
import { SHOTS_DIR, shot } from './support/shots.ts';

// Acceptance (Analyses): on the Fleiss (1993) example, open the analysis, switch the model
// and the preset and see the plot and the numbers change; judge risk of bias through the
// API and run the "low risk of bias only" sensitivity analysis (first not possible, then
// with the studies that remain); export the forest plot as SVG and as PDF (the print view,
// printed by Chromium). The peer-support example has no outcome data and says so.

const session = useServedReview(() => exampleCopy('fleiss1993'));
let dir: string;
let cleanupDir: () => void;

async function judgeAllLow(studyId: string) {
  for (const d of ROB1_DOMAINS)
    await session.rpc('rob.setDomain', {
      studyId,
      domain: d.id,
      entry: { level: 'study', judgement: 'low', support: 'Judged in the e2e test' },
    });
}

beforeAll(async () => {
  const t = tempDir('grove-e2e-an-');
  dir = t.dir;
  cleanupDir = t.cleanup;
});

afterAll(async () => {
  cleanupDir?.();
});

function texts(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string' || typeof node === 'number') out.push(String(node));
  else if (Array.isArray(node)) for (const n of node) texts(n, out);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) if (!k.startsWith('@_')) texts(v, out);
  return out;
}

/** Recomputation goes through the HTTP host; give it a few seconds on a slow machine. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });

const STUDIES = ['Davis', 'Florell', 'Gruen', 'Hart', 'Wilson'];

async function forestSrc(page: Page): Promise<string> {
  return (await page.getByRole('img', { name: /^Forest plot of/ }).getAttribute('src')) ?? '';
}

describe('Analyses (e2e)', () => {
  it('switches model and preset, runs the low-risk-of-bias sensitivity analysis and exports the forest plot as SVG and PDF', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused/.test(m.text())) violations.push(m.text());
    });
    try {
      await page.goto(session.served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+6');
      await page.getByRole('heading', { level: 1, name: 'Analyses' }).waitFor();
      const row = page.getByRole('row', { name: /Medical utilisation/ });
      await poll(() => row.textContent()).toContain('MD -0.74 [-1.46, -0.02]');
      expect(await row.textContent()).toContain('232');
      await shot(page, 'analyses-dashboard');

      await page.getByRole('button', { name: 'Medical utilisation' }).click();
      const estimate = page.getByTestId('pooled-estimate');
      await poll(() => estimate.textContent()).toBe('-0.74 [-1.46, -0.02]');
      const randomSrc = await forestSrc(page);
      expect(decodeURIComponent(randomSrc)).toContain('IV, Random, 95% CI');
      await shot(page, 'analysis-random');

      await page.getByRole('radio', { name: 'Fixed effect' }).check();
      await poll(() => estimate.textContent()).toBe('-0.71 [-1.26, -0.16]');
      await poll(() => forestSrc(page)).not.toBe(randomSrc);
      expect(decodeURIComponent(await forestSrc(page))).toContain('IV, Fixed, 95% CI');
      expect(await page.getByTestId('method').textContent()).toBe('Mean difference, IV, Fixed, 95% CI');

      await page.getByRole('radio', { name: 'Random effects' }).check();
      await poll(() => estimate.textContent()).toBe('-0.74 [-1.46, -0.02]');
      await page.getByLabel('Methods preset').selectOption('cochrane2025');
      await poll(() => page.getByTestId('method').textContent()).toMatch(/Random \(τ² REML, HKSJ\)/);
      expect(await estimate.textContent()).not.toBe('-0.74 [-1.46, -0.02]');
      await page.getByLabel('Methods preset').selectOption('revman5');
      await poll(() => estimate.textContent()).toBe('-0.74 [-1.46, -0.02]');

      // Nobody has judged risk of bias: the planned sensitivity analysis is not possible, and says why.
      const planned = page.getByRole('region', { name: 'Planned in the protocol' });
      await poll(() => planned.textContent()).toContain('Not possible: no studies at low risk of bias (at least 3 needed).');

      // Two studies judged low on every domain through the API; the stage refetches when the window regains focus.
      await judgeAllLow('study-davis');
      await judgeAllLow('study-hart');
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await poll(() => planned.textContent()).toContain('Not possible: only 2 studies at low risk of bias (at least 3 needed).');
      await page.getByLabel('Sensitivity analysis').selectOption({ label: 'Low risk of bias only' });
      const np = page.getByRole('note', { name: 'Not possible' });
      await poll(() => np.textContent()).toContain('only 2 studies at low risk of bias (at least 3 needed)');
      const narrative = page.getByTestId('narrative');
      await poll(() => narrative.textContent()).toContain('Davis');
      expect(await narrative.textContent()).toContain('Hart');
      expect(await narrative.textContent()).not.toContain('Gruen');
      await shot(page, 'analysis-not-possible');

      // A third study at low risk: the sensitivity analysis pools Davis, Florell and Hart.
      await judgeAllLow('study-florell');
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await poll(() => page.getByRole('img', { name: /^Forest plot of 3 studies/ }).count()).toBe(1);
      const svg3 = decodeURIComponent(await forestSrc(page));
      for (const s of ['Davis', 'Florell', 'Hart']) expect(svg3).toContain(`>${s}<`);
      for (const s of ['Gruen', 'Wilson']) expect(svg3).not.toContain(`>${s}<`);
      const contributions = page.getByTestId('contributions');
      expect(await contributions.getByRole('row', { name: /Gruen/ }).textContent()).toContain('overall risk of bias not yet judged');
      await shot(page, 'analysis-low-rob');

      // Back to all studies; export the plot as SVG.
      await page.getByLabel('Sensitivity analysis').selectOption({ label: 'None: all studies' });
      await poll(() => page.getByRole('img', { name: /^Forest plot of 5 studies/ }).count()).toBe(1);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
      expect(download.suggestedFilename()).toBe('forest-medical-utilisation-post-intervention.svg');
      const svgFile = path.join(dir, 'forest.svg');
      await download.saveAs(svgFile);
      const parsed = new XMLParser({ ignoreAttributes: false }).parse(fs.readFileSync(svgFile, 'utf8')) as { svg?: unknown };
      expect(parsed.svg).toBeTruthy();
      const words = texts(parsed.svg);
      for (const s of STUDIES) expect(words).toContain(s);
      expect(words.join(' ')).toContain('Favours intervention');

      // PNG at print resolution.
      const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Export PNG/ }).click()]);
      const pngFile = path.join(dir, 'forest.png');
      await png.saveAs(pngFile);
      const head = fs.readFileSync(pngFile);
      expect(head.subarray(1, 4).toString()).toBe('PNG');
      expect(head.readUInt32BE(16)).toBeGreaterThan(2000); // 719 px × 300/96

      // PDF: the print view, printed by Chromium (window.print() opens the same in a browser).
      await page.evaluate(() => {
        (window as unknown as { printed: number }).printed = 0;
        window.print = () => void ((window as unknown as { printed: number }).printed += 1);
      });
      await page.getByRole('button', { name: 'Print / PDF' }).click();
      await poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
      const pdfFile = path.join(SHOTS_DIR ?? dir, 'forest-plot.pdf');
      await page.pdf({ path: pdfFile, preferCSSPageSize: true, printBackground: true });
      const text = execFileSync('/usr/bin/pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
      expect(text).toContain('Forest plot of comparison: Medical utilisation: post-intervention.');
      for (const s of STUDIES) expect(text).toContain(s);
      // Only the figure is printed, none of the app around it.
      expect(text).not.toContain('Planned in the protocol');
      expect(text).not.toContain('Analysis dashboard');
      const pages = execFileSync('/usr/bin/pdfinfo', [pdfFile], { encoding: 'utf8' });
      expect(pages).toMatch(/Pages:\s+1\b/);

      // Funnel plot: plotly.js, loaded lazily, draws under the page's CSP.
      await page.getByRole('button', { name: 'Show funnel plot' }).click();
      await page.locator('.an-funnel__plot[data-drawn="true"]').waitFor({ timeout: 30_000 });
      expect(await page.locator('.an-funnel__plot svg.main-svg').count()).toBeGreaterThan(0);
      expect(await page.getByRole('button', { name: 'Run Egger’s test' }).isDisabled()).toBe(true);
      await page.locator('.an-funnel').scrollIntoViewIfNeeded();
      await shot(page, 'analysis-funnel');
      expect(violations.filter((v) => /plotly/i.test(v))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('says plainly that the peer-support example has no outcome data to analyse', async () => {
    const other = await startServe(await exampleCopy());
    const page = await session.browser.newPage({ viewport: { width: 1366, height: 860 } });
    try {
      await page.goto(other.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+6');
      await page.getByRole('heading', { level: 1, name: 'Analyses' }).waitFor();
      const note = page.getByRole('note').filter({ hasText: 'outcome data' });
      await poll(() => note.textContent()).toMatch(
        /None of the \d+ included studies have outcome data entered, so there is nothing to pool\./,
      );
      expect(await page.getByRole('table').count()).toBe(0);
      await shot(page, 'analyses-peer-support-empty');
    } finally {
      await page.close();
      await other.stop();
    }
  });
});
