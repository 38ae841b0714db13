import * as z from 'zod';
import { cyrb53 } from '../text/cyrb53.ts';

// Which studies a second reviewer assesses independently (the seed review double-assessed a
// random 10%). Selection is deterministic from (seed, study ids) so that it can be recorded
// in the methods and reproduced: each study gets a 53-bit hash of `seed ‖ id`, and the
// sample is the ceil(fraction × n) studies with the smallest hashes.
//
// Why hash-ranking rather than shuffling: the result does not depend on the order the
// studies are listed in, and adding a study later leaves the earlier sample nearly intact
// (a sampled study only drops out if the newcomer outranks it and the size did not grow).
// The hash is cyrb53 (text/cyrb53.ts), the same answer on every platform.
// Changing it would change existing reviews' samples: a golden test pins it.

export const secondReviewerSampleConfigSchema = z.object({
  /** Share of studies to double-assess, in (0, 1]. */
  fraction: z.number().gt(0, 'must be more than 0').max(1, 'must be at most 1'),
  /** Any integer or text; recorded in the methods so the sample can be reproduced. */
  seed: z.union([z.int(), z.string().min(1, 'a seed is needed to reproduce the sample').max(200)]),
});
export type SecondReviewerSampleConfig = z.infer<typeof secondReviewerSampleConfigSchema>;

export const DEFAULT_SECOND_REVIEWER_SAMPLE: Readonly<SecondReviewerSampleConfig> = Object.freeze({ fraction: 0.1, seed: 1 });

/** ceil(fraction × n), at least one study when there are any (10% of 8 studies is 1). */
export function secondReviewerSampleSize(population: number, fraction: number): number {
  if (population <= 0) return 0;
  // Round away float noise first: 0.1 × 30 is 3.0000000000000004, which must stay 3.
  const exact = Math.round(fraction * population * 1e9) / 1e9;
  return Math.min(population, Math.max(1, Math.ceil(exact)));
}

/**
 * The studies to double-assess, in the order given. Duplicate ids count once.
 */
export function selectSecondReviewerSample(
  studyIds: readonly string[],
  config: SecondReviewerSampleConfig = DEFAULT_SECOND_REVIEWER_SAMPLE,
): string[] {
  const unique = [...new Set(studyIds)];
  const size = secondReviewerSampleSize(unique.length, config.fraction);
  const ranked = unique
    .map((id) => ({ id, rank: cyrb53(`${String(config.seed)}\u0000${id}`) }))
    .sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const chosen = new Set(ranked.slice(0, size).map((r) => r.id));
  return unique.filter((id) => chosen.has(id));
}
