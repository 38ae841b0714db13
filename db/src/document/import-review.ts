import fs from 'node:fs';
import {
  REVIEW_DOCUMENT_FORMAT,
  REVIEW_DOCUMENT_VERSION,
  describeIssues,
  protocolConsistencyIssues,
  reviewDocumentSchema,
  zodIssues,
  type ApiIssue,
  type ReviewDocument,
} from '@grove/shared';
import type { Db } from '../connection.ts';
import { ReviewFileError } from '../connection.ts';
import { createReviewFile, type ReviewFile } from '../review-file.ts';
import { writeProtocol } from '../repositories/protocol-repo.ts';
import { reviewerRow } from '../repositories/reviewer-repo.ts';
import { searchCountsRow } from '../repositories/search-counts-repo.ts';
import { reportRow, studyRow } from '../repositories/study-repo.ts';

// `grove new FILE --from REVIEW.json`: the exact inverse of export. The document is
// validated completely before the file is created, and the file is written in one
// transaction; on any failure no review file is left behind.

export class ReviewDocumentError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly ApiIssue[],
  ) {
    super(`${source} is not a valid Grove review document: ${describeIssues(issues.slice(0, 5))}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`);
    this.name = 'ReviewDocumentError';
  }
}

export function parseReviewDocument(source: string, value: unknown): ReviewDocument {
  if (typeof value === 'object' && value !== null) {
    const v = value as { format?: unknown; formatVersion?: unknown };
    if (v.format !== REVIEW_DOCUMENT_FORMAT) {
      throw new ReviewDocumentError(source, [{ path: 'format', message: `expected "${REVIEW_DOCUMENT_FORMAT}"` }]);
    }
    if (typeof v.formatVersion === 'number' && v.formatVersion > REVIEW_DOCUMENT_VERSION) {
      throw new ReviewDocumentError(source, [
        {
          path: 'formatVersion',
          message: `version ${v.formatVersion} was written by a newer Grove (this one reads up to ${REVIEW_DOCUMENT_VERSION}); update Grove`,
        },
      ]);
    }
  }
  const parsed = reviewDocumentSchema.safeParse(value);
  if (!parsed.success) throw new ReviewDocumentError(source, zodIssues(parsed.error));
  const doc = parsed.data;
  const issues: ApiIssue[] = protocolConsistencyIssues(doc.protocol).map((i) => ({ ...i, path: `protocol.${i.path}` }));
  const ids = new Set<string>();
  doc.studies.forEach((s, i) => {
    if (ids.has(s.id)) issues.push({ path: `studies.${i}.id`, message: `duplicate id ${s.id}` });
    ids.add(s.id);
    s.reports.forEach((r, j) => {
      if (r.studyId !== s.id) issues.push({ path: `studies.${i}.reports.${j}.studyId`, message: `must be the study's id ${s.id}` });
      if (ids.has(r.id)) issues.push({ path: `studies.${i}.reports.${j}.id`, message: `duplicate id ${r.id}` });
      ids.add(r.id);
    });
  });
  doc.reviewers.forEach((r, i) => {
    if (ids.has(r.id)) issues.push({ path: `reviewers.${i}.id`, message: `duplicate id ${r.id}` });
    ids.add(r.id);
  });
  if (issues.length > 0) throw new ReviewDocumentError(source, issues);
  return doc;
}

function insert(db: Db, table: string, row: Record<string, string | number | null>): void {
  const cols = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c] ?? null));
}

/** Writes a validated document into an open, freshly initialised review database. */
export function writeReviewDocument(db: Db, doc: ReviewDocument): void {
  db.transaction(() => {
    db.prepare('UPDATE review SET id = ?, created_at = ?, updated_at = ? WHERE singleton = 1').run(
      doc.review.id,
      doc.review.createdAt,
      doc.review.updatedAt,
    );
    writeProtocol(db, doc.protocol);
    const counts = searchCountsRow(doc.searchCounts);
    const cols = Object.keys(counts);
    db.prepare(`UPDATE search_counts SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE singleton = 1`).run(...cols.map((c) => counts[c] ?? null));
    for (const r of doc.reviewers) insert(db, 'reviewer', reviewerRow(r.id, r, r.createdAt));
    for (const s of doc.studies) {
      insert(db, 'study', studyRow(s.id, s, s.createdAt, s.updatedAt));
      s.reports.forEach((r, i) => insert(db, 'report', reportRow(r.id, s.id, i, r, r.createdAt, r.updatedAt)));
    }
    // History comes across as a record, not as something that can be undone: the
    // row snapshots that undo needs are not part of the document.
    const changes = new Map<number, (typeof doc.auditLog)[number]>();
    for (const e of doc.auditLog) if (!changes.has(e.changeId)) changes.set(e.changeId, e);
    for (const [id, e] of [...changes].sort((a, b) => a[0] - b[0])) {
      insert(db, 'change', { id, at: e.at, reviewer_id: e.reviewerId, reviewer_name: e.reviewerName, label: e.summary, undoable: 0 });
    }
    for (const [id, e] of changes) {
      if (e.undoneBy !== null) db.prepare('UPDATE change SET undone_by = ? WHERE id = ?').run(e.undoneBy, id);
    }
    for (const e of doc.auditLog) {
      insert(db, 'audit_entry', {
        id: e.id,
        change_id: e.changeId,
        action: e.action,
        entity: e.entity,
        entity_id: e.entityId,
        fields: JSON.stringify(e.fields),
        summary: e.summary,
        table_name: null,
        before_row: null,
        after_row: null,
      });
    }
  })();
}

/** Creates `file` from a document; leaves no file behind when anything fails. */
export function createReviewFromDocument(file: string, source: string, value: unknown, options: { nativeBinding?: string; overwrite?: boolean } = {}): ReviewFile {
  const doc = parseReviewDocument(source, value);
  const review = createReviewFile(file, { ...options, title: doc.protocol.title });
  try {
    writeReviewDocument(review.db, doc);
    return review;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    review.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(review.path + suffix, { force: true });
    throw new ReviewFileError(review.path, `${source} could not be imported into ${review.path}: ${reason}. No review file was created.`);
  }
}
