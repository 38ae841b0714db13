import { z } from 'zod';
import { protocolSchema } from './protocol.ts';
import { studySchema } from './study.ts';
import { reviewerSchema } from './reviewer.ts';
import { auditEntrySchema } from './audit.ts';
import { searchCountsSchema } from './search-counts.ts';
import { timestampSchema } from './ids.ts';

// The whole review as one JSON document: what `grove export --json` writes and
// `grove new --from` reads. Documented in docs/review-json.md. Every later feature
// adds its section here and bumps REVIEW_DOCUMENT_VERSION when a reader of an older
// document could misread the new one.

export const REVIEW_DOCUMENT_FORMAT = 'grove-review';
export const REVIEW_DOCUMENT_VERSION = 1;

export const reviewDocumentSchema = z.object({
  format: z.literal(REVIEW_DOCUMENT_FORMAT),
  formatVersion: z.literal(REVIEW_DOCUMENT_VERSION),
  review: z.object({
    id: z.string().min(1),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  }),
  protocol: protocolSchema,
  searchCounts: searchCountsSchema,
  reviewers: z.array(reviewerSchema),
  studies: z.array(studySchema),
  auditLog: z.array(auditEntrySchema),
});

export type ReviewDocument = z.infer<typeof reviewDocumentSchema>;
