import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageRpc } from './support/page-rpc.ts';
import { decisionsSaved } from './support/screening-records.ts';
import { screeningSession, type ScreeningSession } from './support/screening-session.ts';
import { shot } from './support/shots.ts';

// Acceptance (issue 14): two reviewers screen 105 records in duplicate, in real Chromium, by
// keyboard, in two browser contexts against one `grove serve`, with the cells of the
// published worked example of statpsych's ci.kappa (Bonett; the same table as
// test/integration/screen-status.test.ts): 31 both include, 12 first include / second
// exclude, 4 first exclude / second include, 58 both exclude. The Agreement view then shows
// κ 0.68 with 95% CI 0.53 to 0.82 (statpsych: 0.6757, 0.5317 to 0.8196). Set
// GROVE_SHOTS=/some/dir to keep a screenshot.

const RECORDS = 105;
/** Records 1–43 are included by the first reviewer, 1–31 and 44–47 by the second. */
const first = (i: number) => (i <= 43 ? 'i' : 'e');
const second = (i: number) => (i <= 31 || (i >= 44 && i <= 47) ? 'i' : 'e');

let session: ScreeningSession;
beforeAll(async () => {
  session = await screeningSession('statpsych ci.kappa', RECORDS);
}, 120_000);
afterAll(() => session?.close());

const reviewerPage = (name: string) => session.reviewerPage(name);

const onRecord = (page: Page, i: number) =>
  expect.poll(() => page.locator('#screen-record-title').textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^Record ${i}:`));

async function screenAll(page: Page, key: (i: number) => string): Promise<void> {
  for (let i = 1; i <= RECORDS; i++) {
    await onRecord(page, i);
    await page.keyboard.press(key(i));
  }
  await page.getByText('Nothing left for you to screen at this stage.').waitFor();
  await decisionsSaved(page);
}

interface Detail {
  n: number;
  kappa: number | null;
  kappaCi: [number, number] | null;
  categories: string[];
  table: number[][];
}

describe('Two reviewers reproduce the statpsych ci.kappa example (e2e)', () => {
  it('screens 105 records in duplicate by keyboard and shows κ 0.68 (95% CI 0.53 to 0.82)', async () => {
    const a = await reviewerPage('Ana Alves');
    await pageRpc(a, 'screening.settings.update', {
      patch: { stages: { 'title-abstract': { mode: 'dual', sample: { kind: 'all' } } } },
    });
    // The settings were changed behind the page's back: reload (the tab keeps its reviewer).
    await a.reload();
    await a.getByLabel('Title', { exact: true }).waitFor();
    await a.keyboard.press('Alt+3');
    await a.getByRole('heading', { level: 1, name: 'Screening' }).waitFor();
    await screenAll(a, first);

    const b = await reviewerPage('Ben Bauer');
    await screenAll(b, second);

    const agreement = await pageRpc<{ stage: string; all: Detail }[]>(b, 'screening.agreement', {});
    const all = agreement.find((s) => s.stage === 'title-abstract')!.all;
    expect(all.n).toBe(RECORDS);
    expect(all.categories).toEqual(['include', 'exclude']);
    // Rows: the first to decide (Ana); columns: the second (Ben).
    expect(all.table).toEqual([
      [31, 12],
      [4, 58],
    ]);
    expect(all.kappa!).toBeCloseTo(0.6757, 4);
    expect(all.kappaCi![0]).toBeCloseTo(0.5317, 4);
    expect(all.kappaCi![1]).toBeCloseTo(0.8196, 4);

    // As displayed by the app.
    await b.getByRole('tab', { name: 'Agreement' }).click();
    await expect.poll(() => b.getByTestId('kappa-title-abstract').textContent(), { timeout: 10_000 }).toBe('0.68 (95% CI 0.53 to 0.82)');
    await shot(b, 'statpsych-agreement', { fullPage: true });
  }, 300_000);
});
