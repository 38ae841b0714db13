import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useServedReview } from './support/served-review.ts';

// Issue 12 item 9: an automated accessibility check (axe-core, injected into the page) on
// every stage of the example review: no serious or critical violations of WCAG 2 A/AA.
// Also: a favicon, so no load ends in a 404, and the "Choose reviewer" banner goes for the
// session once dismissed.

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const STAGES = [
  ['Alt+1', 'Protocol'],
  ['Alt+2', 'Records'],
  ['Alt+3', 'Screening'],
  ['Alt+4', 'Studies & data'],
  ['Alt+5', 'Risk of bias'],
  ['Alt+6', 'Analyses'],
  ['Alt+7', 'Reports'],
] as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const review = useServedReview();

/** Serious and critical WCAG 2 A/AA violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations as Violation[];
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const describeViolations = (vs: Violation[]) =>
  vs.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe('accessibility of every stage (axe-core, e2e)', () => {
  it('has no serious or critical violations on any stage of the example review, and no 404 on load', async () => {
    // The page's CSP allows only its own scripts: let the test inject axe.
    const page = await review.browser.newPage({ viewport: { width: 1366, height: 900 }, bypassCSP: true });
    const missing: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 404) missing.push(r.url());
    });
    try {
      await page.goto(review.served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      const found: Record<string, string[]> = {};
      for (const [keys, name] of STAGES) {
        await page.keyboard.press(keys);
        await page.getByRole('heading', { level: 1, name }).waitFor();
        await page.waitForLoadState('networkidle');
        const vs = await seriousViolations(page);
        if (vs.length) found[name] = describeViolations(vs);
      }
      expect(found).toEqual({});
      expect(missing).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('takes the "Choose reviewer" banner away for the session once dismissed', async () => {
    const page = await review.browser.newPage({ viewport: { width: 1366, height: 900 } });
    try {
      await page.goto(review.served.url);
      const banner = page.getByRole('note').filter({ hasText: 'Choose who you are' });
      await banner.waitFor();
      await banner.getByRole('button', { name: 'Not now' }).click();
      await banner.waitFor({ state: 'detached' });
      await page.reload();
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+4');
      await page.getByRole('heading', { level: 1, name: 'Studies & data' }).waitFor();
      expect(await page.getByText('Choose who you are').count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});
