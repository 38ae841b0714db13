// Hartung–Knapp–Sidik–Jonkman standard error (spec §1.6):
//   q = Σ w*_i (y_i − μ̂)²/(k − 1),  SE_HK = √(q/Σw*),  CI μ̂ ± t_{k−1}·SE_HK.
// The ad hoc variant uses max(1, q) so the interval is never narrower than Wald
// (Knapp & Hartung 2003; metafor test="adhoc"; meta adhoc.hakn.ci).

export function hartungKnappSe(
  ys: readonly number[],
  weights: readonly number[],
  mu: number,
  adhoc: boolean,
): { se: number; q: number } {
  const k = ys.length;
  let sw = 0;
  let s = 0;
  for (let i = 0; i < k; i++) {
    const w = weights[i] as number;
    const r = (ys[i] as number) - mu;
    sw += w;
    s += w * r * r;
  }
  const q = s / (k - 1);
  const factor = adhoc ? Math.max(1, q) : q;
  return { se: Math.sqrt(factor / sw), q };
}
