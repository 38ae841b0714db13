import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forkReview } from '../../../db/src/merge/fork.ts';
import { mergeReviewFiles } from '../../../db/src/merge/merge-files.ts';
import { redoLast } from '../../../db/src/history.ts';
import { openReviewFile } from '../../../db/src/review-file.ts';
import { TABLES } from '../../../db/src/tables.ts';
import { tempDir } from '../../support/temp.ts';
import { edit, exampleReview, query, undo } from '../../support/merge-fixtures.ts';

// A merge that meets a reviewer added in two copies on their name records the match
// (merge_alias). Undoing the merge must take the match back with everything else, so the
// review is as before the merge and a merge made again matches afresh, as the first did.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

const aliases = (file: string) => query(file, (db) => db.prepare('SELECT * FROM merge_alias ORDER BY foreign_id').all());
const reviewers = (file: string) =>
  query(file, (db) => db.prepare('SELECT id, name FROM reviewer ORDER BY name, id').all() as { id: string; name: string }[]);

/** a with Cy Cole from one copy, and a second copy that added Cy Cole too (a different row id). */
function setup() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const a = exampleReview(t.dir);
  const c1 = path.join(t.dir, 'c1.grove');
  const c2 = path.join(t.dir, 'c2.grove');
  forkReview(a, c1, 'Cy Cole');
  forkReview(a, c2, 'Cy Cole');
  mergeReviewFiles(a, c1);
  return { dir: t.dir, a, c2 };
}

describe('undoing a merge that matched a row on its natural key', () => {
  it('removes the match, and redo brings it back', () => {
    const { a, c2 } = setup();
    const before = aliases(a);
    expect(before).toEqual([]);
    mergeReviewFiles(a, c2);
    expect(aliases(a)).toHaveLength(1);
    undo(a, 'Ann Archer');
    expect(aliases(a)).toEqual(before);
    const review = openReviewFile(a);
    try {
      redoLast(review.db, { reviewerId: null, reviewerName: 'Ann Archer', now: new Date().toISOString() });
      expect(review.db.prepare('SELECT table_name FROM merge_alias').pluck().all()).toEqual(['reviewer']);
    } finally {
      review.close();
    }
  });

  it('lets a merge made again behave as the first merge would on the review as it is now', () => {
    const { dir, a, c2 } = setup();
    mergeReviewFiles(a, c2);
    undo(a, 'Ann Archer');
    // After the undo, Cy is renamed in the target: the second copy's Cy no longer meets him by name.
    const cy = reviewers(a).find((r) => r.name === 'Cy Cole')!;
    edit(a, 'Ann Archer', 'Rename', (w) => w.update(TABLES.reviewer, cy.id, { name: 'Cyrus Cole' }, () => 'r'));
    // The first merge of c2 into the review as it now is (a file copy that never merged c2).
    const fresh = path.join(dir, 'fresh.grove');
    fs.copyFileSync(a, fresh);
    mergeReviewFiles(fresh, c2);
    mergeReviewFiles(a, c2);
    expect(reviewers(a)).toEqual(reviewers(fresh));
    expect(reviewers(a).map((r) => r.name)).toContain('Cy Cole');
    expect(aliases(a)).toEqual(aliases(fresh));
  });
});
