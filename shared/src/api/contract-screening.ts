import * as z from 'zod';
import { stoppingRuleSchema } from './contract-ranking.ts';
import { mutation, query } from './method.ts';

// Screening (issue 14): two stages (title/abstract, then full text), single or dual
// screening per stage with a dual-screening sample, one decision row per (record, stage,
// reviewer), blinding, the conflicts queue and its resolution, and per-stage agreement.
// The rules themselves are pure functions in shared/src/screening/workflow/; the handlers
// are db/src/service/screening-handlers.ts; docs/screening.md explains them.

const none = z.object({}).strict();

export const SCREENING_STAGES = ['title-abstract', 'full-text'] as const;
export const screeningStageSchema = z.enum(SCREENING_STAGES);
export type ScreeningStage = z.infer<typeof screeningStageSchema>;

export const SCREENING_DECISIONS = ['include', 'exclude', 'maybe'] as const;
export const screeningDecisionSchema = z.enum(SCREENING_DECISIONS);
export type ScreeningDecision = z.infer<typeof screeningDecisionSchema>;

const fraction = z.number().gt(0, 'must be more than 0').max(1, 'must be at most 1');
const seed = z
  .int()
  .min(0)
  .max(2 ** 31 - 1);

/** Which records of a dual-screened stage a second reviewer must also decide. */
export const dualSampleSchema = z.discriminatedUnion('kind', [
  /** Every record, in duplicate. */
  z.object({ kind: z.literal('all') }).strict(),
  /** A seeded random fraction of the records; a record's membership never changes as records are added. */
  z.object({ kind: z.literal('random-fraction'), fraction, seed }).strict(),
  /** The first N % of the stage's records in file order (rounded up to a whole record). */
  z.object({ kind: z.literal('first-percent'), percent: z.number().gt(0, 'must be more than 0').max(100, 'must be at most 100') }).strict(),
  /** Every record the first reviewer included (or marked maybe) plus a seeded fraction of those they excluded. */
  z.object({ kind: z.literal('included-plus-excluded-fraction'), fraction, seed }).strict(),
]);
export type DualSample = z.infer<typeof dualSampleSchema>;

export const stageSettingsSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('single') }).strict(),
  z.object({ mode: z.literal('dual'), sample: dualSampleSchema }).strict(),
]);
export type StageSettings = z.infer<typeof stageSettingsSchema>;

export const exclusionReasonSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** Records whose final full-text decision is an exclusion for this reason. */
  count: z.int().min(0),
});
export type ExclusionReason = z.infer<typeof exclusionReasonSchema>;

const termList = z.array(z.string().trim().min(1, 'a term cannot be empty').max(200)).max(500);

export const screeningSettingsSchema = z.object({
  stages: z.object({ 'title-abstract': stageSettingsSchema, 'full-text': stageSettingsSchema }),
  /** The review's own highlight terms, shown in the record's title and abstract. */
  highlight: z.object({ include: z.array(z.string()), exclude: z.array(z.string()) }),
  /** Full-text exclusion reasons, in the review's order. */
  exclusionReasons: z.array(exclusionReasonSchema),
  /** Priority screening's stopping rule: the review's choice, stated in its methods (ranking.progress uses it). */
  stoppingRule: stoppingRuleSchema,
});
export type ScreeningSettings = z.infer<typeof screeningSettingsSchema>;

export const screeningSettingsPatchSchema = z
  .object({
    stages: z.object({ 'title-abstract': stageSettingsSchema.optional(), 'full-text': stageSettingsSchema.optional() }).strict().optional(),
    highlight: z.object({ include: termList.optional(), exclude: termList.optional() }).strict().optional(),
    /**
     * The whole list of reasons, in order: an entry with an id keeps (and may rename) that
     * reason, one without adds a reason; a reason left out is removed (refused while a
     * decision gives it).
     */
    exclusionReasons: z
      .array(z.object({ id: z.string().optional(), label: z.string().trim().min(1, 'a reason needs a label').max(300) }).strict())
      .max(200)
      .optional(),
    stoppingRule: stoppingRuleSchema.optional(),
  })
  .strict();
export type ScreeningSettingsPatch = z.input<typeof screeningSettingsPatchSchema>;

/** One reviewer's decision (or the resolution) on a record at a stage. */
export const decisionEntrySchema = z.object({
  reviewerId: z.string(),
  reviewerName: z.string(),
  decision: screeningDecisionSchema,
  /** Full text: the exclusion reason's id and label. */
  reasonId: z.string().nullable(),
  reason: z.string().nullable(),
  note: z.string(),
  labels: z.array(z.string()),
  decidedAt: z.string(),
});
export type DecisionEntry = z.infer<typeof decisionEntrySchema>;

export const finalDecisionSchema = z.object({
  decision: screeningDecisionSchema,
  /** Where it comes from: a resolution of a conflict, the reviewers' agreed decision, or the one screener's. */
  source: z.enum(['resolution', 'agreed', 'single']),
});
export type FinalDecision = z.infer<typeof finalDecisionSchema>;

/** A record as the screening view shows it to the current reviewer. */
export const screeningRecordSchema = z.object({
  recordId: z.string(),
  stage: screeningStageSchema,
  title: z.string().nullable(),
  authors: z.array(z.string()),
  journal: z.string().nullable(),
  year: z.int().nullable(),
  abstract: z.string().nullable(),
  doi: z.string().nullable(),
  /** The current reviewer's own decision, or null. */
  mine: decisionEntrySchema.nullable(),
  /**
   * The other reviewers' decisions, or null while blinded: until every reviewer the record
   * needs (its dual-screening sample) has decided, nothing of another reviewer is shown.
   */
  others: z.array(decisionEntrySchema).nullable(),
  /** Null while blinded or still undecided (waiting for a reviewer, or an open conflict). */
  final: finalDecisionSchema.nullable(),
  resolution: decisionEntrySchema.nullable(),
});
export type ScreeningRecord = z.infer<typeof screeningRecordSchema>;

export const SCREENING_ORDERS = ['file', 'random', 'relevance'] as const;
export const screeningOrderSchema = z.enum(SCREENING_ORDERS);
export type ScreeningOrder = z.infer<typeof screeningOrderSchema>;

export const conflictSchema = z.object({
  recordId: z.string(),
  stage: screeningStageSchema,
  title: z.string().nullable(),
  authors: z.array(z.string()),
  journal: z.string().nullable(),
  year: z.int().nullable(),
  abstract: z.string().nullable(),
  /** Every reviewer's decision, reason and note, side by side (in the order they were made). */
  decisions: z.array(decisionEntrySchema),
  resolution: decisionEntrySchema.nullable(),
});
export type ScreeningConflict = z.infer<typeof conflictSchema>;

const countsSchema = z.object({ include: z.int().min(0), exclude: z.int().min(0), maybe: z.int().min(0) });

/** What `grove screen status --json` prints for every stage, after `stage`, `records` (and full text's `notRetrieved`). */
const stageStatusCounts = {
  /** Per reviewer name: their decisions on the stage's records. */
  decisions: z.record(z.string(), countsSchema),
  /** Open conflicts (the reviewers disagree and nobody has resolved it yet). */
  conflicts: z.int().min(0),
  /** Conflicts resolved. */
  resolved: z.int().min(0),
  /** Percent agreement (0–100) over the records two reviewers decided; null when there are none. */
  agreement: z.number().nullable(),
  /** Cohen's κ; null when undefined (no pairs, or both used one category throughout). */
  kappa: z.number().nullable(),
  /** 95% CI of κ (Fleiss, Cohen & Everitt 1969); null when κ or its SE is undefined. */
  kappaCi: z.tuple([z.number(), z.number()]).nullable(),
};

/** Exactly what `grove screen status --json` prints for a stage. */
export const stageStatusSchema = z.discriminatedUnion('stage', [
  z.object({
    stage: z.literal('title-abstract'),
    /** Records not removed as duplicates. */
    records: z.int().min(0),
    ...stageStatusCounts,
  }),
  z.object({
    stage: z.literal('full-text'),
    /** Records finally included at title/abstract: PRISMA's reports sought for retrieval. */
    records: z.int().min(0),
    /** Of those, reports marked "Full text could not be obtained" (`retrieval.*`): PRISMA's reports not retrieved. */
    notRetrieved: z.int().min(0),
    ...stageStatusCounts,
  }),
]);
export type StageStatus = z.infer<typeof stageStatusSchema>;
export const screeningStatusSchema = z.object({ stages: z.array(stageStatusSchema) });
export type ScreeningStatus = z.infer<typeof screeningStatusSchema>;

export const agreementDetailSchema = z.object({
  /** Records two reviewers decided (the first two decisions of each). */
  n: z.int().min(0),
  agreed: z.int().min(0),
  percentAgreement: z.number().nullable(),
  kappa: z.number().nullable(),
  kappaStatus: z.enum(['ok', 'no-items', 'single-category']),
  kappaSe: z.number().nullable(),
  kappaCi: z.tuple([z.number(), z.number()]).nullable(),
  /** Prevalence- and bias-adjusted κ. */
  pabak: z.number().nullable(),
  /** The categories in the order of `table` (rows: first reviewer, columns: second). */
  categories: z.array(screeningDecisionSchema),
  table: z.array(z.array(z.int().min(0))),
});
export type AgreementDetail = z.infer<typeof agreementDetailSchema>;

export const stageAgreementSchema = z.object({
  stage: screeningStageSchema,
  settings: stageSettingsSchema,
  /** Over every record two reviewers decided. */
  all: agreementDetailSchema,
  /**
   * Per part of the sample: 'first-included' / 'first-excluded' under "all included plus a
   * fraction of excluded"; otherwise 'in-sample' and, when two reviewers decided records
   * outside the sample, 'outside-sample'. Parts without a pair are left out.
   */
  samples: z.array(
    z.object({ part: z.enum(['in-sample', 'outside-sample', 'first-included', 'first-excluded']), agreement: agreementDetailSchema }),
  ),
});
export type StageAgreement = z.infer<typeof stageAgreementSchema>;

const stageArg = { stage: screeningStageSchema };
const noteSchema = z.string().max(10_000).default('');
const labelsSchema = z.array(z.string().trim().min(1).max(100)).max(50).default([]);

export const SCREENING_API = {
  'screening.settings.get': query(
    none,
    screeningSettingsSchema,
    'The screening settings: single or dual per stage, the sample, highlight terms and exclusion reasons.',
  ),
  'screening.settings.update': mutation(
    z.object({ patch: screeningSettingsPatchSchema }).strict(),
    screeningSettingsSchema,
    'Changes the screening settings (one change).',
  ),
  'screening.decide': mutation(
    z
      .object({
        ...stageArg,
        recordId: z.string(),
        decision: screeningDecisionSchema,
        reasonId: z.string().nullable().default(null),
        note: noteSchema,
        labels: labelsSchema,
      })
      .strict(),
    screeningRecordSchema,
    'The current reviewer decides a record at a stage (replacing their earlier decision); a full-text exclusion needs a reason.',
  ),
  'screening.next': query(
    z
      .object({
        ...stageArg,
        /** Continue after this record (the last one the view holds); from the start when absent. */
        after: z.string().optional(),
        count: z.int().min(1).max(50).default(5),
        order: screeningOrderSchema.default('file'),
      })
      .strict(),
    z.object({ records: z.array(screeningRecordSchema) }),
    'The current reviewer’s next records to screen at a stage, a small batch in the order asked.',
  ),
  'screening.record': query(
    z.object({ ...stageArg, recordId: z.string() }).strict(),
    screeningRecordSchema,
    'One record as the current reviewer sees it at a stage (for going back).',
  ),
  'screening.myDecisions': query(
    z.object({ ...stageArg, limit: z.int().min(1).max(500).default(20) }).strict(),
    z.array(screeningRecordSchema),
    'The current reviewer’s decisions at a stage, the latest first (for "back").',
  ),
  'screening.conflicts': query(
    z.object({ ...stageArg, include: z.enum(['open', 'all']).default('open') }).strict(),
    z.array(conflictSchema),
    'Records whose reviewers disagree, with every decision side by side; open ones only unless include is "all".',
  ),
  'screening.resolve': mutation(
    z
      .object({
        ...stageArg,
        recordId: z.string(),
        decision: screeningDecisionSchema,
        reasonId: z.string().nullable().default(null),
        note: noteSchema,
      })
      .strict(),
    conflictSchema,
    'Resolves a conflict: the current reviewer records the final decision.',
  ),
  'screening.agreement': query(
    none,
    z.array(stageAgreementSchema),
    'Per stage and per part of its dual sample: percent agreement, Cohen’s κ with its SE and 95% CI, PABAK and the contingency table.',
  ),
  'screening.status': query(
    none,
    screeningStatusSchema,
    'Per stage: records, each reviewer’s decisions, conflicts, resolutions and agreement (κ with its 95% CI).',
  ),
} as const;
