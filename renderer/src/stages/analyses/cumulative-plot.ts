// The cumulative forest plot's geometry (issue 17): one line per step of the cumulative
// meta-analysis (the pooled estimate and CI once each study is added), on a linear axis, or
// a log axis for ratio measures, with the line of no effect. Pure, so the scale and the
// ticks are tested without a browser.
import { axisLabel as label, linearTicks } from './plot-axis.ts';

export interface CumulativePoint {
  readonly estimate: number;
  readonly ciLower: number;
  readonly ciUpper: number;
}

export interface CumulativeLayout {
  /** Horizontal position (0..width) of a value on the natural scale. */
  x(value: number): number;
  ticks: { value: number; x: number; label: string }[];
  nullX: number;
}

const RATIO_TICKS = [0.001, 0.01, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 100, 1000];

/** The axis spans every CI and the line of no effect (1 for ratios, 0 otherwise), with a little room. */
export function cumulativeLayout(points: readonly CumulativePoint[], ratio: boolean, width: number): CumulativeLayout {
  const t = (v: number) => (ratio ? Math.log(v) : v);
  const nullValue = ratio ? 1 : 0;
  const values = [nullValue, ...points.flatMap((p) => [p.ciLower, p.ciUpper, p.estimate])].filter((v) => Number.isFinite(t(v)));
  let lo = Math.min(...values.map(t));
  let hi = Math.max(...values.map(t));
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  const x = (v: number) => {
    const tv = Math.min(hi, Math.max(lo, t(v)));
    return ((tv - lo) / (hi - lo)) * width;
  };
  let tickValues: number[];
  if (ratio) {
    tickValues = RATIO_TICKS.filter((v) => Math.log(v) >= lo && Math.log(v) <= hi);
  } else {
    tickValues = linearTicks(lo, hi);
  }
  return { x, ticks: tickValues.map((v) => ({ value: v, x: x(v), label: label(v) })), nullX: x(nullValue) };
}
