import { doubleBalanceCopies } from './double-balance.ts';
import { type Random } from './random.ts';
import { unscreenedScores, type Ranker, type TrainingSet } from './ranker.ts';
import { type SparseMatrix } from './sparse-matrix.ts';

// Multinomial naive Bayes on TF-IDF with "double" resampling: ASReview LAB 1's default
// model (smoothing α = 3.822), kept as the baseline Grove's own model must beat.

export const NAIVE_BAYES_ALPHA = 3.822;

export function naiveBayesRanker(features: SparseMatrix, alpha = NAIVE_BAYES_ALPHA): Ranker {
  const { indptr, indices, values, columns, rows } = features;
  return {
    score(training: TrainingSet, random: Random): Float64Array {
      const copies = doubleBalanceCopies(training, random);
      const relevantSum = new Float64Array(columns);
      const irrelevantSum = new Float64Array(columns);
      let relevantCount = 0;
      let irrelevantCount = 0;
      training.records.forEach((r, i) => {
        const c = copies[i]!;
        if (c === 0) return;
        const relevant = training.labels[i] === 1;
        if (relevant) relevantCount += c;
        else irrelevantCount += c;
        const sum = relevant ? relevantSum : irrelevantSum;
        for (let k = indptr[r]!; k < indptr[r + 1]!; k++) sum[indices[k]!]! += c * values[k]!;
      });
      // log P(term | class), smoothed; a record's score is its log-odds of relevance.
      const total = (s: Float64Array) => s.reduce((a, b) => a + b, 0) + alpha * columns;
      const relevantTotal = total(relevantSum);
      const irrelevantTotal = total(irrelevantSum);
      const delta = new Float64Array(columns);
      for (let j = 0; j < columns; j++) {
        delta[j] = Math.log((relevantSum[j]! + alpha) / relevantTotal) - Math.log((irrelevantSum[j]! + alpha) / irrelevantTotal);
      }
      const prior = Math.log(relevantCount / irrelevantCount);
      const scores = unscreenedScores(rows, training);
      for (let r = 0; r < rows; r++) {
        if (scores[r] === -Infinity) continue;
        let s = prior;
        for (let k = indptr[r]!; k < indptr[r + 1]!; k++) s += values[k]! * delta[indices[k]!]!;
        scores[r] = s;
      }
      return scores;
    },
  };
}
