import { type Random } from './random.ts';

// What every relevance model offers the screening loop: given the records screened so far
// and their decisions, retrain and score every record (higher = more likely relevant).

export interface TrainingSet {
  /** Row numbers of the screened records, in the order they were screened. */
  readonly records: readonly number[];
  /** 1 = relevant, 0 = irrelevant, parallel to `records`. */
  readonly labels: readonly (0 | 1)[];
}

export interface Ranker {
  /**
   * Retrains on `training` and returns one score per record of the set; records already
   * screened score −∞ (they are never offered again, and skipping them halves the work).
   */
  score(training: TrainingSet, random: Random): Float64Array;
}

/** Ranks (0 = lowest score) of a score vector; ties share the lower rank of the tie, stably. */
export function ranksOf(scores: Float64Array): Float64Array {
  const order = Array.from(scores.keys()).sort((a, b) => scores[a]! - scores[b]! || a - b);
  const ranks = new Float64Array(scores.length);
  let r = 0;
  for (let k = 0; k < order.length; k++) {
    const record = order[k]!;
    if (k > 0 && scores[record] !== scores[order[k - 1]!]) r = k;
    ranks[record] = r;
  }
  return ranks;
}

/** A score vector with the screened records at −∞, for a ranker to fill in the rest. */
export function unscreenedScores(rows: number, training: TrainingSet): Float64Array {
  const scores = new Float64Array(rows);
  for (const r of training.records) scores[r] = -Infinity;
  return scores;
}
