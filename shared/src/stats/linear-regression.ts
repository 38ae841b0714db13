// Weighted least squares with an intercept and one predictor, with the usual residual
// variance (as R's lm): the engine of the Egger, Harbord and Peters tests (spec §1.9).
import { tTwoSidedP } from './distributions.ts';

export interface Coefficient {
  estimate: number;
  se: number;
  t: number;
  p: number;
}

export interface SimpleRegression {
  intercept: Coefficient;
  slope: Coefficient;
  df: number;
}

export function weightedLinearRegression(x: readonly number[], y: readonly number[], w?: readonly number[]): SimpleRegression {
  const n = x.length;
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? (w[i] as number) : 1;
    sw += wi;
    sx += wi * (x[i] as number);
    sy += wi * (y[i] as number);
  }
  const mx = sx / sw;
  const my = sy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? (w[i] as number) : 1;
    const dx = (x[i] as number) - mx;
    sxx += wi * dx * dx;
    sxy += wi * dx * ((y[i] as number) - my);
  }
  const b = sxy / sxx;
  const a = my - b * mx;
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? (w[i] as number) : 1;
    const r = (y[i] as number) - a - b * (x[i] as number);
    rss += wi * r * r;
  }
  const df = n - 2;
  const s2 = rss / df;
  const seB = Math.sqrt(s2 / sxx);
  const seA = Math.sqrt(s2 * (1 / sw + (mx * mx) / sxx));
  const coef = (estimate: number, se: number): Coefficient => ({ estimate, se, t: estimate / se, p: tTwoSidedP(estimate / se, df) });
  return { intercept: coef(a, seA), slope: coef(b, seB), df };
}
