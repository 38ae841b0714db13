import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newReview } from './support/harness.ts';
import { pageRpc } from './support/page-rpc.ts';
import { decisionsSaved, importScreeningRecords, openScreeningAs } from './support/screening-records.ts';
import { shot } from './support/shots.ts';
import { useServedReview } from './support/served-review.ts';

// Acceptance (issue 14): screening 200 records at title/abstract by keyboard alone takes no
// more key presses than records plus conflicts. Title/abstract is dual-screened on the first
// 10% (20 records): a second reviewer has excluded those; the first reviewer then screens all
// 200 by keyboard, including five of the sample, and resolves the five conflicts that makes,
// one key each, without leaving the keyboard. Set GROVE_SHOTS=/some/dir to keep screenshots.

const RECORDS = 200;
const SAMPLE = 20;
const includes = (i: number) => i % 4 === 0;
const CONFLICTS = Array.from({ length: SAMPLE }, (_, k) => k + 1).filter(includes).length;

const review = useServedReview(
  async () => {
    const file = await newReview('Screening by keyboard');
    await importScreeningRecords(file, RECORDS);
    return file;
  },
  { timeoutMs: 120_000 },
);

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Serious and critical WCAG 2 A/AA violations on the page as it is (as accessibility.test.ts checks every stage). */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string | null }[] }> } }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

const openAs = (page: Page, name: string) => openScreeningAs(page, review.served.url, name);

const title = (page: Page) => page.locator('#screen-record-title');
async function waitForRecord(page: Page, i: number) {
  await expect.poll(() => title(page).textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^Record ${i}:`));
}

describe('Screening by keyboard (e2e)', () => {
  it(`screens ${RECORDS} records and resolves the conflicts in records + conflicts key presses`, async () => {
    // The second reviewer screens the dual sample first (excluding all of it).
    const second = await review.browser.newPage({ viewport: { width: 1366, height: 860 } });
    try {
      await openAs(second, 'Claire Cooper');
      await pageRpc(second, 'screening.settings.update', {
        patch: {
          stages: { 'title-abstract': { mode: 'dual', sample: { kind: 'first-percent', percent: 10 } } },
          highlight: { include: ['peer support', 'random*'], exclude: ['rats', 'mice'] },
        },
      });
      await waitForRecord(second, 1);
      for (let i = 1; i <= SAMPLE; i++) {
        await waitForRecord(second, i);
        await second.keyboard.press('e');
      }
      await waitForRecord(second, SAMPLE + 1);
      await decisionsSaved(second);
    } finally {
      await second.close();
    }

    // The page's CSP allows only its own scripts: let the test inject axe.
    const page = await review.browser.newPage({ viewport: { width: 1366, height: 860 }, bypassCSP: true });
    try {
      await openAs(page, 'Naomi Lyons');
      await waitForRecord(page, 1);
      await shot(page, 'screening-01-record');
      expect(await seriousViolations(page)).toEqual([]);
      // The review's terms are marked in the record (as elements, from its own lists).
      expect(await page.locator('mark.screen-term--include').count()).toBeGreaterThan(0);

      let presses = 0;
      const press = async (key: string) => {
        presses++;
        await page.keyboard.press(key);
      };
      for (let i = 1; i <= RECORDS; i++) {
        await waitForRecord(page, i);
        await press(includes(i) ? 'i' : 'e');
      }
      await page.getByText('Nothing left for you to screen at this stage.').waitFor();
      // The conflicts follow at once, in the same view: one key each.
      for (let left = CONFLICTS; left > 0; left--) {
        await expect
          .poll(() => page.getByTestId('conflicts-progress').textContent(), { timeout: 10_000 })
          .toMatch(new RegExp(`of ${left} `));
        if (left === CONFLICTS) {
          await shot(page, 'screening-02-conflict');
          expect(await seriousViolations(page)).toEqual([]);
        }
        await press('i');
      }
      await page.getByTestId('conflicts-empty').waitFor();
      expect(presses).toBe(RECORDS + CONFLICTS);
      await decisionsSaved(page);

      const status = await pageRpc<{
        stages: { stage: string; decisions: Record<string, { include: number; exclude: number }>; conflicts: number; resolved: number }[];
      }>(page, 'screening.status', {});
      const ta = status.stages.find((s) => s.stage === 'title-abstract')!;
      expect(ta.decisions['Naomi Lyons']).toMatchObject({ include: RECORDS / 4, exclude: RECORDS - RECORDS / 4 });
      expect(ta.decisions['Claire Cooper']).toMatchObject({ include: 0, exclude: SAMPLE });
      expect(ta.conflicts).toBe(0);
      expect(ta.resolved).toBe(CONFLICTS);
    } finally {
      await page.close();
    }
  }, 240_000);
});
