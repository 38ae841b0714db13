// Fixed-effect inverse-variance pooling and Cochran's Q (spec §1.2 "Inverse variance, fixed").

/** The result of a fixed-effect pool on the analysis scale. */
export interface FixedEffectPool {
  y: number;
  se: number;
  /** Unnormalised weights, aligned with the studies given. */
  weights: number[];
  /** Cochran's heterogeneity statistic for this method. */
  q: number;
}

/** Q = Σ w_i (y_i − θ)² with w_i = 1/v_i, around any θ (IV or MH estimate, spec §1.2). */
export function cochranQ(ys: readonly number[], vs: readonly number[], theta: number): number {
  let q = 0;
  for (let i = 0; i < ys.length; i++) {
    const r = (ys[i] as number) - theta;
    q += (r * r) / (vs[i] as number);
  }
  return q;
}

export function poolFixedInverseVariance(ys: readonly number[], vs: readonly number[]): FixedEffectPool {
  const weights = vs.map((v) => 1 / v);
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < ys.length; i++) {
    const w = weights[i] as number;
    sw += w;
    swy += w * (ys[i] as number);
  }
  const y = swy / sw;
  // One study has Q = 0 by definition (avoids ~1e-33 rounding noise; RevMan stores 0).
  return { y, se: Math.sqrt(1 / sw), weights, q: ys.length === 1 ? 0 : cochranQ(ys, vs, y) };
}
