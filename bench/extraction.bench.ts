import { performance } from 'node:perf_hooks';
import { HTTP_RPC_PATH, HTTP_TOKEN_HEADER, inProcessClient } from '@grove/shared';
import { createBackend } from '../db/src/backend.ts';
import { startHttpHost } from '../cli/src/http/server.ts';
import { tempDir } from '../test/support/temp.ts';
import type { BenchFigure } from './run.ts';
import { writeSyntheticReview } from './support/synthetic-review.ts';

// Studies & data target: in a review of 300 studies × 20 outcomes × 3 timepoints, the
// results grid of one study opens in < 100 ms. Measured here as the API call that feeds
// the grid (studyData.get), in process and over HTTP; the browser's share is measured by
// the e2e suite's page, not here.

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

export default async function run(): Promise<BenchFigure[]> {
  const { dir, cleanup } = tempDir('grove-bench-');
  try {
    const t0 = performance.now();
    const file = writeSyntheticReview(dir, { studies: 300, outcomes: 20 });
    const built = performance.now() - t0;

    const backend = createBackend({ host: 'in-process' });
    backend.openFile(file);
    const client = inProcessClient(backend);
    const ids = ['s0', 's150', 's299'];
    for (const id of ids) await client.call('studyData.get', { studyId: id });
    const local: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      const data = await client.call('studyData.get', { studyId: ids[i % 3]! });
      local.push(performance.now() - t);
      if (data.results.length !== 120) throw new Error(`expected 120 results, got ${data.results.length}`);
    }
    backend.closeFile();

    const host = await startHttpHost({ file });
    const http: number[] = [];
    try {
      for (let i = 0; i < 33; i++) {
        const t = performance.now();
        const res = await fetch(`http://127.0.0.1:${host.port}${HTTP_RPC_PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: host.token },
          body: JSON.stringify({ method: 'studyData.get', args: { studyId: ids[i % 3] } }),
        });
        await res.json();
        if (i >= 3) http.push(performance.now() - t);
      }
    } finally {
      await host.close();
    }
    return [
      { name: 'build 300 studies × 20 outcomes × 3 timepoints (36,000 results) via import', value: built, unit: 'ms' },
      { name: 'results grid data of one study, in process (median of 30)', value: median(local), unit: 'ms', target: 100 },
      { name: 'results grid data of one study, over HTTP (median of 30)', value: median(http), unit: 'ms', target: 100 },
    ];
  } finally {
    cleanup();
  }
}
