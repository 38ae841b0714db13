import * as z from 'zod';
import { stoppingRuleSchema } from '../api/contract-ranking.ts';
import { screeningDecisionSchema, screeningStageSchema, stageSettingsSchema } from '../api/contract-screening.ts';

// The review document's screening, full-text and study-link sections (since version 5,
// issue 14): what migrations 0009 and 0010 store, row for row, so that `grove export --json`
// then `grove new --from` keeps every reviewer's decisions, the resolutions, the PDFs and the
// rejected study links. Documented in docs/review-json.md.

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in 64 lowercase hex digits');

export const documentDecisionSchema = z
  .object({
    recordId: z.string().min(1),
    stage: screeningStageSchema,
    /** The deciding reviewer's id, or "final" for the resolution of a conflict. */
    slot: z.string().min(1),
    /** Who decided: the reviewer, or for "final" the person who resolved the conflict. */
    reviewerId: z.string().min(1),
    reviewerName: z.string(),
    decision: screeningDecisionSchema,
    /** Full text only: the exclusion reason (an id of `reasons`). */
    reasonId: z.string().nullable(),
    note: z.string(),
    labels: z.array(z.string()),
    decidedAt: z.string().min(1),
  })
  .strict();
export type DocumentDecision = z.infer<typeof documentDecisionSchema>;

/** A full-text record whose report could not be obtained (migration 0015; absent in documents written before it). */
export const documentNotRetrievedSchema = z
  .object({
    recordId: z.string().min(1),
    /** What was tried to obtain the report (may be empty). */
    note: z.string(),
    /** Who marked it. */
    reviewerId: z.string().min(1),
    reviewerName: z.string(),
    markedAt: z.string().min(1),
  })
  .strict();
export type DocumentNotRetrieved = z.infer<typeof documentNotRetrievedSchema>;

export const screeningSectionSchema = z
  .object({
    stages: z.object({ 'title-abstract': stageSettingsSchema, 'full-text': stageSettingsSchema }).strict(),
    highlight: z.object({ include: z.array(z.string()), exclude: z.array(z.string()) }).strict(),
    /** The full-text exclusion reasons, in the review's order. */
    reasons: z.array(z.object({ id: z.string().min(1), label: z.string().trim().min(1, 'a reason needs a label') }).strict()),
    /** One per (record, stage, slot), ordered by record, stage and slot. */
    decisions: z.array(documentDecisionSchema),
    /** Priority screening's stopping rule, as the review records it (absent: the default rule). */
    stoppingRule: stoppingRuleSchema.optional(),
    /** Reports sought but not retrieved, ordered by record (absent: none, as a version 5 document written before them says). */
    notRetrieved: z.array(documentNotRetrievedSchema).optional(),
  })
  .strict();
export type ScreeningSection = z.infer<typeof screeningSectionSchema>;

export const fullTextsSectionSchema = z
  .object({
    /** PDFs attached to a record (a report) or to a study, ordered by when they were attached. */
    attachments: z.array(
      z
        .object({
          id: z.string().min(1),
          sha256: sha256Schema,
          recordId: z.string().min(1).nullable(),
          studyId: z.string().min(1).nullable(),
          fileName: z.string().trim().min(1).max(255),
          size: z.int().positive(),
          attachedAt: z.string().min(1),
        })
        .strict(),
    ),
    /**
     * The PDFs' bytes, once per content, ordered by hash. An attachment whose PDF the review
     * file lacks (a merge from a copy that had compacted it away) has no entry here.
     */
    blobs: z.array(z.object({ sha256: sha256Schema, size: z.int().positive(), contentBase64: z.string() }).strict()),
  })
  .strict();
export type FullTextsSection = z.infer<typeof fullTextsSectionSchema>;

/** A pair of records a reviewer said are not reports of one study (recordA < recordB). */
export const studyLinkRejectionSchema = z
  .object({ id: z.string().min(1), recordA: z.string().min(1), recordB: z.string().min(1), rejectedAt: z.string().min(1) })
  .strict();
export type StudyLinkRejection = z.infer<typeof studyLinkRejectionSchema>;
