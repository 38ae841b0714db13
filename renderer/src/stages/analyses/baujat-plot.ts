import { axisLabel, linearTicks } from './plot-axis.ts';

// The Baujat plot's geometry (Baujat et al. 2002, metafor's baujat()): each study's
// contribution to the heterogeneity (x) against its influence on the pooled result (y), both
// axes from 0. Pure, so the scales are tested without a browser.

export interface BaujatLayout {
  x(v: number): number;
  /** Downwards in SVG: 0 at the bottom. */
  y(v: number): number;
  xTicks: { value: number; at: number; label: string }[];
  yTicks: { value: number; at: number; label: string }[];
}

export function baujatLayout(points: ReadonlyArray<{ x: number; y: number }>, width: number, height: number): BaujatLayout {
  const top = (vs: number[]) => {
    const m = Math.max(0, ...vs.filter(Number.isFinite));
    return m > 0 ? m * 1.1 : 1;
  };
  const xMax = top(points.map((p) => p.x));
  const yMax = top(points.map((p) => p.y));
  const x = (v: number) => (Math.min(Math.max(v, 0), xMax) / xMax) * width;
  const y = (v: number) => height - (Math.min(Math.max(v, 0), yMax) / yMax) * height;
  return {
    x,
    y,
    xTicks: linearTicks(0, xMax).map((v) => ({ value: v, at: x(v), label: axisLabel(v) })),
    yTicks: linearTicks(0, yMax).map((v) => ({ value: v, at: y(v), label: axisLabel(v) })),
  };
}
