import * as z from 'zod';
import { enterPlannedArgsSchema } from '../model/planned-entry.ts';
import { ARM_ROLES, DIRECTIONS } from '../model/study-data.ts';
import { idSchema } from '../model/ids.ts';
import { studyDataSchema } from './contract-extraction.ts';
import { mutation, query } from './method.ts';

// Entering a study's data in one step (db/src/service/entry-handlers.ts): the defaults the
// review holds for each planned outcome, and one planned outcome's results of the study's
// two arms written with whatever they need (arms, measure, timepoint) as one change.

export const plannedEntrySchema = z.object({
  /**
   * Each planned outcome's direction and data type, from the other studies that measured it
   * (before any did: the direction of the outcome's first scale; null: neither yet).
   */
  outcomes: z.array(
    z.object({
      outcomeId: idSchema,
      direction: z.enum(DIRECTIONS).nullable(),
      directionFrom: z.enum(['studies', 'scale']).nullable(),
      scale: z.string().nullable(),
      dataType: z.enum(['continuous', 'dichotomous']).nullable(),
      studies: z.int(),
    }),
  ),
  /** The timepoint the results go to: the protocol's first category (null when it has none). */
  usualTimepoint: z.object({ categoryId: idSchema, label: z.string(), weeksAfterTreatment: z.number() }).nullable(),
  /** The arms results go to: the study's two (intervention and control), or the two it would get; null when it has others. */
  arms: z
    .array(z.object({ id: idSchema.nullable(), label: z.string(), role: z.enum(ARM_ROLES), randomised: z.int().nullable() }))
    .nullable(),
});
export type PlannedEntry = z.infer<typeof plannedEntrySchema>;

export const ENTRY_API = {
  'entry.planned': query(
    z.object({ studyId: idSchema }).strict(),
    plannedEntrySchema,
    'What one-step entry of a study’s planned outcomes would use: defaults, the usual timepoint and the two arms.',
  ),
  'entry.enterPlanned': mutation(
    enterPlannedArgsSchema,
    studyDataSchema,
    'Enter one planned outcome’s results for the study’s two arms, creating the arms, the measure and the timepoint when missing (one change); an empty N randomised is filled from the N.',
  ),
} as const;
