import { randomInt, shuffleInPlace, type Random } from './random.ts';
import { unscreenedScores, type Ranker, type TrainingSet } from './ranker.ts';
import { type SparseMatrix } from './sparse-matrix.ts';

// A linear support vector machine (squared hinge loss, L2 penalty, per-record weights),
// trained by dual coordinate descent with shrinking (Hsieh et al., ICML 2008: the method of
// LIBLINEAR). The dual variables are kept between retrains: after one more decision the
// previous solution is nearly optimal, so a retrain costs a pass or two over the records
// still near the margin instead of a fresh fit. That is what makes retraining after every
// decision cheap. The intercept is an extra constant feature (value 1), penalised like the
// others, as in LIBLINEAR.

export interface SvmOptions {
  /** Penalty parameter C (smaller = stronger regularisation). */
  c: number;
  /** Sample weights for a training set, parallel to its records. */
  weights(training: TrainingSet): Float64Array;
  /** Stop when the projected-gradient spread falls below this (LIBLINEAR's default 0.1). */
  tolerance?: number;
  maxEpochs?: number;
  /**
   * How many random unscreened records train as presumed irrelevant (Cormack & Grossman's
   * BMI / AutoTAR). Includes are rare, so a random unscreened record is almost surely
   * irrelevant; early on, when a single exclude is known, these show the model what the
   * background literature looks like. A presumed record that gets screened is replaced by a
   * fresh random draw.
   */
  presumedIrrelevant?: number;
}

export function linearSvmRanker(features: SparseMatrix, options: SvmOptions): Ranker {
  const { indptr, indices, values, columns, rows } = features;
  const tolerance = options.tolerance ?? 0.1;
  const maxEpochs = options.maxEpochs ?? 1000;
  const presumedCount = options.presumedIrrelevant ?? 0;
  const bias = columns; // index of the constant feature
  const w = new Float64Array(columns + 1);
  const dual = new Float64Array(rows); // one dual variable per record, kept across retrains
  const squaredNorm = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 1; // the constant feature
    for (let k = indptr[r]!; k < indptr[r + 1]!; k++) s += values[k]! * values[k]!;
    squaredNorm[r] = s;
  }
  const margin = (r: number): number => {
    let s = w[bias]!;
    for (let k = indptr[r]!; k < indptr[r + 1]!; k++) s += values[k]! * w[indices[k]!]!;
    return s;
  };
  const step = (r: number, delta: number): void => {
    w[bias]! += delta;
    for (let k = indptr[r]!; k < indptr[r + 1]!; k++) w[indices[k]!]! += delta * values[k]!;
  };
  let presumed: number[] = [];

  /** Keeps the presumed-irrelevant sample full and disjoint from the screened records. */
  function refreshPresumed(screened: Uint8Array, screenedCount: number, random: Random): void {
    // A presumed record that has since been screened comes back with its true label: take
    // its presumed part out of w and start it afresh.
    const kept: number[] = [];
    for (const r of presumed) {
      if (!screened[r]) kept.push(r);
      else if (dual[r] !== 0) {
        step(r, dual[r]!);
        dual[r] = 0;
      }
    }
    const wanted = Math.min(presumedCount, rows - screenedCount);
    if (kept.length < wanted) {
      const taken = new Uint8Array(rows);
      for (const r of kept) taken[r] = 1;
      const pool: number[] = [];
      for (let r = 0; r < rows; r++) if (!screened[r] && !taken[r]) pool.push(r);
      for (let i = 0; kept.length < wanted; i++) {
        const j = i + randomInt(random, pool.length - i);
        const pick = pool[j]!;
        pool[j] = pool[i]!;
        pool[i] = pick;
        kept.push(pick);
      }
    }
    presumed = kept;
  }

  function train(records: readonly number[], y: Float64Array, diag: Float64Array, random: Random): void {
    const n = records.length;
    const order = Int32Array.from({ length: n }, (_, i) => i);
    let active = n;
    let pgMaxOld = Infinity;
    for (let epoch = 0; epoch < maxEpochs; epoch++) {
      shuffleInPlace(order.subarray(0, active), random);
      let pgMax = -Infinity;
      let pgMin = Infinity;
      for (let s = 0; s < active; s++) {
        const i = order[s]!;
        const r = records[i]!;
        const g = y[i]! * margin(r) - 1 + diag[i]! * dual[r]!;
        let pg = g;
        if (dual[r] === 0) {
          // At the bound and pushing outward by more than anything else moved last epoch:
          // leave it out until the final check (shrinking).
          if (g > pgMaxOld) {
            active--;
            order[s] = order[active]!;
            order[active] = i;
            s--;
            continue;
          }
          pg = Math.min(g, 0);
        }
        pgMax = Math.max(pgMax, pg);
        pgMin = Math.min(pgMin, pg);
        if (Math.abs(pg) > 1e-12) {
          const old = dual[r]!;
          dual[r] = Math.max(old - g / (squaredNorm[r]! + diag[i]!), 0);
          step(r, (dual[r]! - old) * y[i]!);
        }
      }
      if (pgMax - pgMin <= tolerance) {
        if (active === n) break;
        // Converged on the active records: check all of them once more.
        active = n;
        pgMaxOld = Infinity;
        continue;
      }
      // Only the lower bound (0) of a dual variable can shrink: the squared hinge has no upper one.
      pgMaxOld = pgMax > 0 ? pgMax : Infinity;
    }
  }

  return {
    score(training: TrainingSet, random: Random): Float64Array {
      const screened = new Uint8Array(rows);
      for (const r of training.records) screened[r] = 1;
      if (presumedCount > 0) refreshPresumed(screened, training.records.length, random);
      const all: TrainingSet = {
        records: [...training.records, ...presumed],
        labels: [...training.labels, ...presumed.map((): 0 => 0)],
      };
      const weights = options.weights(all);
      const y = Float64Array.from(all.labels, (l) => (l === 1 ? 1 : -1));
      const diag = Float64Array.from(weights, (wt) => 1 / (2 * options.c * wt));
      train(all.records, y, diag, random);
      const scores = unscreenedScores(rows, training);
      for (let r = 0; r < rows; r++) if (scores[r] !== -Infinity) scores[r] = margin(r);
      return scores;
    },
  };
}

/**
 * ELAS u4's balance (ASReview LAB 2): includes weigh 1, excludes n_incl / (ratio · n_excl),
 * then all weights are rescaled to sum to the number of training records.
 */
export function inclusionWeights(ratio: number): (training: TrainingSet) => Float64Array {
  return (training) => {
    const nIncl = training.labels.filter((l) => l === 1).length;
    const nExcl = training.labels.length - nIncl;
    const exclWeight = nExcl > 0 ? nIncl / (ratio * nExcl) : 1;
    const raw = training.labels.map((l) => (l === 1 ? 1 : exclWeight));
    const total = raw.reduce((a, b) => a + b, 0);
    return Float64Array.from(raw, (v) => (v * raw.length) / total);
  };
}
