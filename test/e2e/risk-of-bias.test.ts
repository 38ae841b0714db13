import fs from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ROB1_DOMAINS } from '@grove/shared/rob/index';
import { readReviewDb } from './support/harness.ts';
import { shot } from './support/shots.ts';
import { useServedReview } from './support/served-review.ts';

// Acceptance: judge a RoB 1 domain with the keyboard only, and export the traffic-light
// figure as SVG naming every included study and every domain.

const review = useServedReview();

function texts(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string' || typeof node === 'number') out.push(String(node));
  else if (Array.isArray(node)) for (const n of node) texts(n, out);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) if (!k.startsWith('@_')) texts(v, out);
  return out;
}

describe('Risk of bias (e2e)', () => {
  it('judges a domain with the keyboard only and exports the traffic light as SVG', async () => {
    const db0 = readReviewDb(review.file);
    const included = (db0.prepare("SELECT label FROM study WHERE status = 'included' ORDER BY label").all() as { label: string }[]).map(
      (r) => r.label,
    );
    db0.close();
    expect(included.length).toBeGreaterThan(1);

    const page = await review.browser.newPage({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
    try {
      await page.goto(review.served.url);
      await page.getByLabel('Title', { exact: true }).waitFor();
      await page.keyboard.press('Alt+5');
      const heading = page.getByRole('heading', { level: 1, name: 'Risk of bias' });
      await heading.waitFor();
      await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);

      // Keyboard only: Tab into the grid, → to allocation concealment, H, then Enter for the support.
      await page.keyboard.press('Tab');
      const grid = page.getByRole('grid', { name: 'Risk of bias judgements' });
      const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
      await expect.poll(focusedLabel).toMatch(/, Sequence generation: /);
      const first = (await focusedLabel()).split(',')[0]!;
      await page.keyboard.press('ArrowRight');
      await expect.poll(focusedLabel).toMatch(new RegExp(`^${first}, Allocation concealment: `));
      await page.keyboard.press('u');
      await expect.poll(focusedLabel).toMatch(new RegExp(`^${first}, Allocation concealment: Unclear risk`));
      await page.keyboard.press('h');
      await expect.poll(focusedLabel).toMatch(new RegExp(`^${first}, Allocation concealment: High risk`));
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: `${first}: Allocation concealment (selection bias)` });
      await dialog.getByLabel('Support for judgement').waitFor();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Quote: "allocation by the site coordinator, who knew the next assignment"');
      await page.keyboard.press('Control+Enter');
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(focusedLabel).toContain('Support: Quote:');
      // A key domain at high decides the overall judgement, computed by the backend.
      await expect.poll(() => grid.getByRole('gridcell', { name: new RegExp(`^${first}, overall: High risk`) }).count()).toBe(1);

      // Judge and clear on the next study with 1/2/3 and Delete.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowLeft');
      await expect.poll(focusedLabel).toMatch(/, Sequence generation: /);
      const second = (await focusedLabel()).split(',')[0]!;
      await page.keyboard.press('1');
      await expect.poll(focusedLabel).toMatch(/Sequence generation: Low risk$/);
      await page.keyboard.press('Delete');
      await expect.poll(focusedLabel).toMatch(/Sequence generation: not judged$/);
      await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('Saved');
      await shot(page, '05-risk-of-bias');

      const db = readReviewDb(review.file);
      try {
        const rows = db
          .prepare(
            `SELECT s.label, j.domain, j.judgement, j.support FROM rob1_judgement j JOIN study s ON s.id = j.study_id ORDER BY s.label, j.domain`,
          )
          .all() as { label: string; domain: string; judgement: string | null; support: string }[];
        expect(rows.find((r) => r.label === first && r.domain === 'allocationConcealment')).toMatchObject({
          judgement: 'high',
          support: 'Quote: "allocation by the site coordinator, who knew the next assignment"',
        });
        expect(rows.find((r) => r.label === second && r.domain === 'sequenceGeneration')?.judgement ?? null).toBeNull();
      } finally {
        db.close();
      }

      // Export the traffic light as SVG and read it back.
      const figure = page.getByRole('figure', { name: /Risk of bias summary \(traffic light\)/ });
      await figure.scrollIntoViewIfNeeded();
      await shot(page, '06-rob-figures');
      const [download] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'Export SVG' }).click()]);
      expect(download.suggestedFilename()).toBe('risk-of-bias-summary.svg');
      const svg = fs.readFileSync((await download.path())!, 'utf8');
      const doc = new XMLParser({ ignoreAttributes: false, textNodeName: '#text' }).parse(svg);
      expect(doc.svg).toBeTruthy();
      const all = texts(doc.svg).join('\n');
      for (const label of included) expect(all).toContain(label);
      for (const d of ROB1_DOMAINS) {
        expect(all).toContain(d.key);
        expect(all).toContain(d.label);
      }
      expect(all).toContain(`${first} \u2014 D2 (${ROB1_DOMAINS[1]!.label}): High risk`);

      // PNG export produces an image too.
      const [png] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'Export PNG' }).click()]);
      expect(png.suggestedFilename()).toBe('risk-of-bias-summary.png');
      const bytes = fs.readFileSync((await png.path())!);
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    } finally {
      await page.close();
    }
  });
});
