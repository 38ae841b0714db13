// Screening-performance metrics of a simulated screening order, in percent, counting every
// screened record (the prior records included), as ASReview's simulation reports them.
// `found` is the decisions in the order screened: 1 relevant, 0 irrelevant.

function relevantTotal(found: readonly (0 | 1)[]): number {
  const total = found.reduce<number>((a, b) => a + b, 0);
  if (total === 0) throw new Error('The screening order has no relevant records, so recall is undefined.');
  return total;
}

/** How many records had been screened when `recall` of the relevant ones were found. */
export function screenedAtRecall(found: readonly (0 | 1)[], recall: number): number {
  // The smallest whole number of includes that reaches the recall (95% of 16 is all 16);
  // the small tolerance keeps 0.95 · 20 = 19 from rounding up to 20 in floating point.
  const needed = Math.ceil(recall * relevantTotal(found) - 1e-9);
  let seen = 0;
  for (let i = 0; i < found.length; i++) {
    seen += found[i]!;
    if (seen >= needed) return i + 1;
  }
  return found.length;
}

/**
 * Work saved over sampling at a recall level: the share of records left unscreened when
 * the recall is reached, minus the share random screening would leave (1 − recall).
 */
export function workSavedOverSampling(found: readonly (0 | 1)[], recall = 0.95): number {
  const n = found.length;
  return 100 * ((n - screenedAtRecall(found, recall)) / n - (1 - recall));
}

/** Relevant records found in the first `fraction` of records (rounded down), as a share of all relevant records. */
export function relevantRecordsFound(found: readonly (0 | 1)[], fraction = 0.1): number {
  const total = relevantTotal(found);
  const screened = Math.floor(fraction * found.length);
  let seen = 0;
  for (let i = 0; i < screened; i++) seen += found[i]!;
  return (100 * seen) / total;
}
