import * as z from 'zod';
import { protocolSchema } from './protocol.ts';
import { studySchema } from './study.ts';
import { reviewerSchema } from './reviewer.ts';
import { auditEntrySchema } from './audit.ts';
import { searchCountsSchema } from './search-counts.ts';
import { timestampSchema } from './ids.ts';
import { extractionFormSchema } from './extraction-form.ts';
import { characteristicValueSchema } from './characteristic.ts';
import { armSchema, studyOutcomeSchema, timepointSchema } from './study-data.ts';
import { armResultRowSchema } from '../api/contract-extraction.ts';
import { robSettingsSchema, studyRobSchema } from '../api/contract-rob.ts';
import { rob2RecordSchema } from '../api/contract-rob2.ts';
import { revmanSectionSchema } from '../rm5/document-section.ts';
import { reviewSettingsSchema } from '../api/contract-settings.ts';
import { gradeAssessmentSchema } from '../grade/certainty.ts';
import { recordsSectionSchema } from '../api/contract-records.ts';
import { fullTextsSectionSchema, screeningSectionSchema, studyLinkRejectionSchema } from './screening-document.ts';

// The whole review as one JSON document: what `grove export --json` writes and
// `grove new --from` reads. Documented in docs/review-json.md. Every later feature
// adds its section here and bumps REVIEW_DOCUMENT_VERSION when a reader of an older
// document could misread the new one.

export const REVIEW_DOCUMENT_FORMAT = 'grove-review';
export const REVIEW_DOCUMENT_VERSION = 5;
/**
 * Versions this Grove reads: version 1 lacks the extraction and risk-of-bias sections;
 * version 2 lacks the RevMan section (analyses, RoB items and details brought in from
 * .rm5), the review settings and the GRADE ratings; version 3 lacks the records section;
 * version 4 lacks screening, full texts (PDFs) and study-link rejections.
 */
export const READABLE_REVIEW_DOCUMENT_VERSIONS = [1, 2, 3, 4, 5] as const;

export const studyDataSectionSchema = z.object({
  arms: z.array(armSchema),
  outcomes: z.array(studyOutcomeSchema),
  timepoints: z.array(timepointSchema),
  results: z.array(armResultRowSchema),
});

export const riskOfBiasSectionSchema = z.object({
  settings: robSettingsSchema,
  /** Per study and reviewer slot: the judgements, and the overall judgement computed from them. */
  assessments: z.array(studyRobSchema),
  /** RoB 2 assessments of results (proposals as last computed). */
  rob2: z.array(rob2RecordSchema).default([]),
});

export const reviewDocumentSchema = z.object({
  format: z.literal(REVIEW_DOCUMENT_FORMAT),
  formatVersion: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
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
  // Since version 2; absent in version 1 documents.
  extractionForm: extractionFormSchema.default({ sections: [], fields: [] }),
  characteristics: z.array(characteristicValueSchema).default([]),
  studyData: studyDataSectionSchema.default({ arms: [], outcomes: [], timepoints: [], results: [] }),
  riskOfBias: riskOfBiasSectionSchema.optional(),
  // Since version 3: RevMan-style stored analyses and what an .rm5 round trip needs; absent
  // when the review holds none.
  revman: revmanSectionSchema.optional(),
  // Since version 3: review-wide settings and GRADE ratings (defaults when absent).
  settings: reviewSettingsSchema.optional(),
  grade: z.array(z.object({ analysisId: z.string(), assessment: gradeAssessmentSchema, updatedAt: timestampSchema })).optional(),
  // Since version 4: the records imported from database exports, the search log and
  // deduplication; absent when no export was imported (the totals entered by hand are then
  // searchCounts' databaseRecords and otherSourceRecords).
  records: recordsSectionSchema.optional(),
  // Since version 5, each only when the review has it: screening (stage settings, highlight
  // terms, exclusion reasons, every reviewer's decisions and the resolutions), full texts
  // (attachments and the PDFs' bytes) and the record pairs rejected as one study.
  screening: screeningSectionSchema.optional(),
  fullTexts: fullTextsSectionSchema.optional(),
  studyLinkRejections: z.array(studyLinkRejectionSchema).optional(),
});

export type ReviewDocument = z.infer<typeof reviewDocumentSchema>;
