import path from 'node:path';
import { recordChange, type Actor } from '../../db/src/changes.ts';
import type { Db } from '../../db/src/connection.ts';
import { forkReview } from '../../db/src/merge/fork.ts';
import { createReviewFile, openReviewFile } from '../../db/src/review-file.ts';
import { TABLES } from '../../db/src/tables.ts';

// A review and a co-reviewer's copy holding many change events the review has not seen
// (as bench/merge.bench.ts builds them): the copy edits its studies' notes in turn, 25
// edits per study; the review edited every tenth study's notes itself, so the merge finds
// conflicts too. For tests and benchmarks of merging while the workbench is in use.

const actor = (name: string): Actor => ({ reviewerId: null, reviewerName: name, now: new Date().toISOString() });

/** recordChange nests as a savepoint inside one outer transaction: building is quick. */
const inOneTransaction = (db: Db, fn: () => void) => db.transaction(fn)();

/** A new review file at `file` with Ann's included studies `ids` ("Study 0", "Study 1", …), one change each. */
export function createLoadReview(file: string, title: string, ids: readonly string[]): void {
  const created = createReviewFile(file, { title });
  try {
    inOneTransaction(created.db, () => {
      ids.forEach((id, i) =>
        recordChange(created.db, actor('Ann'), 'Add study', (w) =>
          w.insert(
            TABLES.study,
            { id, label: `Study ${i}`, status: 'included', identifiers: '', notes: '', created_at: 'x', updated_at: 'x' },
            'added',
          ),
        ),
      );
    });
  } finally {
    created.close();
  }
}

export interface MergeLoad {
  target: string;
  copy: string;
  studyIds: string[];
}

export function buildMergeLoad(dir: string, events: number): MergeLoad {
  const target = path.join(dir, 'target.grove');
  const copy = path.join(dir, 'copy.grove');
  const studies = Math.min(4_000, Math.max(1, Math.floor(events / 25)));
  const ids = Array.from({ length: studies }, (_, i) => `load-study-${i}`);
  createLoadReview(target, 'Merge load', ids);
  forkReview(target, copy, 'Bea');
  const other = openReviewFile(copy);
  try {
    inOneTransaction(other.db, () => {
      for (let e = 0; e < events; e++)
        recordChange(other.db, actor('Bea'), 'Edit notes', (w) =>
          w.update(TABLES.study, ids[e % studies] ?? '', { notes: `edit ${e}` }, () => 'notes'),
        );
    });
  } finally {
    other.close();
  }
  const local = openReviewFile(target);
  try {
    inOneTransaction(local.db, () => {
      for (let i = 0; i < studies; i += 10)
        recordChange(local.db, actor('Ann'), 'Edit notes', (w) =>
          w.update(TABLES.study, ids[i] ?? '', { notes: 'Ann was here' }, () => 'notes'),
        );
    });
  } finally {
    local.close();
  }
  return { target, copy, studyIds: ids };
}
