import * as z from 'zod';
import { gradeAssessmentSchema } from '../grade/certainty.ts';
import type { ReportTable } from '../report/report-table.ts';
import { mutation, query } from './method.ts';

// Review-wide working settings, and GRADE certainty per analysis for the
// summary-of-findings table.

export const reviewSettingsSchema = z.object({
  /** Two reviewers extract independently into their own slots (their reviewer ids). */
  dualExtraction: z.boolean(),
  extractionFirst: z.string().nullable(),
  extractionSecond: z.string().nullable(),
  /** The first and second risk-of-bias assessors for the double-assessed sample. */
  robFirst: z.string().nullable(),
  robSecond: z.string().nullable(),
  /** Header of the summary-of-findings table: "[intervention] compared to [comparator] for [population]". */
  sofIntervention: z.string().max(300),
  sofComparator: z.string().max(300),
  sofPopulation: z.string().max(500),
  sofSetting: z.string().max(500),
});
export type ReviewSettings = z.infer<typeof reviewSettingsSchema>;

export const gradeRecordSchema = z.object({
  analysisId: z.string(),
  assessment: gradeAssessmentSchema,
  /** The computed and the final level (after any override). */
  computed: z.enum(['very-low', 'low', 'moderate', 'high']),
  final: z.enum(['very-low', 'low', 'moderate', 'high']),
  updatedAt: z.string(),
});
export type GradeRecord = z.infer<typeof gradeRecordSchema>;

export const SETTINGS_API = {
  'settings.get': query(z.object({}).strict(), reviewSettingsSchema, 'Review-wide working settings.'),
  'settings.update': mutation(
    z.object({ patch: reviewSettingsSchema.partial() }).strict(),
    reviewSettingsSchema,
    'Change review-wide settings.',
  ),
  'grade.list': query(z.object({}).strict(), z.array(gradeRecordSchema), 'GRADE assessments by analysis id.'),
  'grade.set': mutation(
    z
      .object({
        analysisId: z
          .string()
          .regex(
            /^(CMP-[0-9.]+|[^@]+@[^@]+)$/,
            'an analysis id is an outcome id ("CMP-001.01") or "<planned outcome id>@<timepoint category id>"',
          ),
        assessment: gradeAssessmentSchema.nullable(),
      })
      .strict(),
    gradeRecordSchema.nullable(),
    'Rate (or clear) the certainty of the evidence of one analysis.',
  ),
  'outputs.sof': query(
    z.object({}).strict(),
    z.custom<ReportTable>((v) => typeof v === 'object' && v !== null && 'columns' in v),
    'The summary-of-findings table of the analyses with enough studies.',
  ),
} as const;
