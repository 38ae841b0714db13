import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { HTTP_RPC_PATH, HTTP_TOKEN_HEADER } from '@grove/shared';
import { launchBrowser, startServe } from '../test/e2e/support/harness.ts';
import { GROVE_BIN, tempDir } from '../test/support/temp.ts';
import type { BenchFigure } from './run.ts';

// Foundation targets: from `grove serve` start to the first rendered page < 2 s, and the
// API round trip over HTTP p95 < 10 ms on this machine.

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? NaN;
}

export default async function run(): Promise<BenchFigure[]> {
  const { dir, cleanup } = tempDir('grove-bench-');
  const file = path.join(dir, 'example.grove');
  spawnSync(process.execPath, [GROVE_BIN, 'example', file]);
  const browser = await launchBrowser();
  const figures: BenchFigure[] = [];
  try {
    // Warm the browser once so the figure is about Grove, not Chromium's first start.
    const warm = await browser.newPage();
    await warm.goto('about:blank');
    await warm.close();

    const firstPage: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const served = await startServe(file);
      const page = await browser.newPage();
      await page.goto(served.url);
      // The page is rendered when the review's title is on screen (it comes from the API).
      await page.getByText('Group peer support interventions for people experiencing mental health conditions').first().waitFor();
      firstPage.push(performance.now() - t0);
      await page.close();
      await served.stop();
    }
    firstPage.sort((a, b) => a - b);
    figures.push({ name: 'serve start → first rendered page (median of 3)', value: percentile(firstPage, 50), unit: 'ms', target: 2000 });

    const served = await startServe(file);
    try {
      const url = new URL(served.url);
      const token = url.searchParams.get('token') ?? '';
      const rpc = `${url.origin}${HTTP_RPC_PATH}`;
      const roundTrip = async (method: string) => {
        const t0 = performance.now();
        const res = await fetch(rpc, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: token },
          body: JSON.stringify({ method, args: {} }),
        });
        await res.json();
        return performance.now() - t0;
      };
      for (const method of ['app.info', 'studies.list', 'protocol.get']) {
        for (let i = 0; i < 50; i++) await roundTrip(method);
        const times: number[] = [];
        for (let i = 0; i < 500; i++) times.push(await roundTrip(method));
        times.sort((a, b) => a - b);
        figures.push({ name: `HTTP round trip ${method} median`, value: percentile(times, 50), unit: 'ms' });
        figures.push({ name: `HTTP round trip ${method} p95`, value: percentile(times, 95), unit: 'ms', target: 10 });
      }
    } finally {
      await served.stop();
    }
  } finally {
    await browser.close();
    cleanup();
  }
  return figures;
}
