import { REVIEW_DOCUMENT_FORMAT, REVIEW_DOCUMENT_VERSION, type ReviewDocument } from '@grove/shared';
import type { Db } from '../connection.ts';
import { allAudit } from '../repositories/audit-repo.ts';
import { readProtocol } from '../repositories/protocol-repo.ts';
import { listReviewers } from '../repositories/reviewer-repo.ts';
import { readSearchCounts } from '../repositories/search-counts-repo.ts';
import { listStudies } from '../repositories/study-repo.ts';

// The whole review as one JSON document (docs/review-json.md). Deterministic: the
// same file always exports to the same bytes, so exports can be diffed and compared.

export function exportReview(db: Db): ReviewDocument {
  const review = db.prepare('SELECT id, created_at, updated_at FROM review WHERE singleton = 1').get() as {
    id: string;
    created_at: string;
    updated_at: string;
  };
  return {
    format: REVIEW_DOCUMENT_FORMAT,
    formatVersion: REVIEW_DOCUMENT_VERSION,
    review: { id: review.id, createdAt: review.created_at, updatedAt: review.updated_at },
    protocol: readProtocol(db),
    searchCounts: readSearchCounts(db),
    reviewers: listReviewers(db),
    studies: listStudies(db).map((s) => ({ ...s, reports: [...s.reports] })),
    auditLog: allAudit(db),
  };
}
