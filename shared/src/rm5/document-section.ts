import * as z from 'zod';
import { ROB1_DOMAIN_IDS } from '../rob/rob1-domains.ts';

// The RevMan section of a review document (format version 3): what a review brought in from
// an .rm5 file needs, beyond Grove's own model, to be written back as RevMan wrote it.
// Mirrors the tables of migration 0003. Attributes Grove does not model (MODIFIED,
// MODIFIED_BY, …) ride along in `attributes`; child elements it does not model in
// `extraXml`; rich text it shows as plain text keeps its markup in `parts` until edited.

const attributes = z.record(z.string(), z.string());

export const RM5_OUTCOME_KINDS = ['DICH', 'CONT', 'IV', 'IPD', 'OTHER'] as const;

export const revmanStudySchema = z.object({
  studyId: z.string(),
  rm5Id: z.string().min(1),
  /** "Year of study", used for sorting; may differ from the year in the name. */
  year: z.string().nullable(),
  /** PUB, UNPUB, MIX or SOUGHT. */
  dataSource: z.string().nullable(),
  identifiers: z.array(z.object({ type: z.string(), value: z.string(), attributes })),
  attributes,
});

export const revmanReportSchema = z.object({
  reportId: z.string(),
  /** JOURNAL_ARTICLE, CONFERENCE_PROC, BOOK_SECTION, … */
  type: z.string().nullable(),
  /** Child elements (AU, TI, SO, YR, VL, NO, PG, …) as XML text, in file order. */
  fields: z.array(z.object({ name: z.string(), xml: z.string() })),
  attributes,
});

export const revmanRobItemSchema = z.object({
  id: z.string(),
  position: z.int(),
  rm5Id: z.string(),
  no: z.number().nullable(),
  name: z.string(),
  coreItem: z.boolean(),
  level: z.enum(['STUDY', 'GROUP']),
  descriptionXml: z.string(),
  /** The standard RoB 1 domain this item is, or null for an item the review added. */
  domain: z.enum(ROB1_DOMAIN_IDS).nullable(),
  groups: z.array(z.object({ rm5Id: z.string(), no: z.number().nullable(), name: z.string(), refIds: z.string().nullable(), attributes })),
  attributes,
});

/** A judgement Grove's RoB 1 tables cannot hold (an added item, or a grouped study-level domain). */
export const revmanRobEntrySchema = z.object({
  itemId: z.string(),
  studyId: z.string(),
  /** '' for a study-level entry. */
  groupRm5Id: z.string(),
  result: z.enum(['YES', 'NO', 'UNKNOWN']).nullable(),
  supportXml: z.string(),
  attributes,
});

export const revmanComparisonSchema = z.object({
  id: z.string(),
  position: z.int(),
  rm5Id: z.string(),
  no: z.number().nullable(),
  name: z.string(),
  attributes,
  extraXml: z.string(),
  /** 'protocol': the comparison holding a native review's question (schema v5). */
  origin: z.enum(['entered', 'protocol']).optional(),
});

export const revmanAnalysisSchema = z.object({
  id: z.string(),
  comparisonId: z.string(),
  position: z.int(),
  rm5Id: z.string(),
  no: z.number().nullable(),
  kind: z.enum(RM5_OUTCOME_KINDS),
  name: z.string(),
  effectMeasure: z.string().nullable(),
  method: z.string().nullable(),
  random: z.boolean(),
  // A confidence level in percent: strictly between 0 and 100 (the file's CHECK says the same).
  ciStudy: z.number().gt(0, 'must be a confidence level above 0 (per cent)').lt(100, 'must be a confidence level below 100 (per cent)'),
  ciTotal: z.number().gt(0, 'must be a confidence level above 0 (per cent)').lt(100, 'must be a confidence level below 100 (per cent)'),
  totals: z.enum(['YES', 'SUB', 'NO']),
  subgroups: z.boolean(),
  subgroupTest: z.boolean(),
  swapEvents: z.boolean(),
  logData: z.boolean(),
  sortBy: z.string().nullable(),
  units: z.string().nullable(),
  scale: z.number().nullable(),
  showParticipants: z.boolean().nullable(),
  groupLabel1: z.string().nullable(),
  groupLabel2: z.string().nullable(),
  graphLabel1: z.string().nullable(),
  graphLabel2: z.string().nullable(),
  attributes,
  extraXml: z.string(),
  /** A native outcome: its planned outcome and timepoint category, rows derived from the extraction (schema v5). */
  planned: z.object({ plannedOutcomeId: z.string(), categoryId: z.string(), followsConventions: z.boolean() }).nullable().optional(),
});

export const revmanSubgroupSchema = z.object({
  id: z.string(),
  analysisId: z.string(),
  position: z.int(),
  rm5Id: z.string(),
  no: z.number().nullable(),
  name: z.string(),
  attributes,
});

const count = z.number().nonnegative('cannot be negative').nullable();

/** Which numbers a row of each kind may carry (the rest stay null), as RevMan writes them. */
const ROW_FIELDS: Record<(typeof RM5_OUTCOME_KINDS)[number], readonly string[]> = {
  DICH: ['events1', 'total1', 'events2', 'total2'],
  CONT: ['mean1', 'sd1', 'total1', 'mean2', 'sd2', 'total2'],
  IV: ['estimate', 'se', 'total1', 'total2'],
  IPD: ['oMinusE', 'variance', 'total1', 'total2'],
  OTHER: ['total1', 'total2'],
};
const KIND_FIELDS = ['events1', 'events2', 'mean1', 'sd1', 'mean2', 'sd2', 'estimate', 'se', 'oMinusE', 'variance'] as const;

export const revmanDataRowSchema = z
  .object({
    id: z.string(),
    analysisId: z.string(),
    subgroupId: z.string().nullable(),
    position: z.int(),
    studyId: z.string(),
    kind: z.enum(RM5_OUTCOME_KINDS),
    events1: count,
    total1: count,
    events2: count,
    total2: count,
    mean1: z.number().nullable(),
    sd1: count,
    mean2: z.number().nullable(),
    sd2: count,
    estimate: z.number().nullable(),
    se: count,
    oMinusE: z.number().nullable(),
    variance: count,
    /** RevMan's ORDER: unique across the review, the "user defined order". */
    order: z.number().nullable(),
    footnote: z.string().nullable(),
    attributes,
    /** 'detached': a derived row the reviewer overrode, with the reason and the provenance it had (schema v5). */
    origin: z.enum(['direct', 'detached']).optional(),
    detachReason: z.string().nullable().optional(),
    provenance: z.record(z.string(), z.unknown()).nullable().optional(),
  })
  .superRefine((row, ctx) => {
    // A mean on a dichotomous row (or events on a continuous one) is not data of that kind.
    for (const f of KIND_FIELDS) {
      if (row[f] !== null && !ROW_FIELDS[row.kind].includes(f))
        ctx.addIssue({ code: 'custom', path: [f], message: `a ${row.kind} row has no ${f} (row ${row.id})` });
    }
  });

export const revmanSectionSchema = z.object({
  /** Root attributes, verbatim sections Grove does not model, and rich-text memos, by key. */
  parts: z.array(z.object({ key: z.string(), content: z.string() })),
  studies: z.array(revmanStudySchema),
  reports: z.array(revmanReportSchema),
  robItems: z.array(revmanRobItemSchema),
  robEntries: z.array(revmanRobEntrySchema),
  comparisons: z.array(revmanComparisonSchema),
  analyses: z.array(revmanAnalysisSchema),
  subgroups: z.array(revmanSubgroupSchema),
  rows: z.array(revmanDataRowSchema),
});

export type RevmanSection = z.infer<typeof revmanSectionSchema>;
export type RevmanStudy = z.infer<typeof revmanStudySchema>;
export type RevmanReport = z.infer<typeof revmanReportSchema>;
export type RevmanRobItem = z.infer<typeof revmanRobItemSchema>;
export type RevmanRobEntry = z.infer<typeof revmanRobEntrySchema>;
export type RevmanComparison = z.infer<typeof revmanComparisonSchema>;
export type RevmanAnalysis = z.infer<typeof revmanAnalysisSchema>;
export type RevmanSubgroup = z.infer<typeof revmanSubgroupSchema>;
export type RevmanDataRow = z.infer<typeof revmanDataRowSchema>;

export function emptyRevmanSection(): RevmanSection {
  return { parts: [], studies: [], reports: [], robItems: [], robEntries: [], comparisons: [], analyses: [], subgroups: [], rows: [] };
}
