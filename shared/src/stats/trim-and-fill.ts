// Trim-and-fill (Duval & Tweedie 2000) as metafor's trimfill.rma.uni: the side with the
// missing studies is chosen by the sign of the slope of a meta-regression on √v (unless
// given); studies are trimmed from the other side until the estimate of the number of
// missing studies k0 (L0 or R0) stops changing; then the k0 most extreme studies are
// mirrored around the trimmed estimate and the analysis is refitted with its own model.
import { MethodNotApplicable, type AnalysedStudy } from './analysed-study.ts';
import { fitMixedModel, type MixedTau2Method } from './mixed-effects-model.ts';

export type TrimFillEstimator = 'L0' | 'R0';
export type FunnelSide = 'left' | 'right';

export interface TrimFillRequest {
  estimator: TrimFillEstimator;
  /** The side on which studies are missing; chosen by metafor's rule when absent. */
  side?: FunnelSide | undefined;
}

export interface TrimFillAugmentation {
  k0: number;
  /** Standard error of the k0 estimate (before rounding). */
  seK0: number;
  side: FunnelSide;
  /** Mirrored studies on the analysis scale. */
  filled: Array<{ estimate: number; se: number }>;
}

export const MIN_STUDIES_FOR_TRIM_AND_FILL = 3;

function interceptOnly(ys: readonly number[], vs: readonly number[], method: MixedTau2Method): number {
  return fitMixedModel(
    ys,
    vs,
    ys.map(() => [1]),
    method,
    'z',
  ).beta[0] as number;
}

/** metafor's rule: missing on the left when the slope of y on √v is ≥ 0 (small studies sit to the right). */
export function trimFillSide(studies: readonly AnalysedStudy[], method: MixedTau2Method): FunnelSide {
  const fit = fitMixedModel(
    studies.map((s) => s.y),
    studies.map((s) => s.v),
    studies.map((s) => [1, Math.sqrt(s.v)]),
    method,
    'z',
  );
  return (fit.beta[1] as number) < 0 ? 'right' : 'left';
}

/** Ranks 1..k of |x| with ties in order of appearance (R's rank(ties.method = "first")). */
function ranksFirst(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ a: Math.abs(v), i })).sort((p, q) => p.a - q.a || p.i - q.i);
  const ranks = new Array<number>(values.length);
  order.forEach((o, r) => {
    ranks[o.i] = r + 1;
  });
  return ranks;
}

/**
 * The studies to add. `method` is the τ² method of the analysis (FE for fixed effect),
 * used for the side rule and for each trimmed fit, as metafor does.
 */
export function trimAndFill(studies: readonly AnalysedStudy[], req: TrimFillRequest, method: MixedTau2Method): TrimFillAugmentation {
  const k = studies.length;
  if (k < MIN_STUDIES_FOR_TRIM_AND_FILL) {
    throw new MethodNotApplicable(`trimFill: needs at least ${MIN_STUDIES_FOR_TRIM_AND_FILL} estimable studies, the analysis has ${k}`);
  }
  const side = req.side ?? trimFillSide(studies, method);
  const flip = side === 'right' ? -1 : 1;
  // Sorted by increasing (flipped) estimate; a stable sort keeps ties in row order, as R's sort.
  const sorted = studies.map((s) => ({ y: flip * s.y, v: s.v })).sort((a, b) => a.y - b.y);
  const ys = sorted.map((s) => s.y);
  const vs = sorted.map((s) => s.v);
  let k0 = 0;
  let previous = -1;
  let seK0 = 0;
  let beta = 0;
  for (let iter = 0; k0 !== previous; iter++) {
    if (iter >= 100) throw new MethodNotApplicable('trimFill: the trim-and-fill iterations did not converge');
    previous = k0;
    beta = interceptOnly(ys.slice(0, k - k0), vs.slice(0, k - k0), method);
    const centred = ys.map((y) => y - beta);
    const ranks = ranksFirst(centred);
    const signed = centred.map((c, i) => Math.sign(c) * (ranks[i] as number));
    let estimate: number;
    if (req.estimator === 'R0') {
      const negatives = signed.filter((r) => r < 0).map((r) => -r);
      // The rightmost run of positive ranks has length k − (largest negative rank).
      estimate = k - (negatives.length ? Math.max(...negatives) : 0) - 1;
      seK0 = Math.sqrt(2 * Math.max(0, estimate) + 2);
    } else {
      const sr = signed.filter((r) => r > 0).reduce((a, b) => a + b, 0);
      estimate = (4 * sr - k * (k + 1)) / (2 * k - 1);
      const varSr =
        (k * (k + 1) * (2 * k + 1) + 10 * estimate ** 3 + 27 * estimate ** 2 + 17 * estimate - 18 * k * estimate ** 2 - 18 * k * estimate + 6 * k * k * estimate) / 24;
      seK0 = (4 * Math.sqrt(varSr)) / (2 * k - 1);
    }
    // (4Sr − k(k+1))/(2k − 1) has an odd denominator, so it is never exactly x.5: no rounding-rule ambiguity.
    k0 = Math.max(0, Math.round(estimate));
    seK0 = Math.max(0, seK0);
    if (k0 >= k) throw new MethodNotApplicable(`trimFill: estimated ${k0} missing studies, as many as the ${k} observed; the funnel is too asymmetric to fill`);
  }
  // Mirror the k0 most extreme studies around the trimmed estimate, back on the original scale.
  const filled = sorted.slice(k - k0).map((s) => ({ estimate: flip * (2 * beta - s.y), se: Math.sqrt(s.v) }));
  return { k0, seK0, side, filled };
}
