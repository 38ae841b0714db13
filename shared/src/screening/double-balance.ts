import { randomInt, type Random } from './random.ts';
import { type TrainingSet } from './ranker.ts';

// ASReview LAB 1's "double" balance for its naive Bayes default, re-implemented from its
// description: the training set keeps its size but is resampled so that includes are
// over-represented early on (weight a·(n_incl/n_excl)^−α) and excludes are down-weighted
// by a factor that fades as more records are read (1 − (1 − b)·(1 + ln n)^−β). Returns how
// many copies of each training record the classifier sees.

const A = 2.155;
const ALPHA = 0.94;
const B = 0.789;
const BETA = 1.0;

function randomRound(value: number, random: Random): number {
  const base = Math.floor(value);
  return base + (random() < value - base ? 1 : 0);
}

/** Copies of `source` totalling `n`: whole repeats, then a sample without replacement. */
function fill(source: readonly number[], n: number, copies: Map<number, number>, random: Random): void {
  const whole = Math.floor(n / source.length);
  for (const i of source) copies.set(i, whole);
  const pool = [...source];
  for (let k = 0; k < n - whole * source.length; k++) {
    const pick = k + randomInt(random, pool.length - k);
    const chosen = pool[pick]!;
    pool[pick] = pool[k]!;
    pool[k] = chosen;
    copies.set(chosen, (copies.get(chosen) ?? 0) + 1);
  }
}

/** Copies per position of `training.records`. */
export function doubleBalanceCopies(training: TrainingSet, random: Random): number[] {
  const ones: number[] = [];
  const zeros: number[] = [];
  training.labels.forEach((label, i) => (label === 1 ? ones : zeros).push(i));
  const nTrain = ones.length + zeros.length;
  if (ones.length === 0 || zeros.length === 0) return training.labels.map(() => 1);
  const oneWeight = A * (ones.length / zeros.length) ** -ALPHA;
  const zeroWeight = 1 - (1 - B) * (1 + Math.log(nTrain)) ** -BETA;
  const total = oneWeight * ones.length + zeroWeight * zeros.length;
  let nOnes = randomRound((oneWeight * ones.length * nTrain) / total, random);
  nOnes = Math.max(1, Math.min(nTrain - 2, nOnes));
  const copies = new Map<number, number>();
  fill(ones, nOnes, copies, random);
  fill(zeros, nTrain - nOnes, copies, random);
  return training.labels.map((_, i) => copies.get(i) ?? 0);
}
