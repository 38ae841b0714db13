import { ApiError, type Handlers } from '@grove/shared';
import { methodsParagraph } from '@grove/shared/report/methods-text';
import { analyze, type AnalysisInput } from '@grove/shared/stats/index';
import { APP_VERSION } from '../version.ts';
import { findOutcome } from '../repositories/outline-repo.ts';
import { analyseOne } from './outcome-model.ts';
import { requireDb, type ServiceContext } from './context.ts';

// The "beyond RevMan" blocks for one outcome (issue 17): the outcome's own analysis input
// with the blocks asked for, analysed by the statistical core as `grove meta` does.

type ExploreHandlers = Pick<Handlers, 'analyses.explore'>;

export function exploreHandlers(ctx: ServiceContext): ExploreHandlers {
  return {
    'analyses.explore': ({ outcomeId, trimFill, cumulative, influence, glmm }) => {
      const db = requireDb(ctx);
      const record = findOutcome(db, outcomeId);
      if (!record) throw new ApiError('NOT_FOUND', `There is no outcome "${outcomeId}" in this review.`);
      const base = analyseOne(db, record).analysis.input;
      if (!base) throw new ApiError('VALIDATION', `The outcome "${outcomeId}" has no data to analyse.`);
      const input: AnalysisInput = {
        ...base,
        extensions: {
          ...(trimFill ? { trimFill: { estimator: trimFill.estimator } } : {}),
          ...(cumulative ? { cumulative: {} } : {}),
          ...(influence ? { influence: true as const } : {}),
          ...(glmm ? { glmm: { quadraturePoints: 7 } } : {}),
        },
      };
      const result = analyze(input);
      return {
        outcomeId,
        ratio: result.methods.ratio,
        effectMeasure: result.methods.effectMeasure,
        methodsText: methodsParagraph(input, { software: `Grove ${APP_VERSION}` }),
        notes: result.methods.notes,
        ...(result.trimFill ? { trimFill: result.trimFill } : {}),
        ...(result.cumulative ? { cumulative: result.cumulative } : {}),
        ...(result.influence ? { influence: result.influence } : {}),
        ...(result.glmm ? { glmm: result.glmm } : {}),
      };
    },
  };
}
