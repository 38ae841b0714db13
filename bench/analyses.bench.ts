import { performance } from 'node:perf_hooks';
import { inProcessClient } from '@grove/shared';
import { createBackend } from '../db/src/backend.ts';
import { tempDir } from '../test/support/temp.ts';
import type { BenchFigure } from './run.ts';
import { writeSyntheticReview } from './support/synthetic-review.ts';

// Analyses target: the dashboard of a 300-study review with 60 analyses (20 outcomes ×
// 3 timepoint categories) recomputes in < 200 ms after a data change. Measured as one
// results.set followed by analyses.list, which reads the data and reruns all 60.

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

export default async function run(): Promise<BenchFigure[]> {
  const { dir, cleanup } = tempDir('grove-bench-');
  try {
    const file = writeSyntheticReview(dir, { studies: 300, outcomes: 20 });
    const backend = createBackend({ host: 'in-process' });
    backend.openFile(file);
    const client = inProcessClient(backend);
    const first = await client.call('analyses.list', {});
    if (first.length !== 60) throw new Error(`expected 60 analyses, got ${first.length}`);
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      const t0 = performance.now();
      await client.call('results.set', {
        studyOutcomeId: `s${i}o0`,
        timepointId: `s${i}t0`,
        armId: `s${i}a0`,
        result: { kind: 'continuous', mean: 11 + i / 10, sd: 2.5, n: 80, derivation: null },
      });
      const list = await client.call('analyses.list', {});
      times.push(performance.now() - t0);
      if (list.length !== 60) throw new Error('lost an analysis');
    }
    backend.closeFile();
    return [
      { name: 'dashboard: data change + recompute 60 analyses × 300 studies (median of 9)', value: median(times), unit: 'ms', target: 200 },
    ];
  } finally {
    cleanup();
  }
}
