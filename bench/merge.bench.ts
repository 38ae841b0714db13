// Benchmark (issue 16): merging a co-reviewer's copy that holds 100k change events the
// target has not seen, goal < 5 s for export (reading the copy's events) and apply
// (bringing them into the target as one change, three-way rule per field). The copy's
// reviewer edits 4,000 studies' notes in turn, 25 edits per study; the target edited
// every tenth study's notes too, so conflicts are found (test/support/merge-load.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchFigure } from './run.ts';
import { openReviewFile } from '../db/src/review-file.ts';
import type { Actor } from '../db/src/changes.ts';
import { readEvents } from '../db/src/merge/events.ts';
import { unseenEvents, mergeReviewFiles } from '../db/src/merge/merge-files.ts';
import { applyEvents } from '../db/src/merge/apply-events.ts';
import { buildMergeLoad } from '../test/support/merge-load.ts';

const EVENTS = Number(process.env.GROVE_BENCH_MERGE_EVENTS ?? 100_000);
const actor = (name: string): Actor => ({ reviewerId: null, reviewerName: name, now: new Date().toISOString() });

export default async function run(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-merge-bench-'));
  try {
    // The review and the co-reviewer's copy, as the merge tests build them (test/support/merge-load.ts).
    const { target, copy: other } = buildMergeLoad(dir, EVENTS);

    // Export and apply, timed apart, on a copy of the target; then the whole command.
    const staged = path.join(dir, 'staged.grove');
    fs.copyFileSync(target, staged);
    const source = openReviewFile(other, { forReading: true });
    const into = openReviewFile(staged);
    let exportMs = 0;
    let applyMs = 0;
    let conflicts = 0;
    let applied = 0;
    let events = 0;
    try {
      const t0 = performance.now();
      const all = readEvents(source.db);
      exportMs = performance.now() - t0;
      const t1 = performance.now();
      const unseen = unseenEvents(into.db, all).events;
      const tally = applyEvents(into.db, actor('merge'), 'Merge', unseen);
      applyMs = performance.now() - t1;
      events = unseen.length;
      conflicts = tally.conflicts.length;
      applied = tally.applied;
    } finally {
      source.close();
      into.close();
    }
    const t2 = performance.now();
    mergeReviewFiles(target, other);
    const wholeMs = performance.now() - t2;
    return [
      // The machine's load as the figures were taken: on a shared machine they scale with it.
      { name: `export ${events} change events`, value: exportMs, unit: 'ms', note: `load average ${os.loadavg()[0]?.toFixed(2)}` },
      { name: `apply ${events} change events`, value: applyMs, unit: 'ms', note: `${applied} rows applied, ${conflicts} conflicts` },
      { name: `export + apply ${events} change events`, value: exportMs + applyMs, unit: 'ms', target: 5000 },
      { name: `grove merge of ${events} change events (open, backup, merge)`, value: wholeMs, unit: 'ms' },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
