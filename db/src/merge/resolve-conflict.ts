import { ApiError } from '@grove/shared';
import type { Db } from '../connection.ts';
import { recordChange, type Actor, type Row, type SqlValue } from '../changes.ts';
import { TABLE_BY_NAME, TABLES } from '../tables.ts';
import { isReferenced, selectRowByKey } from '../repositories/merge-repo.ts';
import { conflictResolutionRow, getQueuedConflict, type ConflictResolution } from '../repositories/merge-conflict-repo.ts';
import { describeConflict } from './describe-conflict.ts';

// Resolving one conflict of the queue (docs/merging.md), as one audited change, so the
// activity log shows it and one undo reopens it:
//   - 'local' (keep mine): the field keeps the target's value; only the conflict is marked;
//   - 'incoming' (take theirs): the field takes the other copy's value (for a whole-row
//     conflict where the other copy deleted the row: the row is deleted);
//   - 'other': the field takes a value the reviewer gives.
// A conflict on a reviewer's own slot (their screening decision, their extracted value) is
// theirs to resolve: slot rows are only ever written by their owner.

export type ConflictChoice =
  { readonly kind: 'local' } | { readonly kind: 'incoming' } | { readonly kind: 'other'; readonly value: SqlValue };

const CHOICE_WORDS: Record<ConflictResolution, string> = {
  local: 'kept this copy’s value',
  incoming: 'took the merged value',
  other: 'entered a value',
};

function isConstraintError(err: unknown): err is Error {
  return err instanceof Error && /^SQLITE_CONSTRAINT/.test((err as Error & { code?: string }).code ?? '');
}

/** Resolves conflict `id`; returns the value the field holds afterwards. */
export function resolveConflict(db: Db, actor: Actor, id: number, choice: ConflictChoice): { value: SqlValue } {
  const conflict = getQueuedConflict(db, id);
  if (!conflict || !conflict.mergeStands)
    throw new ApiError('NOT_FOUND', `There is no conflict ${id} in the queue (its merge may have been undone).`, [
      { path: 'conflictId', message: 'not in the queue' },
    ]);
  const spec = TABLE_BY_NAME.get(conflict.table);
  if (!spec) throw new ApiError('NOT_FOUND', `Conflict ${id} is about table ${conflict.table}, which this Grove does not know.`);
  const words = describeConflict(db, conflict);
  const where = [words.what, words.study ?? words.record].filter(Boolean).join(' of ');
  if (conflict.resolution !== null)
    throw new ApiError('CONFLICT', `The conflict on ${words.fieldLabel} (${where}) is already resolved; undo that to decide it again.`);
  if (words.slotReviewerId !== null && words.slotReviewerId !== actor.reviewerId)
    throw new ApiError(
      'CONFLICT',
      `This conflict is in ${words.slotReviewer ?? 'another reviewer'}’s own ${words.what}: only they can resolve it. Choose ${words.slotReviewer ?? 'that reviewer'} as the reviewer to resolve it.`,
    );

  const current = selectRowByKey(db, spec.table, spec.key, conflict.key);
  const label = `Resolve conflict: ${words.fieldLabel} of ${where} (${CHOICE_WORDS[choice.kind]})`;
  if (choice.kind !== 'local') {
    if (conflict.field === '*' && !(choice.kind === 'incoming' && conflict.incoming === null))
      throw new ApiError(
        'VALIDATION',
        `The conflict on ${where} is about the whole row: keep this copy’s ${words.what}, or re-enter the other copy’s by hand.`,
        [{ path: 'choice', message: 'only "keep mine" applies' }],
      );
    if (!current)
      throw new ApiError('CONFLICT', `The ${where} is no longer in this review, so no value can be written to it: keep this copy’s state.`);
    if (conflict.field === '*' && isReferenced(db, spec.table, current[spec.key] ?? null))
      throw new ApiError(
        'CONFLICT',
        `The ${where} cannot be deleted: other rows still refer to it. Keep this copy’s, or remove those first.`,
      );
  }

  try {
    return recordChange(db, actor, label, (w) => {
      let value: SqlValue = conflict.field === '*' ? (current ? 'row' : null) : (current?.[conflict.field] ?? null);
      if (choice.kind !== 'local' && current) {
        if (conflict.field === '*') {
          w.delete(spec, current[spec.key] ?? null, label);
          value = null;
        } else {
          value = choice.kind === 'incoming' ? conflict.incoming : choice.value;
          // Bookkeeping columns go along with a real change, as the merge itself writes them.
          const alsoSet: Row = 'updated_at' in current ? { updated_at: actor.now } : {};
          w.update(spec, conflict.key, { [conflict.field]: value }, () => label, alsoSet);
        }
      }
      w.update(
        TABLES.mergeConflict,
        id,
        conflictResolutionRow(choice.kind, value, actor.now, actor.reviewerName || '(no reviewer)'),
        () => label,
      );
      return { value };
    });
  } catch (err) {
    if (isConstraintError(err))
      throw new ApiError('VALIDATION', `${words.fieldLabel} of ${where} cannot take that value: ${err.message}. Nothing was changed.`, [
        { path: 'value', message: err.message },
      ]);
    throw err;
  }
}
