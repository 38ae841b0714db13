import {
  REVIEW_DOCUMENT_FORMAT,
  REVIEW_DOCUMENT_VERSION,
  emptyReportFields,
  type ReviewDocument,
} from '@grove/shared';
import { writeReviewDocument } from '../document/import-review.ts';
import type { OpenOptions } from '../connection.ts';
import { createReviewFile, type ReviewFile } from '../review-file.ts';
import { EXAMPLE_PROTOCOL, EXAMPLE_REVIEW_ID, EXAMPLE_SEARCH_COUNTS, EXAMPLE_SOURCE, EXAMPLE_STUDIES } from './example-facts.ts';

// Builds the example review as a review document and writes it like an import, so the
// example exercises the same path as `grove new --from`.

export function exampleReviewDocument(now = new Date().toISOString()): ReviewDocument {
  return {
    format: REVIEW_DOCUMENT_FORMAT,
    formatVersion: REVIEW_DOCUMENT_VERSION,
    review: { id: EXAMPLE_REVIEW_ID, createdAt: now, updatedAt: now },
    protocol: EXAMPLE_PROTOCOL,
    searchCounts: EXAMPLE_SEARCH_COUNTS,
    reviewers: [],
    studies: EXAMPLE_STUDIES.map((s) => ({
      ...s.fields,
      id: s.id,
      createdAt: now,
      updatedAt: now,
      reports: s.citations.map((citation, i) => ({
        ...emptyReportFields(),
        id: `${s.id}-report-${citation}`,
        studyId: s.id,
        citation,
        isPrimary: i === 0,
        notes: `Reference ${citation} of ${EXAMPLE_SOURCE}`,
        createdAt: now,
        updatedAt: now,
      })),
    })),
    auditLog: [],
  };
}

export function createExampleReview(file: string, options: OpenOptions & { overwrite?: boolean } = {}): ReviewFile {
  const review = createReviewFile(file, { ...options, title: EXAMPLE_PROTOCOL.title });
  try {
    writeReviewDocument(review.db, exampleReviewDocument());
    return review;
  } catch (err) {
    review.close();
    throw err;
  }
}
