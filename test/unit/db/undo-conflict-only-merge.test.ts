import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forkReview } from '../../../db/src/merge/fork.ts';
import { mergeReviewFiles } from '../../../db/src/merge/merge-files.ts';
import { TABLES } from '../../../db/src/tables.ts';
import { listOpenConflicts, readVersionVector } from '../../../db/src/repositories/merge-repo.ts';
import { redoLast } from '../../../db/src/history.ts';
import { openReviewFile } from '../../../db/src/review-file.ts';
import type { Db } from '../../../db/src/connection.ts';
import { tempDir } from '../../support/temp.ts';
import { edit, exampleReview, query, undo } from '../../support/merge-fixtures.ts';

// A merge whose every incoming value conflicted writes no review row, only its queued
// conflicts. It is still one change the user can undo, and that undo leaves the review
// exactly as it was before the merge: the conflicts gone from the queue, the copy's changes
// unseen again (so it merges again), and the user's own edit before it untouched.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/**
 * Every row of every table but the history and the merge bookkeeping (the review's
 * `updated_at`, which every change stamps, undo included, left out).
 */
function contents(db: Db): Record<string, unknown[]> {
  const skip = new Set(['change', 'audit_entry', 'merged_event', 'merge_conflict', 'sqlite_sequence']);
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter(
    (t) => !skip.has(t),
  );
  const rows = (t: string) =>
    (db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all() as Record<string, unknown>[]).map((r) =>
      t === 'review' ? { ...r, updated_at: null } : r,
    );
  return Object.fromEntries(tables.map((t) => [t, rows(t)]));
}

/** The review, its conflict queue and what it has seen of other copies (its own changes, the undo among them, left out). */
function state(file: string) {
  return query(file, (db) => {
    const own = db.prepare('SELECT id FROM site').pluck().get();
    const seen = [...readVersionVector(db)].filter(([site]) => site !== own).sort();
    return { contents: contents(db), conflicts: listOpenConflicts(db), seen };
  });
}

describe('undo of a merge whose every incoming value conflicted', () => {
  it('is one change; undo takes back its queued conflicts and what it saw, not the edit before it; redo brings them back', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const a = exampleReview(t.dir);
    const b = path.join(t.dir, 'b.grove');
    forkReview(a, b, 'Bea Blake');
    // Bring in the fork's own change (Bea added as a reviewer), so the next merge has only conflicts.
    mergeReviewFiles(a, b);
    const s = query(a, (db) => db.prepare('SELECT id FROM study ORDER BY id LIMIT 1').pluck().get() as string);
    edit(b, 'Bea Blake', 'Notes', (w) => w.update(TABLES.study, s, { notes: 'B thinks so' }, () => 'n'));
    edit(a, 'Ann Archer', 'Notes', (w) => w.update(TABLES.study, s, { notes: 'A thinks otherwise' }, () => 'n'));
    const before = state(a);

    const report = mergeReviewFiles(a, b);
    expect(report.applied).toBe(0);
    expect(report.conflicts.map((c) => [c.key, c.field, c.local, c.incoming])).toEqual([[s, 'notes', 'A thinks otherwise', 'B thinks so']]);
    expect(state(a).conflicts).toHaveLength(1);
    const label = query(a, (db) => db.prepare('SELECT label FROM change ORDER BY id DESC LIMIT 1').pluck().get());
    expect(label).toBe('Merge b.grove');

    undo(a, 'Ann Archer');
    expect(state(a)).toEqual(before);
    expect(query(a, (db) => db.prepare('SELECT notes FROM study WHERE id = ?').pluck().get(s))).toBe('A thinks otherwise');
    // Unseen again: the same copy merges again, with the same conflict.
    expect(mergeReviewFiles(a, b).conflicts).toHaveLength(1);
    undo(a, 'Ann Archer');
    expect(state(a)).toEqual(before);

    // Redo puts the merge back whole: the conflict queued, the copy's change seen.
    const review = openReviewFile(a);
    try {
      expect(redoLast(review.db, { reviewerId: null, reviewerName: 'Ann Archer', now: new Date().toISOString() }).redone).toBe(
        'Merge b.grove',
      );
      expect(listOpenConflicts(review.db).map((c) => c.incoming)).toEqual(['B thinks so']);
    } finally {
      review.close();
    }
    expect(mergeReviewFiles(a, b).events).toBe(0);
  });
});
