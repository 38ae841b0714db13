// Benchmark (issue 16): merging a co-reviewer's copy that holds 100k change events the
// target has not seen, goal < 5 s for export (reading the copy's events) and apply
// (bringing them into the target as one change, three-way rule per field). The copy's
// reviewer edits 4,000 studies' notes and their characteristic values in turn, 25 edits
// per row; the target edited some of the same rows, so conflicts are found too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchFigure } from './run.ts';
import { createReviewFile, openReviewFile } from '../db/src/review-file.ts';
import { recordChange, type Actor } from '../db/src/changes.ts';
import { TABLES } from '../db/src/tables.ts';
import { forkReview } from '../db/src/merge/fork.ts';
import { readEvents } from '../db/src/merge/events.ts';
import { unseenEvents, mergeReviewFiles } from '../db/src/merge/merge-files.ts';
import { applyEvents } from '../db/src/merge/apply-events.ts';
import type { Db } from '../db/src/connection.ts';

const EVENTS = Number(process.env.GROVE_BENCH_MERGE_EVENTS ?? 100_000);
const STUDIES = Math.min(4_000, Math.max(1, Math.floor(EVENTS / 25)));

const actor = (name: string): Actor => ({ reviewerId: null, reviewerName: name, now: new Date().toISOString() });

/** Runs `fn` inside one outer transaction: recordChange nests as a savepoint, so building is quick. */
function inOneTransaction(db: Db, fn: () => void): void {
  db.transaction(fn)();
}

export default async function run(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-merge-bench-'));
  try {
    const target = path.join(dir, 'target.grove');
    const other = path.join(dir, 'other.grove');
    const ids: string[] = [];
    const created = createReviewFile(target, { title: 'Merge benchmark' });
    try {
      inOneTransaction(created.db, () => {
        for (let i = 0; i < STUDIES; i++) {
          const id = `bench-study-${i}`;
          ids.push(id);
          recordChange(created.db, actor('Ann'), 'Add study', (w) =>
            w.insert(
              TABLES.study,
              { id, label: `Study ${i}`, status: 'included', identifiers: '', notes: '', created_at: 'x', updated_at: 'x' },
              'added',
            ),
          );
        }
      });
    } finally {
      created.close();
    }
    forkReview(target, other, 'Bea');
    const copy = openReviewFile(other);
    try {
      inOneTransaction(copy.db, () => {
        for (let e = 0; e < EVENTS; e++) {
          const id = ids[e % STUDIES] ?? '';
          recordChange(copy.db, actor('Bea'), 'Edit notes', (w) => w.update(TABLES.study, id, { notes: `edit ${e}` }, () => 'notes'));
        }
      });
    } finally {
      copy.close();
    }
    const local = openReviewFile(target);
    try {
      inOneTransaction(local.db, () => {
        for (let i = 0; i < STUDIES; i += 10)
          recordChange(local.db, actor('Ann'), 'Edit notes', (w) =>
            w.update(TABLES.study, ids[i] ?? '', { notes: 'Ann was here' }, () => 'notes'),
          );
      });
    } finally {
      local.close();
    }

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
      { name: `export ${events} change events`, value: exportMs, unit: 'ms' },
      { name: `apply ${events} change events`, value: applyMs, unit: 'ms', note: `${applied} rows applied, ${conflicts} conflicts` },
      { name: `export + apply ${events} change events`, value: exportMs + applyMs, unit: 'ms', target: 5000 },
      { name: `grove merge of ${events} change events (open, backup, merge)`, value: wholeMs, unit: 'ms' },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
