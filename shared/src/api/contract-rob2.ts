import * as z from 'zod';
import { idSchema } from '../model/ids.ts';
import { rob2ResultAssessmentSchema } from '../rob/rob2-assessment.ts';
import { mutation, query } from './method.ts';

// RoB 2 assessments: one per numerical result (a study's outcome at a timepoint), with the
// algorithms' proposals recomputed by the backend on every save so that a stored
// proposal can never disagree with the stored answers.

export const rob2RecordSchema = z.object({
  id: idSchema,
  studyId: idSchema,
  studyLabel: z.string(),
  studyOutcomeId: idSchema.nullable(),
  /** Which result, e.g. "Recovery (RAS), 6 months". */
  resultLabel: z.string().trim().min(1, 'name the result being assessed').max(300),
  slot: z.string(),
  assessment: rob2ResultAssessmentSchema,
  /** Effective overall judgement: the final, else the proposal; null while undecided. */
  overall: z.enum(['low', 'some-concerns', 'high']).nullable(),
  updatedAt: z.string(),
});
export type Rob2Record = z.infer<typeof rob2RecordSchema>;

export const ROB2_API = {
  'rob2.list': query(z.object({ slot: z.string().optional() }).strict(), z.array(rob2RecordSchema), 'RoB 2 assessments of results.'),
  'rob2.save': mutation(
    z
      .object({
        id: idSchema.optional(),
        studyId: idSchema,
        studyOutcomeId: idSchema.nullable(),
        resultLabel: z.string().trim().min(1, 'name the result being assessed').max(300),
        slot: z.string().optional(),
        assessment: rob2ResultAssessmentSchema,
      })
      .strict(),
    rob2RecordSchema,
    'Create or update the RoB 2 assessment of one result; proposals are recomputed.',
  ),
  'rob2.delete': mutation(z.object({ id: idSchema }).strict(), z.object({ ok: z.literal(true) }), 'Delete a RoB 2 assessment (undoable).'),
} as const;
