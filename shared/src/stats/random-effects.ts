// Inverse-variance random-effects pooling given τ² (spec §1.6 "Random-effects estimate").

export interface RandomEffectsPool {
  y: number;
  /** Wald standard error 1/√Σw*. */
  se: number;
  /** w*_i = 1/(v_i + τ²), aligned with the studies. */
  weights: number[];
  sumWeights: number;
}

export function poolRandomEffects(ys: readonly number[], vs: readonly number[], tau2: number): RandomEffectsPool {
  const weights = vs.map((v) => 1 / (v + tau2));
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < ys.length; i++) {
    const w = weights[i] as number;
    sw += w;
    swy += w * (ys[i] as number);
  }
  return { y: swy / sw, se: Math.sqrt(1 / sw), weights, sumWeights: sw };
}
