import type { Db } from '../connection.ts';
import type { Row, SqlValue } from '../changes.ts';
import { cached } from '../statements.ts';

// The conflict queue as the workbench shows and resolves it (docs/merging.md): one conflict
// row with the merge that queued it, and the names a conflict's row is described by.

export type ConflictResolution = 'local' | 'incoming' | 'other';

/** One queued conflict with the merge change that found it. */
export interface QueuedConflict {
  readonly id: number;
  readonly table: string;
  readonly key: string;
  readonly field: string;
  readonly base: SqlValue;
  readonly local: SqlValue;
  readonly incoming: SqlValue;
  readonly reviewer: string;
  readonly mergeChangeId: number;
  readonly mergeLabel: string;
  readonly mergedAt: string;
  /** False once the merge that queued it was undone: the conflict is gone with it. */
  readonly mergeStands: boolean;
  readonly resolution: ConflictResolution | null;
}

interface ConflictRow {
  id: number;
  change_id: number;
  table_name: string;
  row_key: string;
  field: string;
  base: string | null;
  local: string | null;
  incoming: string | null;
  reviewer: string;
  resolution: ConflictResolution | null;
  label: string | null;
  at: string | null;
  undone_by: number | null;
}

const SELECT = `SELECT m.id, m.change_id, m.table_name, m.row_key, m.field, m.base, m.local, m.incoming, m.reviewer,
                       m.resolution, c.label, c.at, c.undone_by
                FROM merge_conflict m LEFT JOIN change c ON c.id = m.change_id`;

function parse(text: string | null): SqlValue {
  return text === null ? null : (JSON.parse(text) as SqlValue);
}

function toQueued(r: ConflictRow): QueuedConflict {
  return {
    id: r.id,
    table: r.table_name,
    key: r.row_key,
    field: r.field,
    base: parse(r.base),
    local: parse(r.local),
    incoming: parse(r.incoming),
    reviewer: r.reviewer,
    mergeChangeId: r.change_id,
    mergeLabel: r.label ?? '',
    mergedAt: r.at ?? '',
    // A file merged by an older Grove may hold conflicts of a merge whose every incoming value
    // conflicted: it wrote no row then, and its change row was dropped: such a merge stands.
    mergeStands: r.undone_by === null,
    resolution: r.resolution,
  };
}

/** Unresolved conflicts of merges not undone, oldest first. */
export function listQueuedConflicts(db: Db): QueuedConflict[] {
  const rows = db.prepare(`${SELECT} WHERE c.undone_by IS NULL AND m.resolution IS NULL ORDER BY m.id`).all() as ConflictRow[];
  return rows.map(toQueued);
}

export function getQueuedConflict(db: Db, id: number): QueuedConflict | null {
  const row = db.prepare(`${SELECT} WHERE m.id = ?`).get(id) as ConflictRow | undefined;
  return row ? toQueued(row) : null;
}

/** The whole merge_conflict row, as the change writer updates it. */
export function conflictResolutionRow(
  resolution: ConflictResolution,
  value: SqlValue,
  at: string,
  by: string,
): Pick<Row, 'resolution' | 'resolved_value' | 'resolved_at' | 'resolved_by'> {
  return { resolution, resolved_value: JSON.stringify(value), resolved_at: at, resolved_by: by };
}

/** The row as the review last held it: the row itself, or, once deleted, the last entry that had it. */
export function lastKnownRow(db: Db, table: string, keyColumn: string, entity: string, key: string): Row | null {
  const live = cached(db, `SELECT * FROM ${table} WHERE ${keyColumn} = ?`).get(key) as Row | undefined;
  if (live) return live;
  const entry = cached(
    db,
    `SELECT coalesce(after_row, before_row) FROM audit_entry WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1`,
  )
    .pluck()
    .get(entity, key) as string | undefined;
  return entry ? (JSON.parse(entry) as Row) : null;
}

export function studyLabelById(db: Db, id: string): string | null {
  return (cached(db, 'SELECT label FROM study WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
}

export function studyIdOfStudyOutcome(db: Db, id: string): string | null {
  return (cached(db, 'SELECT study_id FROM study_outcome WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
}

export function recordTitleById(db: Db, id: string): string | null {
  return (cached(db, 'SELECT title FROM record WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
}

export function formFieldLabelById(db: Db, id: string): string | null {
  return (cached(db, 'SELECT label FROM form_field WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
}

export function reviewerNameById(db: Db, id: string): string | null {
  return (cached(db, 'SELECT name FROM reviewer WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
}
