import * as z from 'zod';
import { idSchema } from '../model/ids.ts';
import { outcomeScaleFieldsSchema, outcomeScaleSchema } from '../model/outcome-scale.ts';
import { mutation, query } from './method.ts';

// The scales of the planned outcomes (db/src/service/scale-handlers.ts): a study's measure
// is chosen from them (studyOutcomes.create / update refuse a measure that is none of its
// outcome's scales once it has some); a new one is added here, confirmed by the reviewer.

export const SCALE_API = {
  'scales.list': query(
    z.object({ outcomeId: idSchema.optional() }).strict(),
    z.array(outcomeScaleSchema),
    'The scales of every planned outcome (or of one), each with its direction and unit, in order.',
  ),
  'scales.create': mutation(
    z.object({ outcomeId: idSchema, scale: outcomeScaleFieldsSchema }).strict(),
    outcomeScaleSchema,
    'Adds a scale to a planned outcome, confirmed as new by the reviewer; refused when the outcome has a scale of the same name.',
  ),
  'scales.update': mutation(
    z.object({ id: idSchema, patch: outcomeScaleFieldsSchema.partial() }).strict(),
    outcomeScaleSchema,
    'Edits a scale’s direction or unit (or its name, which the studies using it follow).',
  ),
} as const;
