import * as z from 'zod';

// Which analysis to run: an outcome at a timepoint category, with optional overrides of
// the review's conventions, a subgroup field and a sensitivity restriction.

export const sensitivitySchema = z.discriminatedUnion('kind', [
  /** Only studies at low overall risk of bias (the seed's first planned sensitivity analysis). */
  z.object({ kind: z.literal('low-risk-of-bias') }),
  /** Only studies whose choice field holds one of these options (e.g. comparator = TAU). */
  z.object({ kind: z.literal('field'), fieldId: z.string(), optionIds: z.array(z.string()).min(1) }),
  /** Leave one study out. */
  z.object({ kind: z.literal('leave-one-out'), studyId: z.string() }),
]);
export type Sensitivity = z.infer<typeof sensitivitySchema>;

export const analysisSpecSchema = z.object({
  outcomeId: z.string(),
  categoryId: z.string(),
  model: z.enum(['fixed', 'random']).optional(),
  preset: z.enum(['revman5', 'cochrane2025']).optional(),
  /** Force MD or SMD (continuous) or RR/OR/RD (dichotomous); default by the review's rule. */
  effectMeasure: z.enum(['MD', 'SMD', 'RR', 'OR', 'RD']).optional(),
  /** A single-choice field whose options define the subgroups. */
  subgroupFieldId: z.string().optional(),
  sensitivity: sensitivitySchema.optional(),
});
export type AnalysisSpec = z.infer<typeof analysisSpecSchema>;

export function analysisId(outcomeId: string, categoryId: string): string {
  return `${outcomeId}@${categoryId}`;
}
