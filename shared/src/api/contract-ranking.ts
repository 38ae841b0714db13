import * as z from 'zod';
import { mutation, query } from './method.ts';

// Priority screening (issue 15): the relevance model that runs in a backend worker thread
// and the progress picture. The order itself is asked of `screening.next` with
// `order: 'relevance'`; the handlers are db/src/service/ranking-handlers.ts.

export const stoppingRuleSchema = z.discriminatedUnion('kind', [
  /** Stop after this many consecutive excludes (a heuristic). */
  z.object({ kind: z.literal('buffer'), buffer: z.int().min(1, 'must be at least 1').max(1_000_000) }).strict(),
  /** The hypergeometric test of Callaghan & Müller-Hansen (2020). */
  z
    .object({
      kind: z.literal('hypergeometric'),
      recall: z.number().gt(0, 'must be more than 0').lt(1, 'must be less than 1'),
      confidence: z.number().gt(0, 'must be more than 0').lt(1, 'must be less than 1'),
    })
    .strict(),
]);

export type StoppingRuleArg = z.infer<typeof stoppingRuleSchema>;

const count = z.int().min(0);

export const rankingModelStateSchema = z.object({
  /** starting: the worker is starting; busy: reading, building features or training; ready: idle with the latest ranking (if any); failed: the worker stopped. */
  state: z.enum(['starting', 'busy', 'ready', 'failed']),
  phase: z.enum(['reading', 'building features', 'training']).nullable(),
  message: z.string().nullable(),
  /** The final decisions the ranking in use was trained on; null before the first ranking. */
  trainedOn: z.object({ includes: count, excludes: count }).nullable(),
  trainedAt: z.string().nullable(),
  /** The model retrains once this many final decisions are new (or changed) since it last learnt. */
  retrainEvery: z.int().min(1),
});
export type RankingModelState = z.infer<typeof rankingModelStateSchema>;

export const rankingProgressSchema = z.object({
  /** Records at title/abstract, final decisions among them, and the includes (or maybe) among those. */
  records: count,
  screened: count,
  includes: count,
  /** Includes found over records screened, one point where each include was found plus both ends. */
  curve: z.array(z.object({ screened: count, includes: count })),
  /** The include rate of the last `window` final decisions times the records left, and its one-sided 95% upper limit. */
  remaining: z.object({
    window: count,
    windowIncludes: count,
    unscreened: count,
    expected: z.number().min(0).nullable(),
    upper: z.number().min(0),
    method: z.string(),
  }),
  stopping: z.object({
    rule: stoppingRuleSchema,
    stop: z.boolean(),
    /** Buffer: consecutive excludes so far. Hypergeometric: the test's p-value. */
    statistic: z.number(),
    words: z.string(),
    /** The sentence the review's methods can carry for the rule. */
    methodsText: z.string(),
  }),
  /** The methods paragraph for priority screening: the model, its retraining, that nothing is hidden, the rule and whether it is met. */
  methodsText: z.string(),
  model: rankingModelStateSchema,
});
export type RankingProgress = z.infer<typeof rankingProgressSchema>;

export const RANKING_API = {
  'ranking.progress': query(
    /** `rule` tries another rule without storing it; without it, the review's stored rule (screening.settings) is used. */
    z.object({ rule: stoppingRuleSchema.optional() }).strict(),
    rankingProgressSchema,
    'The progress of title/abstract screening: includes found over records screened, an estimate of includes left, the state of the stopping rule (the review’s own unless another is given) and of the relevance model.',
  ),
  'ranking.configure': mutation(
    z.object({ retrainEvery: z.int().min(1, 'must be at least 1').max(1000, 'must be at most 1000') }).strict(),
    rankingModelStateSchema,
    'How many new final decisions make the relevance model retrain (for this session; nothing is written to the review).',
  ),
} as const;
