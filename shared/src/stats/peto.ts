// Peto's one-step odds ratio (spec §1.2): no continuity correction; weights are the
// hypergeometric variances V_i; Q = Σ (O−E)²/V − (Σ(O−E))²/ΣV.
import type { FixedEffectPool } from './inverse-variance.ts';

export function poolPeto(components: ReadonlyArray<{ oMinusE: number; v: number }>): FixedEffectPool {
  let so = 0;
  let sv = 0;
  let sq = 0;
  for (const { oMinusE, v } of components) {
    so += oMinusE;
    sv += v;
    sq += (oMinusE * oMinusE) / v;
  }
  return {
    y: so / sv,
    se: 1 / Math.sqrt(sv),
    weights: components.map((c) => c.v),
    q: components.length === 1 ? 0 : Math.max(0, sq - (so * so) / sv),
  };
}
