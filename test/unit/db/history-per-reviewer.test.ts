import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, type HistoryStatus } from '@grove/shared';
import { recordChange, type Actor } from '../../../db/src/changes.ts';
import type { Db } from '../../../db/src/connection.ts';
import { historyStatus, redoLast, undoLast, type HistoryOwner } from '../../../db/src/history.ts';
import { createReviewFile } from '../../../db/src/review-file.ts';
import { TABLES } from '../../../db/src/tables.ts';
import { tempDir } from '../../support/temp.ts';

// The undo state per reviewer is found by one walk back through the reviewer's own
// changes (db/src/history.ts). Here it is checked against the stacks' definitions written
// out as plain queries, over random interleavings of three people's edits, undos and
// redos: undo = the owner's newest ordinary change not undone (if undoable); redo = the
// owner's newest undo not undone, unless the owner made an ordinary change after it.

const OWNERS: readonly HistoryOwner[] = ['r-ann', 'r-bob', null];

function byDefinition(db: Db, owner: HistoryOwner): HistoryStatus {
  const undo = db
    .prepare('SELECT label, undoable FROM change WHERE undoes IS NULL AND undone_by IS NULL AND reviewer_id IS ? ORDER BY id DESC LIMIT 1')
    .get(owner) as { label: string; undoable: number } | undefined;
  const lastUndo = db
    .prepare(
      `SELECT u.id AS id, o.label AS label FROM change u JOIN change o ON o.id = u.undoes
        WHERE o.undoes IS NULL AND u.undone_by IS NULL AND u.reviewer_id IS ? ORDER BY u.id DESC LIMIT 1`,
    )
    .get(owner) as { id: number; label: string } | undefined;
  const editAfter = lastUndo
    ? db.prepare('SELECT 1 FROM change WHERE id > ? AND undoes IS NULL AND reviewer_id IS ?').get(lastUndo.id, owner)
    : undefined;
  const redo = lastUndo && !editAfter ? lastUndo : null;
  const canUndo = undo !== undefined && undo.undoable === 1;
  return { canUndo, undoLabel: canUndo ? undo.label : null, canRedo: redo !== null, redoLabel: redo ? redo.label : null };
}

type Op = { kind: 'edit' | 'undo' | 'redo'; who: number; study: number };

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('undo and redo state per reviewer', () => {
  it('matches the stacks’ definitions after any interleaving of three people’s edits, undos and redos', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    // One file for every run: the property holds for any history, so runs pile on each other.
    const review = createReviewFile(path.join(dir, 'history.grove'), { title: 'History' });
    cleanups.push(() => review.close());
    const { db } = review;
    const actor = (who: number): Actor => ({ reviewerId: OWNERS[who] ?? null, reviewerName: `R${who}`, now: 'now' });
    for (let s = 0; s < 3; s++) {
      // Added by someone who never undoes, so the studies are always there to edit.
      recordChange(db, { reviewerId: 'r-setup', reviewerName: 'Setup', now: 'now' }, `Add study ${s}`, (w) =>
        w.insert(
          TABLES.study,
          { id: `s${s}`, label: `S${s}`, status: 'included', identifiers: '', notes: '', created_at: 'x', updated_at: 'x' },
          'added',
        ),
      );
    }
    let step = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom('edit', 'edit', 'undo', 'redo'),
            who: fc.integer({ min: 0, max: 2 }),
            study: fc.integer({ min: 0, max: 2 }),
          }),
          { maxLength: 40 },
        ) as fc.Arbitrary<Op[]>,
        (ops) => {
          for (const op of ops) {
            const i = step++;
            try {
              if (op.kind === 'edit') {
                recordChange(db, actor(op.who), `Edit ${i}`, (w) =>
                  w.update(TABLES.study, `s${op.study}`, { notes: `n${i}` }, () => 'notes'),
                );
              } else if (op.kind === 'undo') undoLast(db, actor(op.who));
              else redoLast(db, actor(op.who));
            } catch (err) {
              // Refused because someone else changed the row since: nothing was written.
              if (!(err instanceof ApiError && err.code === 'CONFLICT')) throw err;
            }
            for (const owner of OWNERS) expect(historyStatus(db, owner)).toEqual(byDefinition(db, owner));
          }
        },
      ),
      { numRuns: 100 },
    );
  }, 120_000);
});
