// A record's place in a seeded random sample: a number in [0, 1) from the seed and the
// record's id alone, so a record's membership never changes when records are added,
// removed or reordered, and two copies of a review agree on it without sharing state.
// cyrb53 (a public-domain 53-bit string hash: two multiply-xorshift lanes) spreads ids that
// differ in one character (rec-…-1, rec-…-2) evenly over the range.

export function sampleHash(seed: number, id: string): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < id.length; i++) {
    const ch = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const bits53 = 2097152 * (h2 >>> 0) + (h1 >>> 0);
  return (bits53 % 2 ** 53) / 2 ** 53;
}

/** Whether a record belongs to a seeded random fraction (0–1] of the records. */
export function inSeededFraction(seed: number, id: string, fraction: number): boolean {
  return sampleHash(seed, id) < fraction;
}
