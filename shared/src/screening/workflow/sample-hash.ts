import { cyrb53 } from '../../text/cyrb53.ts';

// A record's place in a seeded random sample: a number in [0, 1) from the seed and the
// record's id alone, so a record's membership never changes when records are added,
// removed or reordered, and two copies of a review agree on it without sharing state.
// cyrb53 (text/cyrb53.ts, the hash the RoB second-reviewer sample ranks by) spreads ids that
// differ in one character (rec-…-1, rec-…-2) evenly over the range.

export function sampleHash(seed: number, id: string): number {
  return cyrb53(id, seed) / 2 ** 53;
}

/** Whether a record belongs to a seeded random fraction (0–1] of the records. */
export function inSeededFraction(seed: number, id: string, fraction: number): boolean {
  return sampleHash(seed, id) < fraction;
}
