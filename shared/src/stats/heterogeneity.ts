// I² in its two definitions (spec §1.5, §1.6).

/** RevMan 5: I² = max(0, (Q − df)/Q)·100, and 0 when df = 0 or Q ≤ df. */
export function i2FromQ(q: number, df: number): number {
  if (df <= 0 || !(q > df)) return 0;
  return ((q - df) / q) * 100;
}

/**
 * Cochrane 2024 addendum / metafor: I² = τ²/(τ² + s²)·100 with the "typical" within-study
 * variance s² = (k−1)Σw/((Σw)² − Σw²), w = 1/v_i. Equals the Q-based I² under DL.
 */
export function i2FromTau2(vs: readonly number[], tau2: number): number {
  const k = vs.length;
  if (k < 2 || !(tau2 > 0)) return 0;
  let sw = 0;
  let sw2 = 0;
  for (const v of vs) {
    const w = 1 / v;
    sw += w;
    sw2 += w * w;
  }
  const s2 = ((k - 1) * sw) / (sw * sw - sw2);
  return (100 * tau2) / (tau2 + s2);
}
