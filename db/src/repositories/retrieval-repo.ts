import type { Db } from '../connection.ts';
import type { Row } from '../changes.ts';
import { naturalRowId } from '../merge/row-identity.ts';
import { cached } from '../statements.ts';

// Reports sought but not retrieved (migration 0015): one row per record whose report a
// reviewer could not obtain at full text, with what was tried. The id derives from the
// record, so two copies marking the same record meet in a merge.

export interface NotRetrievedRow {
  id: string;
  record_id: string;
  note: string;
  reviewer_id: string;
  reviewer_name: string;
  marked_at: string;
}

export const notRetrievedId = (recordId: string): string => naturalRowId('report_not_retrieved', recordId);

export function findNotRetrieved(db: Db, recordId: string): NotRetrievedRow | null {
  return (cached(db, 'SELECT * FROM report_not_retrieved WHERE record_id = ?').get(recordId) as NotRetrievedRow | undefined) ?? null;
}

/** Every mark, ordered by record id (the review document's order). */
export function readNotRetrieved(db: Db): NotRetrievedRow[] {
  return cached(db, 'SELECT * FROM report_not_retrieved ORDER BY record_id').all() as NotRetrievedRow[];
}

/** The records marked not retrieved. */
export function readNotRetrievedIds(db: Db): Set<string> {
  return new Set(cached(db, 'SELECT record_id FROM report_not_retrieved').pluck().all() as string[]);
}

export interface NotRetrievedInput {
  recordId: string;
  note: string;
  reviewerId: string;
  reviewerName: string;
  markedAt: string;
}

export function notRetrievedRow(m: NotRetrievedInput): Row {
  return {
    id: notRetrievedId(m.recordId),
    record_id: m.recordId,
    note: m.note,
    reviewer_id: m.reviewerId,
    reviewer_name: m.reviewerName,
    marked_at: m.markedAt,
  };
}

/** Writes document rows into a review being built from a document (inside its transaction; records already written). */
export function insertNotRetrievedUnaudited(db: Db, marks: readonly NotRetrievedInput[]): void {
  const insert = db.prepare(
    'INSERT INTO report_not_retrieved (id, record_id, note, reviewer_id, reviewer_name, marked_at) VALUES (@id, @record_id, @note, @reviewer_id, @reviewer_name, @marked_at)',
  );
  for (const m of marks) insert.run(notRetrievedRow(m));
}
