// Benchmark (issue 14): undo and redo are per reviewer, so every mutation's reply asks for
// the caller's own undo state (the newest change of theirs) among everyone's changes. With
// 100,000 changes in the file (two screeners' decisions, say), the costliest caller is one
// who made none: the search runs through the whole change table. Target: < 5 ms per
// status, a tenth of the screening stage's 50 ms from a decision key to the next record.
// Also measured: an undo of one's own change after the other reviewer's later ones (the
// status, the check that no one changed the row since, the restore).
//
// The change table has no index by reviewer (adding one is a schema change, a migration
// numbered after the screening ones), so finding a reviewer's newest change walks back
// over everyone else's newer changes: instant for whoever changed something last, a scan
// for a reviewer whose newest change is far back (or who has none). Before issue 14 the
// one global redo lookup scanned the whole table on every reply.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchFigure } from './run.ts';
import { createReviewFile } from '../db/src/review-file.ts';
import { recordChange, type Actor } from '../db/src/changes.ts';
import { historyStatus, undoLast } from '../db/src/history.ts';
import { TABLES } from '../db/src/tables.ts';

const CHANGES = Number(process.env.GROVE_BENCH_HISTORY_CHANGES ?? 100_000);
const STUDIES = 1_000;

const actor = (reviewerId: string | null, name: string): Actor => ({ reviewerId, reviewerName: name, now: new Date().toISOString() });

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN;
}

function timed(runs: number, fn: () => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

export default async function run(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-history-bench-'));
  try {
    const review = createReviewFile(path.join(dir, 'history.grove'), { title: 'History benchmark' });
    const { db } = review;
    try {
      const ann = actor('r-ann', 'Ann');
      const bob = actor('r-bob', 'Bob');
      const t0 = performance.now();
      // One outer transaction: recordChange nests as a savepoint, so building is quick.
      db.transaction(() => {
        for (const [i, who] of [ann, bob, actor('r-cat', 'Cat')].entries()) {
          recordChange(db, who, 'Add reviewer', (w) =>
            w.insert(TABLES.reviewer, { id: who.reviewerId, name: who.reviewerName, initials: '', email: '', created_at: 'x' }, `r${i}`),
          );
        }
        for (let i = 0; i < STUDIES; i++) {
          recordChange(db, ann, 'Add study', (w) =>
            w.insert(
              TABLES.study,
              { id: `s${i}`, label: `Study ${i}`, status: 'included', identifiers: '', notes: '', created_at: 'x', updated_at: 'x' },
              'added',
            ),
          );
        }
        // Ann's edits first, then Bob's on other studies: Ann's newest change lies under all of Bob's.
        for (let e = 0; e < CHANGES; e++) {
          const who = e < CHANGES / 2 ? ann : bob;
          const study = who === ann ? e % (STUDIES / 2) : STUDIES / 2 + (e % (STUDIES / 2));
          recordChange(db, who, 'Edit notes', (w) => w.update(TABLES.study, `s${study}`, { notes: `edit ${e}` }, () => 'notes'));
        }
      })();
      const built = performance.now() - t0;

      const latest = timed(200, () => historyStatus(db, 'r-bob'));
      const underOthers = timed(200, () => historyStatus(db, 'r-ann'));
      const none = timed(50, () => historyStatus(db, 'r-cat'));
      const undo = timed(20, () => {
        if (undoLast(db, ann).undone === null) throw new Error('Ann had nothing to undo');
      });
      return [
        { name: `build ${CHANGES.toLocaleString('en')} changes by two reviewers`, value: built, unit: 'ms' },
        { name: 'undo state of the reviewer of the newest change (p95 of 200)', value: percentile(latest, 0.95), unit: 'ms', target: 5 },
        {
          name: `undo state of a reviewer whose newest change lies under ${(CHANGES / 2).toLocaleString('en')} of another's (p95 of 200)`,
          value: percentile(underOthers, 0.95),
          unit: 'ms',
          target: 5,
          note: 'walks back over the other’s changes: needs an index by reviewer',
        },
        {
          name: 'undo state of a reviewer with no changes (p95 of 50)',
          value: percentile(none, 0.95),
          unit: 'ms',
          target: 5,
          note: 'scans the whole change table: needs an index by reviewer',
        },
        {
          name: 'undo one own change under the other reviewer’s later ones (p95 of 20)',
          value: percentile(undo, 0.95),
          unit: 'ms',
          target: 50,
          note: 'includes finding the change, as above',
        },
      ];
    } finally {
      review.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
