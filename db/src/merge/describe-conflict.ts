import type { Db } from '../connection.ts';
import type { Row, TableSpec } from '../changes.ts';
import { TABLE_BY_NAME } from '../tables.ts';
import {
  formFieldLabelById,
  lastKnownRow,
  recordTitleById,
  reviewerNameById,
  studyIdOfStudyOutcome,
  studyLabelById,
  type QueuedConflict,
} from '../repositories/merge-conflict-repo.ts';

// A queued conflict in words, for the conflicts queue: what kind of row ("screening
// decision"), which study or record it belongs to, whose slot it is, and the field's label
// (the form field's own label for an extracted characteristic), instead of table, key and column.

/** The reviewer slot a row belongs to, or null for a shared row or the final (consensus) slot. */
export function slotOwner(row: Row | null): string | null {
  const slot = row?.slot;
  return typeof slot === 'string' && slot !== 'final' ? slot : null;
}

export interface ConflictWords {
  /** The kind of row, e.g. "screening decision". */
  readonly what: string;
  readonly study: string | null;
  readonly record: string | null;
  /** The reviewer whose own slot the row is (their decision, their extracted value). */
  readonly slotReviewer: string | null;
  /** The reviewer id of that slot, for the slot rule. */
  readonly slotReviewerId: string | null;
  readonly fieldLabel: string;
}

function words(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._]/g, ' ')
    .toLowerCase();
}

function fieldLabel(db: Db, spec: TableSpec | undefined, column: string, row: Row | null): string {
  if (column === '*') return 'the whole row';
  const name = words(spec?.field?.(column) ?? column);
  if (spec?.table === 'characteristic_value' && typeof row?.field_id === 'string') {
    const label = formFieldLabelById(db, row.field_id);
    if (label) return column === 'value' ? label : `${label} (${name})`;
  }
  return name;
}

function studyOf(db: Db, table: string, row: Row | null): string | null {
  if (!row) return null;
  if (table === 'study') return typeof row.label === 'string' ? row.label : null;
  const studyId =
    typeof row.study_id === 'string'
      ? row.study_id
      : typeof row.study_outcome_id === 'string'
        ? studyIdOfStudyOutcome(db, row.study_outcome_id)
        : null;
  return studyId ? studyLabelById(db, studyId) : null;
}

function recordOf(db: Db, table: string, row: Row | null): string | null {
  if (!row) return null;
  if (table === 'record') return typeof row.title === 'string' ? row.title : null;
  return typeof row.record_id === 'string' ? recordTitleById(db, row.record_id) : null;
}

export function describeConflict(db: Db, c: Pick<QueuedConflict, 'table' | 'key' | 'field'>): ConflictWords {
  const spec = TABLE_BY_NAME.get(c.table);
  const row = spec ? lastKnownRow(db, spec.table, spec.key, spec.entity, c.key) : null;
  const owner = slotOwner(row);
  return {
    what: spec?.entity ?? c.table,
    study: studyOf(db, c.table, row),
    record: recordOf(db, c.table, row),
    slotReviewer: owner ? (reviewerNameById(db, owner) ?? owner) : null,
    slotReviewerId: owner,
    fieldLabel: fieldLabel(db, spec, c.field, row),
  };
}
