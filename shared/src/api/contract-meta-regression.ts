import * as z from 'zod';
import { query } from './method.ts';
import type { OutcomeMetaRegression } from '../analysis/outcome-meta-regression.ts';
import { idSchema } from '../model/ids.ts';

// Meta-regression of one outcome of the analysis model on the review's extraction fields
// (issue 17, in the workbench): the coefficients table, τ², QM, QE, R² and, for one
// continuous moderator, the bubble plot's data. A reason it cannot run (a study without a
// value, a categorical moderator with one level, too few studies) is a VALIDATION error
// naming the study and the field.

export type { OutcomeMetaRegression };

const isObject = (v: unknown) => typeof v === 'object' && v !== null;

export const META_REGRESSION_API = {
  'analyses.metaRegression': query(
    z
      .object({
        outcomeId: z.string().min(1).max(100),
        /** One subgroup of the outcome (its id); all of its rows when absent. */
        subgroupId: z.string().min(1).max(100).optional(),
        /** Extraction field ids: number fields are continuous moderators, single-choice fields categorical. */
        moderators: z.array(idSchema).min(1, 'choose at least one moderator').max(10, 'at most 10 moderators'),
        test: z.enum(['z', 'knha']).default('z'),
      })
      .strict(),
    z.custom<OutcomeMetaRegression>((v) => isObject(v) && 'coefficients' in v && 'bubble' in v),
    'Meta-regression (REML; fixed-effect outcomes FE) of one outcome on extraction fields, with the bubble plot data for one continuous moderator.',
  ),
} as const;
