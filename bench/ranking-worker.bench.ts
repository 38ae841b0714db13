// Benchmark (issue 15): the relevance model must never delay the next record. With 100,000
// records in the review and the ranking worker retraining after every decision, the
// backend's share of "decision key → next record" (`screening.decide` then `screening.next`
// in relevance order, in process through the dispatcher) keeps its p95 under 50 ms.
// Figures: p50/p95 of decide + next while the worker works (with how many of the steps ran
// while it was busy, and how many rankings arrived meanwhile), p95 of next alone, and the
// worker's own times: from start to its first ranking (reading 100,000 records, building
// the features, training) and per retrain. The records are generated like
// bench/screening-next.bench.ts's (a small vocabulary, so the worker's own times are lower
// than on real abstracts; the main thread's figures are what the target is about).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inProcessClient, type ApiClient } from '@grove/shared';
import type { BenchFigure } from './run.ts';
import { createBackend } from '../db/src/backend.ts';
import { rankingServiceOf } from '../db/src/screening/ranking-service.ts';

const RECORDS = Number(process.env.GROVE_BENCH_RANKING_RECORDS ?? 100_000);
const DECISIONS = 300;
const TARGET_MS = 50;
const PAUSE_MS = 25;

const WORDS =
  'peer support mental health randomised trial recovery outcome group community service users depression anxiety wellbeing'.split(' ');

function risExport(n: number): string {
  const parts: string[] = [];
  for (let i = 1; i <= n; i++) {
    const w = (k: number) => WORDS[(i * 7 + k * 13) % WORDS.length]!;
    const abstract = Array.from({ length: 140 }, (_, k) => w(k)).join(' ');
    parts.push(
      `TY  - JOUR\nTI  - ${w(1)} ${w(2)} ${w(3)} study ${i}\nAU  - Author${i % 977}, A.\nPY  - ${1990 + (i % 35)}\nAB  - ${abstract}\nER  - \n`,
    );
  }
  return parts.join('\n');
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function next(client: ApiClient, after?: string) {
  return (await client.call('screening.next', { stage: 'title-abstract', order: 'relevance', count: 5, ...(after ? { after } : {}) }))
    .records;
}

export default async function run(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-ranking-bench-'));
  const backend = createBackend({ host: 'in-process' });
  try {
    const review = backend.createFile(path.join(dir, 'ranking.grove'), 'Ranking benchmark');
    const client = inProcessClient(backend);
    await client.call('records.import', {
      fileName: 'search.ris',
      contentBase64: Buffer.from(risExport(RECORDS), 'utf8').toString('base64'),
      search: { source: 'MEDLINE', searchedOn: '2024-03-01', hitsReported: null },
    });
    const ana = await client.call('reviewers.create', { reviewer: { name: 'Ana', initials: 'AN', email: '' } });
    await client.call('session.setReviewer', { reviewerId: ana.id });

    // The first include and exclude, then wait for the worker's first ranking.
    const started = performance.now();
    await client.call('ranking.configure', { retrainEvery: 1 });
    const service = rankingServiceOf(review.db)!;
    let batch = await next(client);
    for (const decision of ['include', 'exclude'] as const) {
      await client.call('screening.decide', { stage: 'title-abstract', recordId: batch[0]!.recordId, decision });
      batch = await next(client, batch[0]!.recordId);
    }
    while (!service.ranked()) {
      if (service.status().state === 'failed') throw new Error(`The ranking worker failed: ${JSON.stringify(service.status())}`);
      await service.nextAnswer();
    }
    const firstRanking = (performance.now() - started) / 1000;

    // Screen with the worker retraining after every decision.
    const steps: number[] = [];
    const retrains: number[] = [];
    let busySteps = 0;
    let last = service.ranked();
    for (let i = 0; i < DECISIONS && batch.length > 0; i++) {
      const current = batch[0]!;
      if (service.status().state === 'busy') busySteps++;
      const t0 = performance.now();
      await client.call('screening.decide', {
        stage: 'title-abstract',
        recordId: current.recordId,
        decision: i % 9 === 0 ? 'include' : 'exclude',
      });
      batch = await next(client, current.recordId);
      steps.push(performance.now() - t0);
      const now = service.ranked();
      if (now !== last && now) retrains.push(now.seconds * 1000);
      last = now;
      // A reviewer far quicker than any (25 ms between key presses) leaves the worker's
      // rankings time to arrive between decisions, so their arrival is in the figures.
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
    const nextAlone: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await next(client);
      nextAlone.push(performance.now() - t0);
    }
    const note = `${RECORDS.toLocaleString('en')} records, ${steps.length} decisions, worker busy at ${busySteps} of them, ${retrains.length} new rankings meanwhile`;
    return [
      {
        name: 'worker start to first ranking (read, features, train)',
        value: firstRanking,
        unit: 's',
        note: `${RECORDS.toLocaleString('en')} records`,
      },
      { name: 'decide + next (relevance) p50, worker retraining', value: percentile(steps, 50), unit: 'ms', target: TARGET_MS, note },
      { name: 'decide + next (relevance) p95, worker retraining', value: percentile(steps, 95), unit: 'ms', target: TARGET_MS, note },
      { name: 'next (relevance) p95 alone', value: percentile(nextAlone, 95), unit: 'ms', target: TARGET_MS },
      {
        name: 'one retrain in the worker, median',
        value: retrains.length ? percentile(retrains, 50) : NaN,
        unit: 'ms',
        note: `${retrains.length} retrains on ${RECORDS.toLocaleString('en')} records`,
      },
    ];
  } finally {
    backend.closeFile();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
