import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { HTTP_RPC_PATH, HTTP_TOKEN_HEADER, inProcessClient, type ReviewDocument } from '@grove/shared';
import { createBackend } from '../db/src/backend.ts';
import { exportReview } from '../db/src/document/export-review.ts';
import { createReviewFromDocument } from '../db/src/document/import-review.ts';
import { createReviewFile } from '../db/src/review-file.ts';
import { startHttpHost } from '../cli/src/http/server.ts';
import { tempDir } from '../test/support/temp.ts';
import type { BenchFigure } from './run.ts';

// Studies & data target: in a review of 300 studies × 20 outcomes × 3 timepoints, the
// results grid of one study opens in < 100 ms. Measured here as the API call that feeds
// the grid (studyData.get), in process and over HTTP; the browser's share is measured by
// the e2e suite's page, not here.

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function bigReview(dir: string): string {
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
  let rid = 0;
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
    const arms = ['intervention', 'control'].map((role, a) => ({
      id: `${sid}a${a}`,
      studyId: sid,
      label: role,
      role: role as 'intervention' | 'control',
      description: '',
      randomised: 100,
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
        measure: 'Scale',
        direction: 'higher-better',
        dataType: 'continuous',
        notes: '',
      });
      for (const t of tps) {
        for (const a of arms) {
          doc.studyData.results.push({
            id: `r${rid++}`,
            studyOutcomeId: soid,
            timepointId: t.id,
            armId: a.id,
            result: { kind: 'continuous', mean: 10 + (rid % 7), sd: 2 + (rid % 3), n: 90, derivation: null },
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
    const t0 = performance.now();
    const file = bigReview(dir);
    const built = performance.now() - t0;

    const backend = createBackend({ host: 'in-process' });
    backend.openFile(file);
    const client = inProcessClient(backend.handlers);
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
