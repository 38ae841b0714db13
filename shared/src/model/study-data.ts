import * as z from 'zod';
import { idSchema } from './ids.ts';
import { resultNumberIssue, type ResultField } from './result-rules.ts';

// Per-study outcome data: arms, the measure each study used for each review outcome,
// timepoints, and the results grid (outcome × timepoint rows, arm columns).

export const ARM_ROLES = ['intervention', 'control'] as const;
export type ArmRole = (typeof ARM_ROLES)[number];

export const armFieldsSchema = z.object({
  label: z.string().trim().min(1, 'an arm needs a label').max(200),
  role: z.enum(ARM_ROLES),
  description: z.string().max(5000),
  randomised: z.int('must be a whole number').min(1, 'must be at least 1').nullable(),
});
export type ArmFields = z.infer<typeof armFieldsSchema>;
export const armSchema = armFieldsSchema.extend({ id: idSchema, studyId: idSchema });
export type Arm = z.infer<typeof armSchema>;

export const DIRECTIONS = ['higher-better', 'lower-better'] as const;
export const OUTCOME_DATA_TYPES = ['continuous', 'dichotomous', 'contrast'] as const;
export type OutcomeDataType = (typeof OUTCOME_DATA_TYPES)[number];

/** How one study measured one of the review's planned outcomes. */
export const studyOutcomeFieldsSchema = z.object({
  outcomeId: idSchema,
  measure: z.string().trim().min(1, 'name the measure or scale, e.g. "Recovery Assessment Scale"').max(300),
  direction: z.enum(DIRECTIONS),
  dataType: z.enum(OUTCOME_DATA_TYPES),
  notes: z.string().max(5000),
});
export type StudyOutcomeFields = z.infer<typeof studyOutcomeFieldsSchema>;
export const studyOutcomeSchema = studyOutcomeFieldsSchema.extend({ id: idSchema, studyId: idSchema });
export type StudyOutcome = z.infer<typeof studyOutcomeSchema>;

export const timepointFieldsSchema = z.object({
  label: z.string().trim().min(1, 'a timepoint needs a label, e.g. "6 months"').max(200),
  /** Weeks after the end of treatment (0 = at the end of treatment). */
  weeksAfterTreatment: z.number().min(0, 'cannot be before the end of treatment').max(5200),
  /** A timepoint category id chosen by hand instead of the automatic one, or null. */
  categoryOverride: idSchema.nullable(),
});
export type TimepointFields = z.infer<typeof timepointFieldsSchema>;
export const timepointSchema = timepointFieldsSchema.extend({ id: idSchema, studyId: idSchema });
export type Timepoint = z.infer<typeof timepointSchema>;

/**
 * How a number in the grid came about when it was not reported as such: the record the
 * statistical core's calculators return (shared/src/stats/calculators/derivation.ts).
 */
export const derivationSchema = z.object({
  method: z.string().min(1),
  inputs: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  formula: z.string(),
  reference: z.string(),
});
export type Derivation = z.infer<typeof derivationSchema>;

/** A number of a result cell, checked by the shared result rules (the grid checks the same). */
function resultNumber(field: ResultField) {
  return z
    .number()
    .check((ctx) => {
      const issue = resultNumberIssue(field, ctx.value);
      if (issue) ctx.issues.push({ code: 'custom', message: issue.message, input: ctx.value });
    })
    .nullable();
}

/** One arm's result for one outcome at one timepoint. */
export const armResultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('continuous'),
    mean: resultNumber('mean'),
    sd: resultNumber('sd'),
    n: resultNumber('n'),
    /** Set when the SD (or mean) was derived, e.g. from a CI, SE or median and IQR. */
    derivation: derivationSchema.nullable(),
  }),
  z.object({
    kind: z.literal('dichotomous'),
    events: resultNumber('events'),
    n: resultNumber('n'),
    derivation: derivationSchema.nullable(),
  }),
]);
export type ArmResult = z.infer<typeof armResultSchema>;
