// cyrb53 (bryc, public domain): a fast 53-bit string hash with integer-only arithmetic, so
// it gives the same answer on every platform. Grove's seeded samples (the second reviewer's
// RoB sample, the dual-screening sample, a reviewer's random screening order) all rank by it:
// one hash rule, pinned by golden tests, since changing it would change existing samples.

/** The 53-bit hash of `text` under `seed`, as an integer in [0, 2^53). */
export function cyrb53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
