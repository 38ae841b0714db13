import * as z from 'zod';
import { idSchema } from '../model/ids.ts';
import { extractionFormSchema } from '../model/extraction-form.ts';
import { characteristicContentSchema, characteristicValueSchema } from '../model/characteristic.ts';
import {
  armFieldsSchema,
  armResultSchema,
  armSchema,
  studyOutcomeFieldsSchema,
  studyOutcomeSchema,
  timepointFieldsSchema,
  timepointSchema,
} from '../model/study-data.ts';
import { mutation, query } from './method.ts';

// Studies & data: the extraction form, extracted characteristics, and each study's arms,
// outcomes, timepoints and results (db/src/service/extraction-handlers.ts).

const ok = z.object({ ok: z.literal(true) });
const slotSchema = z.string().min(1).max(64);

/** A result cell as stored: which arm, outcome and timepoint, and its numbers. */
export const armResultRowSchema = z.object({
  id: idSchema,
  studyOutcomeId: idSchema,
  timepointId: idSchema,
  armId: idSchema,
  result: armResultSchema,
});
export type ArmResultRow = z.infer<typeof armResultRowSchema>;

/** Everything the results grid of one study needs, in one call. */
export const studyDataSchema = z.object({
  studyId: idSchema,
  arms: z.array(armSchema),
  outcomes: z.array(studyOutcomeSchema),
  timepoints: z.array(timepointSchema.extend({ categoryId: idSchema.nullable(), selected: z.boolean() })),
  results: z.array(armResultRowSchema),
});
export type StudyData = z.infer<typeof studyDataSchema>;

export const EXTRACTION_API = {
  'form.get': query(z.object({}).strict(), extractionFormSchema, 'The extraction form: sections and fields.'),
  'form.update': mutation(
    z.object({ form: extractionFormSchema }).strict(),
    extractionFormSchema,
    'Replace the form design (diffed by id).',
  ),

  'characteristics.list': query(
    z.object({ studyId: idSchema.optional() }).strict(),
    z.array(characteristicValueSchema),
    'Extracted values, of one study or all.',
  ),
  'characteristics.set': mutation(
    z
      .object({
        studyId: idSchema,
        fieldId: idSchema,
        slot: slotSchema.optional(),
        /** null clears the value (back to "not yet extracted"). */
        content: characteristicContentSchema.nullable(),
        sourceNote: z.string().max(2000).optional(),
        comment: z.string().max(5000).optional(),
      })
      .strict(),
    characteristicValueSchema.nullable(),
    'Set, mark not reported, or clear one value.',
  ),

  'studyData.get': query(z.object({ studyId: idSchema }).strict(), studyDataSchema, 'Arms, outcomes, timepoints and results of a study.'),
  'arms.create': mutation(z.object({ studyId: idSchema, arm: armFieldsSchema }).strict(), armSchema, 'Add an arm.'),
  'arms.update': mutation(z.object({ id: idSchema, patch: armFieldsSchema.partial() }).strict(), armSchema, 'Edit an arm.'),
  'arms.delete': mutation(z.object({ id: idSchema }).strict(), ok, 'Delete an arm and its results.'),
  'studyOutcomes.create': mutation(
    z.object({ studyId: idSchema, outcome: studyOutcomeFieldsSchema }).strict(),
    studyOutcomeSchema,
    'Record how a study measured a planned outcome.',
  ),
  'studyOutcomes.update': mutation(
    z.object({ id: idSchema, patch: studyOutcomeFieldsSchema.partial() }).strict(),
    studyOutcomeSchema,
    'Edit a study outcome.',
  ),
  'studyOutcomes.delete': mutation(z.object({ id: idSchema }).strict(), ok, 'Delete a study outcome and its results.'),
  'timepoints.create': mutation(
    z.object({ studyId: idSchema, timepoint: timepointFieldsSchema }).strict(),
    timepointSchema,
    'Add a timepoint.',
  ),
  'timepoints.update': mutation(
    z.object({ id: idSchema, patch: timepointFieldsSchema.partial() }).strict(),
    timepointSchema,
    'Edit a timepoint.',
  ),
  'timepoints.delete': mutation(z.object({ id: idSchema }).strict(), ok, 'Delete a timepoint and its results.'),
  'results.set': mutation(
    z.object({ studyOutcomeId: idSchema, timepointId: idSchema, armId: idSchema, result: armResultSchema.nullable() }).strict(),
    armResultRowSchema.nullable(),
    'Set or clear one arm’s result for an outcome at a timepoint.',
  ),

  'results.setMany': mutation(
    z
      .object({
        cells: z
          .array(
            z.object({ studyOutcomeId: idSchema, timepointId: idSchema, armId: idSchema, result: armResultSchema.nullable() }).strict(),
          )
          .min(1)
          .max(2000),
      })
      .strict(),
    z.array(armResultRowSchema.nullable()),
    'Set several results as one change (a pasted block, a calculator writing both arms): one undo step.',
  ),
  'characteristics.counts': query(
    z.object({}).strict(),
    z.record(z.string(), z.int()),
    'How many studies have a value (or N/R) for each form field, in any slot.',
  ),
} as const;
