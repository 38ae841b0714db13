import { ESTIMATE_WINDOW, progressSummary } from '@grove/shared/screening/progress';
import { priorityScreeningMethods } from '@grove/shared/report/priority-screening-methods';
import { methodsText } from '@grove/shared/screening/stopping-rules';
import type { Handlers, RankingModelState } from '@grove/shared';
import { readFinalLabels } from '../screening/final-labels.ts';
import { rankingServiceFor, type RankingService } from '../screening/ranking-service.ts';
import { readStoppingRule } from '../repositories/screening-settings-repo.ts';
import { requireDb, type ServiceContext } from './context.ts';
import { stageList } from './screening-state.ts';
import { ApiError } from '@grove/shared';

// Priority screening's progress picture and the relevance model's settings. The ranking
// itself is read by screening.next (order 'relevance') through db/src/screening/relevance-order.ts.

type RankingHandlers = Pick<Handlers, 'ranking.progress' | 'ranking.configure'>;

const ESTIMATE_METHOD =
  `The include rate among the last ${ESTIMATE_WINDOW} final decisions times the records not yet screened, with its one-sided 95% ` +
  'Clopper–Pearson upper limit. Records come in falling order of predicted relevance, so the rate among the last ones screened ' +
  'overstates the rate among the rest: the estimate errs towards more includes left.';

function modelState(service: RankingService): RankingModelState {
  const status = service.status();
  const ranked = service.ranked();
  return {
    state: status.state,
    phase: status.state === 'busy' ? status.phase : null,
    message: status.state === 'failed' ? status.message : null,
    trainedOn: ranked ? { includes: ranked.includes, excludes: ranked.excludes } : null,
    trainedAt: ranked?.trainedAt ?? null,
    retrainEvery: service.retrainAfter,
  };
}

function serviceOf(ctx: ServiceContext): RankingService {
  const file = ctx.file();
  if (!file) throw new ApiError('NO_REVIEW', 'No review is open. Open or create a review first.');
  return rankingServiceFor(file);
}

export function rankingHandlers(ctx: ServiceContext): RankingHandlers {
  return {
    'ranking.progress': ({ rule: given }) => {
      const db = requireDb(ctx);
      const service = serviceOf(ctx);
      // The review's own rule unless the caller tries another (nothing is stored then).
      const rule = given ?? readStoppingRule(db);
      const list = stageList(db, 'title-abstract');
      const found = readFinalLabels(db, list).map((l) => l.label);
      const summary = progressSummary(found, list.ids.length, rule);
      const model = modelState(service);
      return {
        records: summary.records,
        screened: summary.screened,
        includes: summary.includes,
        curve: summary.curve,
        remaining: { ...summary.remaining, method: ESTIMATE_METHOD },
        stopping: { rule, ...summary.stopping, words: summary.stoppingWords, methodsText: methodsText(rule) },
        methodsText: priorityScreeningMethods({
          rule,
          retrainEvery: model.retrainEvery,
          records: summary.records,
          screened: summary.screened,
          includes: summary.includes,
          stop: summary.stopping.stop,
        }),
        model,
      };
    },
    'ranking.configure': ({ retrainEvery }) => {
      const service = serviceOf(ctx);
      service.configure(retrainEvery);
      return modelState(service);
    },
  };
}
