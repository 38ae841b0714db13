// Restricted maximum likelihood τ² (spec §1.6), by Fisher scoring as in metafor:
//   τ² ← τ² + (yᵀPPy − tr P)/tr(PP),  P = W − W11ᵀW/Σw,
// truncated at 0, iterated to machine precision (metafor's default threshold 1e-5 is too
// loose near τ² = 0, spec §3 "REML precision"; references use tight tolerances).
import { tau2DerSimonianLaird } from './tau2-dersimonian-laird.ts';
import { cochranQ } from './inverse-variance.ts';

export function tau2Reml(ys: readonly number[], vs: readonly number[]): number {
  const k = ys.length;
  if (k < 2) return 0;
  // Start from DL (as the fixed-point version in the spec); Fisher scoring converges
  // quadratically to the same root.
  const ivMean = weightedMean(ys, vs, 0);
  let tau2 = tau2DerSimonianLaird(vs, cochranQ(ys, vs, ivMean));
  for (let iter = 0; iter < 1000; iter++) {
    let sw = 0;
    let sw2 = 0;
    let sw3 = 0;
    let swy = 0;
    for (let i = 0; i < k; i++) {
      const w = 1 / ((vs[i] as number) + tau2);
      sw += w;
      sw2 += w * w;
      sw3 += w * w * w;
      swy += w * (ys[i] as number);
    }
    const mu = swy / sw;
    // yᵀPPy = Σ w_i² (y_i − μ̂)²; tr P = Σw − Σw²/Σw; tr PP = Σw² − 2Σw³/Σw + (Σw²/Σw)².
    let ypy = 0;
    for (let i = 0; i < k; i++) {
      const w = 1 / ((vs[i] as number) + tau2);
      const r = (ys[i] as number) - mu;
      ypy += w * w * r * r;
    }
    const trP = sw - sw2 / sw;
    const trPP = sw2 - (2 * sw3) / sw + (sw2 / sw) * (sw2 / sw);
    const next = Math.max(0, tau2 + (ypy - trP) / trPP);
    const delta = Math.abs(next - tau2);
    tau2 = next;
    if (delta <= 1e-15 * Math.max(1, tau2) || (tau2 === 0 && next === 0 && iter > 0)) break;
  }
  return tau2;
}

function weightedMean(ys: readonly number[], vs: readonly number[], tau2: number): number {
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < ys.length; i++) {
    const w = 1 / ((vs[i] as number) + tau2);
    sw += w;
    swy += w * (ys[i] as number);
  }
  return swy / sw;
}
