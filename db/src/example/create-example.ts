import { emptyRob1Assessment } from '@grove/shared/rob/rob1-assessment';
import { ROB1_DOMAIN_IDS } from '@grove/shared/rob/rob1-domains';
import { SEED_ROB1_OVERALL_RULE } from '@grove/shared/rob/rob1-overall';
import { DEFAULT_ROB_SETTINGS } from '../repositories/rob-repo.ts';
import { EXAMPLE_EXTRACTION, toContent } from './example-extraction.ts';
import { fleissReviewDocument } from './fleiss-example.ts';
import {
  SEED_FORM_IDS,
  FINAL_SLOT,
  seedExtractionForm,
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
    // Only the seed example carries the seed review's form, classifiers and key domains.
    extractionForm: seedExtractionForm(),
    characteristics: EXAMPLE_EXTRACTION.flatMap((s) =>
      Object.entries(s.table1).map(([key, v]) => ({
        studyId: s.studyId,
        fieldId: SEED_FORM_IDS[key as keyof typeof SEED_FORM_IDS],
        slot: FINAL_SLOT,
        content: toContent(v),
        sourceNote: TABLE1_FIELDS.has(key) ? 'Published review, Table 1' : 'Published review, text',
        comment: '',
        decidedBy: null,
        updatedAt: now,
      })),
    ),
    studyData: { arms: [], outcomes: [], timepoints: [], results: [] },
    riskOfBias: {
      settings: { ...DEFAULT_ROB_SETTINGS, overallRule: { ...SEED_ROB1_OVERALL_RULE, keyDomains: [...SEED_ROB1_OVERALL_RULE.keyDomains] } },
      assessments: EXAMPLE_EXTRACTION.map((s) => {
        const assessment = emptyRob1Assessment();
        for (const domain of ROB1_DOMAIN_IDS) {
          assessment[domain] = { level: 'study', judgement: s.rob[domain] ?? null, support: s.robSupport[domain] ?? '' };
        }
        // The overall column is recomputed on import; it is here only because the document carries it.
        return { studyId: s.studyId, label: '', slot: FINAL_SLOT, assessment, overall: 'pending' as const, overallReason: '' };
      }),
      rob2: [],
    },
  };
}

/** Values that come from the paper's Table 1 (the rest are from its text). */
const TABLE1_FIELDS = new Set(['category', 'country', 'randomised', 'diagnoses', 'female', 'bame', 'age', 'employed']);

export type ExampleName = 'peer-support' | 'fleiss1993';
export const EXAMPLES: readonly ExampleName[] = ['peer-support', 'fleiss1993'];

export function createExampleReview(file: string, options: OpenOptions & { overwrite?: boolean; example?: ExampleName } = {}): ReviewFile {
  const doc = options.example === 'fleiss1993' ? fleissReviewDocument() : exampleReviewDocument();
  return createReviewFile(file, { ...options, title: doc.protocol.title, build: (db) => writeReviewDocument(db, doc) });
}
