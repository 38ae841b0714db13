// The generalised Q statistic Q(τ²) = Σ (y_i − μ̂(τ²))²/(v_i + τ²), decreasing in τ².
// Used by the Paule–Mandel estimator and the Q-profile interval (spec §1.6).

export function generalisedQ(ys: readonly number[], vs: readonly number[], tau2: number): number {
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < ys.length; i++) {
    const w = 1 / ((vs[i] as number) + tau2);
    sw += w;
    swy += w * (ys[i] as number);
  }
  const mu = swy / sw;
  let q = 0;
  for (let i = 0; i < ys.length; i++) {
    const r = (ys[i] as number) - mu;
    q += (r * r) / ((vs[i] as number) + tau2);
  }
  return q;
}
