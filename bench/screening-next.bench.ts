// Benchmark (issue 14): the backend's share of "decision key → next record painted" with
// 100,000 records in the review: `screening.decide` followed by `screening.next` (the view's
// next batch after the record just decided), in process through the dispatcher, as the
// workbench calls them. Goal: p95 well under the 50 ms end to end, which also holds
// the renderer's paint (measured by the screening view's own benchmark). Figures: p50/p95
// of decide + next under single screening and under the seed's dual sample (first 10 %),
// p95 of next alone when a reviewer comes back (no cursor) after deciding records, and of
// next in random order. The records are generated (an RIS export with ~1,000-character
// abstracts) and imported through records.import, as a review holds them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inProcessClient, type ApiClient } from '@grove/shared';
import type { BenchFigure } from './run.ts';
import { createBackend } from '../db/src/backend.ts';

const RECORDS = Number(process.env.GROVE_BENCH_SCREENING_RECORDS ?? 100_000);
const DECISIONS = 400;
const TARGET_MS = 50;

const WORDS =
  'peer support mental health randomised trial recovery outcome group community service users depression anxiety wellbeing'.split(' ');

function risExport(n: number): string {
  const parts: string[] = [];
  for (let i = 1; i <= n; i++) {
    const w = (k: number) => WORDS[(i * 7 + k * 13) % WORDS.length]!;
    const abstract = Array.from({ length: 140 }, (_, k) => w(k)).join(' ');
    parts.push(
      `TY  - JOUR\nTI  - ${w(1)} ${w(2)} ${w(3)} study ${i}\nAU  - Author${i % 977}, A.\nAU  - Second${i % 311}, B.\nJO  - Journal ${i % 50}\nPY  - ${1990 + (i % 35)}\nAB  - ${abstract}\nER  - \n`,
    );
  }
  return parts.join('\n');
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function asReviewer(client: ApiClient, name: string): Promise<void> {
  const r = await client.call('reviewers.create', { reviewer: { name, initials: name.slice(0, 2), email: '' } });
  await client.call('session.setReviewer', { reviewerId: r.id });
}

/** Decides DECISIONS records in turn, each followed by the next batch after it; returns each step's ms. */
async function screenInTurn(client: ApiClient): Promise<number[]> {
  const times: number[] = [];
  let batch = (await client.call('screening.next', { stage: 'title-abstract', count: 5 })).records;
  for (let i = 0; i < DECISIONS && batch.length > 0; i++) {
    const current = batch[0]!;
    const t0 = performance.now();
    await client.call('screening.decide', {
      stage: 'title-abstract',
      recordId: current.recordId,
      decision: i % 9 === 0 ? 'include' : 'exclude',
    });
    batch = (await client.call('screening.next', { stage: 'title-abstract', after: current.recordId, count: 5 })).records;
    times.push(performance.now() - t0);
  }
  return times;
}

async function timed(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}

export default async function run(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-screening-bench-'));
  const backend = createBackend({ host: 'in-process' });
  try {
    const file = path.join(dir, 'screening.grove');
    backend.createFile(file, 'Screening benchmark');
    const client = inProcessClient(backend);
    const text = risExport(RECORDS);
    const t0 = performance.now();
    await client.call('records.import', {
      fileName: 'search.ris',
      contentBase64: Buffer.from(text, 'utf8').toString('base64'),
      search: { source: 'MEDLINE', searchedOn: '2024-03-01', hitsReported: null },
    });
    const importSeconds = (performance.now() - t0) / 1000;
    await asReviewer(client, 'Ana');
    // Warm the statement cache and the stage list, as an open screening view has.
    await client.call('screening.next', { stage: 'title-abstract', count: 5 });
    const single = await screenInTurn(client);
    const resume = await timed(20, () => client.call('screening.next', { stage: 'title-abstract', count: 5 }));
    const random = await timed(20, () => client.call('screening.next', { stage: 'title-abstract', count: 5, order: 'random' }));

    await client.call('screening.settings.update', {
      patch: { stages: { 'title-abstract': { mode: 'dual', sample: { kind: 'first-percent', percent: 10 } } } },
    });
    await asReviewer(client, 'Ben');
    await client.call('screening.next', { stage: 'title-abstract', count: 5 });
    const dual = await screenInTurn(client);
    const status = await timed(3, () => client.call('screening.status', {}));

    const note = `${RECORDS.toLocaleString('en')} records, ${DECISIONS} decisions`;
    return [
      { name: 'import (setup)', value: importSeconds, unit: 's', note },
      { name: 'decide + next p50 (single)', value: percentile(single, 50), unit: 'ms', target: TARGET_MS, note },
      { name: 'decide + next p95 (single)', value: percentile(single, 95), unit: 'ms', target: TARGET_MS, note },
      { name: 'decide + next p50 (dual, first 10%)', value: percentile(dual, 50), unit: 'ms', target: TARGET_MS, note },
      { name: 'decide + next p95 (dual, first 10%)', value: percentile(dual, 95), unit: 'ms', target: TARGET_MS, note },
      {
        name: 'next p95 (coming back, no cursor)',
        value: percentile(resume, 95),
        unit: 'ms',
        target: TARGET_MS,
        note: `after ${DECISIONS} decisions`,
      },
      { name: 'next p95 (random order)', value: percentile(random, 95), unit: 'ms', note },
      { name: 'status (both stages)', value: percentile(status, 50), unit: 'ms', note },
    ];
  } finally {
    backend.closeFile();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
