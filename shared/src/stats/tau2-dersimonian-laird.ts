// DerSimonian–Laird τ² (spec §1.5): τ² = max(0, (Q − df)/(Σw − Σw²/Σw)), w = 1/v_i.
// For MH analyses RevMan 5 passes the MH-based Q (IV weights around θ_MH), spec §1.2.

export function tau2DerSimonianLaird(vs: readonly number[], q: number): number {
  const df = vs.length - 1;
  if (df < 1) return 0;
  let sw = 0;
  let sw2 = 0;
  for (const v of vs) {
    const w = 1 / v;
    sw += w;
    sw2 += w * w;
  }
  const c = sw - sw2 / sw;
  return Math.max(0, (q - df) / c);
}
