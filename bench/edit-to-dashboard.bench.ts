import type { Page } from 'playwright-core';
import { launchBrowser, startServe } from '../test/e2e/support/harness.ts';
import { tempDir } from '../test/support/temp.ts';
import type { BenchFigure } from './run.ts';
import { writeSyntheticReview } from './support/synthetic-review.ts';

// The renderer's data layer, end to end: on the 300-study review (20 outcomes × 3
// timepoints, 60 analyses) served by `grove serve` to Chromium, one keystroke in a results
// grid cell → the status bar says "Saved" → the user switches to Analyses → the dashboard
// shows the recomputed estimate. Everything a user waits for is in the figure: the
// autosave delay, the round trips, the refetches and React's rendering.

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

const DASHBOARD = '.an-dash tbody';

/** What the page-side functions use of the page (this module is type-checked without the DOM's types). */
interface PageGlobals {
  __saveLog: { text: string; t: number }[];
  document: { querySelector(selector: string): { textContent: string | null } | null };
}

/** Records every text the save status shows, with the page's clock, from now on. */
async function watchSaveStatus(page: Page): Promise<void> {
  // Page-side code as text: this module is type-checked without the DOM's types.
  await page.evaluate(`(() => {
    const el = document.querySelector('[data-testid="save-status"]');
    if (!el) throw new Error('no save status in the page');
    window.__saveLog = [];
    new MutationObserver(() => window.__saveLog.push({ text: el.textContent ?? '', t: performance.now() }))
      .observe(el, { childList: true, characterData: true, subtree: true });
  })()`);
}

/** The page time at which the status first said "Saved" after saying "Saving…", both after t0. */
async function savedAfter(page: Page, t0: number): Promise<number> {
  // A function, not text: the page's Content Security Policy forbids eval.
  const handle = await page.waitForFunction(
    (since) => {
      const page = globalThis as unknown as PageGlobals;
      const log = page.__saveLog.filter((e) => e.t >= since);
      const busy = log.findIndex((e) => e.text === 'Saving…');
      if (busy < 0) return null;
      return log.slice(busy).find((e) => e.text === 'Saved')?.t ?? null;
    },
    t0,
    { timeout: 30_000, polling: 5 },
  );
  return (await handle.jsonValue()) as number;
}

async function dashboardText(page: Page): Promise<string> {
  await page.locator(DASHBOARD).waitFor({ timeout: 60_000 });
  return (await page.locator(DASHBOARD).textContent()) ?? '';
}

export default async function run(): Promise<BenchFigure[]> {
  const { dir, cleanup } = tempDir('grove-bench-');
  const file = writeSyntheticReview(dir, { studies: 300, outcomes: 20 });
  const served = await startServe(file);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    await page.goto(served.url);
    await page.getByLabel('Title', { exact: true }).waitFor();

    // Warm up: the dashboard once, then the results grid of Study 000.
    await page.keyboard.press('Alt+6');
    let before = await dashboardText(page);
    await page.keyboard.press('Alt+4');
    await page.getByRole('button', { name: 'Study 000' }).first().click();
    await page.getByRole('tab', { name: 'Outcome data' }).click();
    const cell = page.locator('input[aria-label^="Mean, intervention, Outcome 1 at 0 weeks"]').first();
    await cell.waitFor();
    await watchSaveStatus(page);

    const toSaved: number[] = [];
    const toDashboard: number[] = [];
    const total: number[] = [];
    for (let i = 0; i < 7; i++) {
      const value = i % 2 ? '9.5' : '14.5';
      const t0 = await page.evaluate<number>('performance.now()');
      await cell.fill(value);
      const tSaved = await savedAfter(page, t0);
      const tLeave = await page.evaluate<number>('performance.now()');
      await page.keyboard.press('Alt+6');
      const handle = await page.waitForFunction(
        ([selector, previous]) => {
          const el = (globalThis as unknown as PageGlobals).document.querySelector(selector);
          return el && el.textContent !== previous ? performance.now() : null;
        },
        [DASHBOARD, before] as const,
        { timeout: 60_000, polling: 'raf' },
      );
      const tDash = (await handle.jsonValue()) as number;
      before = await dashboardText(page);
      toSaved.push(tSaved - t0);
      toDashboard.push(tDash - tLeave);
      total.push(tSaved - t0 + (tDash - tLeave));
      await page.keyboard.press('Alt+4');
      await cell.waitFor();
    }
    return [
      { name: 'results grid keystroke → "Saved" in the status bar (median of 7)', value: median(toSaved), unit: 'ms' },
      { name: 'switch to Analyses → dashboard shows the new estimate (median of 7)', value: median(toDashboard), unit: 'ms' },
      { name: 'keystroke → saved → dashboard updated, 300 studies (median of 7)', value: median(total), unit: 'ms' },
    ];
  } finally {
    await browser.close();
    await served.stop();
    cleanup();
  }
}
