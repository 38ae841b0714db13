import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { decodeRm5Bytes } from '../shared/src/rm5/decode.ts';
import { parseXmlTree } from '../shared/src/rm5/xml-tree.ts';
import { importRm5 } from '../db/src/rm5/import-rm5.ts';
import { loadRm5Bytes } from '../db/src/rm5/load-rm5.ts';
import { launchBrowser, startServe } from '../test/e2e/support/harness.ts';
import { findCorpus } from '../test/conformance/support/corpus.ts';
import { tempDir } from '../test/support/temp.ts';
import type { BenchFigure } from './run.ts';
import { generate } from './rm5.bench.ts';
import { cpuMeter, loadAverage, type CpuReading } from './support/cpu-meter.ts';

// The Analyses stage on the one analysis model (issue 10), in Chromium against `grove serve`,
// on the generated 4 MB review of rm5.bench.ts (600 studies, 900 rows, imported): opening an
// outcome from the outline (click → its pooled result and forest plot on screen), and one
// data-row edit (Enter in a cell → the forest plot redrawn). Timed with performance marks in
// the page; each outcome is opened for the first time (nothing cached). Beside the wall times:
// the CPU per action of the server and of Chromium (bench/support/cpu-meter.ts), the API calls
// each action made and the machine's load average, since two cores are shared and wall times
// follow the load. Skipped without the corpus.

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

interface PageGlobals {
  document: { querySelector(selector: string): { getAttribute(n: string): string | null; textContent: string | null } | null };
  performance: { mark(n: string): void; measure(n: string, start: string, end: string): { duration: number } };
}

const FOREST = 'img[alt^="Forest plot of"]';

/** Marks `name-start` in the page; the caller then acts. */
async function markStart(page: Page, name: string): Promise<void> {
  await page.evaluate((n) => void performance.mark(`${n}-start`), name);
}

/** Waits until the forest plot shows an outcome other than `previousSrc` under heading `number`, and measures from the mark. */
async function measureUntilForest(page: Page, name: string, previousSrc: string | null, heading: string | null): Promise<number> {
  const handle = await page.waitForFunction(
    ([n, prev, h]) => {
      const g = globalThis as unknown as PageGlobals;
      const img = g.document.querySelector('img[alt^="Forest plot of"]');
      const title = g.document.querySelector('.an-view__title');
      if (!img || img.getAttribute('src') === prev) return null;
      if (h && !(title?.textContent ?? '').startsWith(h)) return null;
      g.performance.mark(`${n}-end`);
      return g.performance.measure(n, `${n}-start`, `${n}-end`).duration;
    },
    [name, previousSrc, heading] as const,
    { timeout: 60_000, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const cpuText = (c: CpuReading) => `server ${round1(c.server)} ms + Chromium ${round1(c.browser)} ms`;

/** Sums the CPU and API calls of a series of actions, each measured on its own. */
function tally() {
  const cpu = { server: 0, browser: 0 };
  const calls: string[] = [];
  let actions = 0;
  return {
    cpu,
    calls,
    add(from: CpuReading, to: CpuReading, made: string[]) {
      cpu.server += to.server - from.server;
      cpu.browser += to.browser - from.browser;
      calls.push(...made);
      actions++;
    },
    mean(): CpuReading {
      return { server: cpu.server / actions, browser: cpu.browser / actions };
    },
    callsPerAction(): string {
      const counts = new Map<string, number>();
      for (const c of calls) counts.set(c, (counts.get(c) ?? 0) + 1);
      return [...counts].map(([m, n]) => `${m} ×${round1(n / actions)}`).join(', ') || 'none';
    },
  };
}

export default async function run(): Promise<BenchFigure[]> {
  const corpus = findCorpus();
  const source = corpus ? path.join(corpus, 'rm5', 'antibiotics-for-sore-throat.rm5') : null;
  const skipped = (note: string): BenchFigure[] => [
    { name: 'open an outcome of the 4 MB review (outline click → forest plot)', value: NaN, unit: 'ms', target: 200, note },
    { name: 'one data-row edit → forest plot redrawn', value: NaN, unit: 'ms', target: 100, note },
  ];
  if (!source || !fs.existsSync(source)) return skipped('skipped: no corpus (set GROVE_CORPUS)');
  const { dir, cleanup } = tempDir('grove-bench-outcome-');
  const { bytes, studies, rows } = generate(parseXmlTree(decodeRm5Bytes(fs.readFileSync(source))));
  const file = path.join(dir, 'generated.grove');
  importRm5(loadRm5Bytes('generated.rm5', bytes), file).review.close();
  const served = await startServe(file);
  const browser = await launchBrowser();
  try {
    const meter = await cpuMeter(browser, served.process.pid);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const made: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/rpc')
        made.push((JSON.parse(r.postData() ?? '{}') as { method?: string }).method ?? '?');
    });
    await page.goto(served.url);
    await page.getByLabel('Title', { exact: true }).waitFor();
    await page.keyboard.press('Alt+6');
    const outcomes = page.locator('[role="treeitem"][aria-level="2"]');
    await outcomes.first().waitFor({ timeout: 60_000 });
    const count = await outcomes.count();
    // What the stage reads when it is shown is not part of opening an outcome.
    await page.waitForLoadState('networkidle');

    // Opening: outcomes with a forest plot, each for the first time (warm-up on the first).
    const open: number[] = [];
    const openTally = tally();
    let previous: string | null = null;
    for (let i = 0; i < Math.min(count, 12) && open.length < 8; i++) {
      const item = outcomes.nth(i);
      const number = ((await item.locator('.an-tree__number').textContent()) ?? '').trim();
      made.length = 0;
      const c0 = await meter.read();
      await markStart(page, `open-${i}`);
      await item.click();
      try {
        const ms = await measureUntilForest(page, `open-${i}`, previous, `${number} `);
        const c1 = await meter.read();
        previous = await page.locator(FOREST).getAttribute('src');
        if (i > 0) {
          open.push(ms);
          openTally.add(c0, c1, made);
        }
      } catch {
        // An outcome with no forest plot (no rows, or other data): not an opening to time.
      }
    }
    const openLoad = loadAverage();

    // Editing: a cell of the open outcome's first direct row, two values in turn.
    // The second cell (total, SD or SE) stays valid when raised by one.
    const cell = page.locator('.an-data__cell').nth(1);
    await cell.waitFor();
    const original = await cell.inputValue();
    const edit: number[] = [];
    const editTally = tally();
    for (let i = 0; i < 8; i++) {
      const before = await page.locator(FOREST).getAttribute('src');
      await cell.fill(i % 2 ? original : String(Number(original) + 1));
      made.length = 0;
      const c0 = await meter.read();
      await markStart(page, `edit-${i}`);
      await cell.press('Enter');
      const ms = await measureUntilForest(page, `edit-${i}`, before, null);
      const c1 = await meter.read();
      if (i > 0) {
        edit.push(ms);
        editTally.add(c0, c1, made);
      }
      await cell.focus();
    }
    const note = `${(bytes.length / 1e6).toFixed(1)} MB, ${studies} studies, ${rows} rows, ${count} outcomes`;
    const openCpu = openTally.mean();
    const editCpu = editTally.mean();
    return [
      {
        name: `open an outcome of the 4 MB review (outline click → forest plot, median of ${open.length})`,
        value: median(open),
        unit: 'ms',
        target: 200,
        note: `${note}; ${openLoad}`,
      },
      {
        name: 'open an outcome: CPU per opening (server + Chromium, mean)',
        value: round1(openCpu.server + openCpu.browser),
        unit: 'ms',
        target: 200,
        note: `${cpuText(openCpu)}; API calls per opening: ${openTally.callsPerAction()}`,
      },
      {
        name: `one data-row edit → forest plot redrawn (median of ${edit.length})`,
        value: median(edit),
        unit: 'ms',
        target: 100,
        note: `${note}; ${loadAverage()}`,
      },
      {
        name: 'one data-row edit: CPU per edit (server + Chromium, mean)',
        value: round1(editCpu.server + editCpu.browser),
        unit: 'ms',
        target: 100,
        note: `${cpuText(editCpu)}; API calls per edit: ${editTally.callsPerAction()}`,
      },
    ];
  } finally {
    await browser.close();
    await served.stop();
    cleanup();
  }
}
