import * as z from 'zod';
import { query } from './method.ts';
import type { CumulativeStep } from '../stats/cumulative.ts';
import type { BlockError, InfluenceRow, TrimFillResult } from '../stats/extensions.ts';
import type { GlmmResult } from '../stats/glmm-block.ts';

// "Beyond RevMan" for one outcome of the analysis model (issue 17): trim-and-fill, a
// cumulative meta-analysis and influence diagnostics, run by the statistical core on the
// outcome's own input (its model and settings), and the methods paragraph for the report and
// the clipboard. Each block that cannot run says why in its own place.

export interface OutcomeExploration {
  outcomeId: string;
  /** Estimates are exponentiated for display (OR, RR, HR…). */
  ratio: boolean;
  effectMeasure: string;
  /** The methods paragraph in the Handbook's wording, with the blocks asked for. */
  methodsText: string;
  /** Notes of the method record (e.g. inverse-variance estimates used for an MH analysis). */
  notes: string[];
  trimFill?: TrimFillResult | BlockError;
  cumulative?: CumulativeStep[] | BlockError;
  influence?: InfluenceRow[] | BlockError;
  /** The binomial-normal GLMM for the odds ratio (dichotomous outcomes), with the outcome's model. */
  glmm?: GlmmResult | BlockError;
}

const isObject = (v: unknown) => typeof v === 'object' && v !== null;

export const EXPLORE_API = {
  'analyses.explore': query(
    z
      .object({
        outcomeId: z.string().min(1).max(100),
        trimFill: z
          .object({ estimator: z.enum(['L0', 'R0']).default('L0') })
          .strict()
          .optional(),
        /** In the outcome's row order (its sort order). */
        cumulative: z.boolean().optional(),
        influence: z.boolean().optional(),
        /** The binomial-normal GLMM (metafor rma.glmm UM.FS, 7 quadrature points). */
        glmm: z.boolean().optional(),
      })
      .strict(),
    z.custom<OutcomeExploration>((v) => isObject(v) && 'outcomeId' in v && 'methodsText' in v),
    'Trim-and-fill, cumulative meta-analysis, influence diagnostics and the binomial-normal GLMM of one outcome with its own model, and its methods paragraph.',
  ),
} as const;
