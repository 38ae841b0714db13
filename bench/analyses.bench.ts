import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { inProcessClient, type ReviewDocument } from '@grove/shared';
import { createBackend } from '../db/src/backend.ts';
import { exportReview } from '../db/src/document/export-review.ts';
import { createReviewFromDocument } from '../db/src/document/import-review.ts';
import { createReviewFile } from '../db/src/review-file.ts';
import { tempDir } from '../test/support/temp.ts';
import type { BenchFigure } from './run.ts';

// Analyses target: the dashboard of a 300-study review with 60 analyses (20 outcomes ×
// 3 timepoint categories) recomputes in < 200 ms after a data change. Measured as one
// results.set followed by analyses.list, which reads the data and reruns all 60.

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

export function review(dir: string): string {
  const seed = createReviewFile(path.join(dir, 'seed.grove'), { title: 'Benchmark review' });
  const base = exportReview(seed.db);
  seed.close();
  const now = new Date().toISOString();
  const outcomes = Array.from({ length: 20 }, (_, i) => ({ id: `o${i}`, domainId: 'd0', name: `Outcome ${i + 1}`, description: '' }));
  const doc: ReviewDocument = {
    ...base,
    protocol: {
      ...base.protocol,
      outcomeDomains: [{ id: 'd0', name: 'Domain', description: '', includes: [] }],
      plannedOutcomes: outcomes,
      timepointCategories: [
        { id: 'tc0', name: 'Post-intervention', definition: '', afterWeeksMin: null, afterWeeksMax: 0, selection: 'end-of-treatment' },
        {
          id: 'tc1',
          name: 'Short-term follow-up',
          definition: '',
          afterWeeksMin: 0,
          afterWeeksMax: 52,
          selection: 'nearest-not-exceeding-bound',
        },
        { id: 'tc2', name: 'Long-term follow-up', definition: '', afterWeeksMin: 52, afterWeeksMax: null, selection: 'longest' },
      ],
    },
    studies: [],
    studyData: { arms: [], outcomes: [], timepoints: [], results: [] },
  };
  let seedN = 1;
  const rnd = () => (seedN = (seedN * 16807) % 2147483647) / 2147483647;
  for (let s = 0; s < 300; s++) {
    const sid = `s${s}`;
    doc.studies.push({
      id: sid,
      label: `Study ${String(s).padStart(3, '0')}`,
      status: 'included',
      identifiers: '',
      notes: '',
      createdAt: now,
      updatedAt: now,
      reports: [],
    });
    const arms = (['intervention', 'control'] as const).map((role, a) => ({
      id: `${sid}a${a}`,
      studyId: sid,
      label: role,
      role,
      description: '',
      randomised: 200,
    }));
    const tps = [0, 26, 78].map((w, t) => ({
      id: `${sid}t${t}`,
      studyId: sid,
      label: `${w} weeks`,
      weeksAfterTreatment: w,
      categoryOverride: null,
    }));
    doc.studyData.arms.push(...arms);
    doc.studyData.timepoints.push(...tps);
    for (const o of outcomes) {
      const soid = `${sid}${o.id}`;
      doc.studyData.outcomes.push({
        id: soid,
        studyId: sid,
        outcomeId: o.id,
        measure: s % 2 ? 'Scale A' : 'Scale B',
        direction: 'higher-better',
        dataType: 'continuous',
        notes: '',
      });
      for (const t of tps) {
        for (const a of arms) {
          doc.studyData.results.push({
            id: `${soid}${t.id}${a.id}`,
            studyOutcomeId: soid,
            timepointId: t.id,
            armId: a.id,
            result: {
              kind: 'continuous',
              mean: 10 + rnd() * 2 + (a.role === 'intervention' ? 0.3 : 0),
              sd: 2 + rnd(),
              n: 50 + Math.floor(rnd() * 100),
              derivation: null,
            },
          });
        }
      }
    }
  }
  const file = path.join(dir, 'big.grove');
  createReviewFromDocument(file, 'benchmark', JSON.parse(JSON.stringify(doc))).close();
  return file;
}

export default async function run(): Promise<BenchFigure[]> {
  const { dir, cleanup } = tempDir('grove-bench-');
  try {
    const file = review(dir);
    const backend = createBackend({ host: 'in-process' });
    backend.openFile(file);
    const client = inProcessClient(backend.handlers);
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
