// A meta-regression bubble plot as SVG (issue 17): each study's effect (analysis scale,
// labelled on the natural scale for ratios) against one continuous moderator, the bubble's
// area proportional to its random-effects weight 1/(v + τ²), with the fitted regression line
// and its confidence band. Pure: data in, SVG text out.
import { xmlEscape } from '../rob/svg/xml-escape.ts';

export interface BubbleStudy {
  study: string;
  /** Moderator value. */
  x: number;
  /** Effect on the analysis scale. */
  y: number;
  /** Variance of y. */
  v: number;
}

export interface BubbleFit {
  intercept: number;
  slope: number;
  tau2: number;
  /** Covariance of (intercept, slope) for the confidence band, and the critical value. */
  vcov?: { vIntercept: number; vSlope: number; cov: number; crit: number };
}

export interface BubblePlotOptions {
  ratio: boolean;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
}

const MARGIN = { left: 56, right: 16, top: 16, bottom: 48 };
const fmt = (x: number): string => (Math.round(x * 100) / 100).toString();
const label = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : Number(v.toPrecision(2)).toString());

export function bubblePlotSvg(studies: readonly BubbleStudy[], fit: BubbleFit, options: BubblePlotOptions): string {
  if (studies.length === 0) throw new RangeError('bubblePlotSvg: no studies');
  const width = options.width ?? 480;
  const height = options.height ?? 360;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const xs = studies.map((s) => s.x);
  const xLo = Math.min(...xs);
  const xHi = Math.max(...xs);
  const xPad = (xHi - xLo || 1) * 0.05;
  const x0 = xLo - xPad;
  const x1 = xHi + xPad;
  const line = (x: number): number => fit.intercept + fit.slope * x;
  const band = (x: number): number => {
    const c = fit.vcov;
    return c ? c.crit * Math.sqrt(c.vIntercept + 2 * x * c.cov + x * x * c.vSlope) : 0;
  };
  const ys = [...studies.map((s) => s.y), line(x0) - band(x0), line(x0) + band(x0), line(x1) - band(x1), line(x1) + band(x1)];
  const yLo = Math.min(...ys);
  const yHi = Math.max(...ys);
  const yPad = (yHi - yLo || 1) * 0.05;
  const y0 = yLo - yPad;
  const y1 = yHi + yPad;
  const sx = (x: number): number => MARGIN.left + ((x - x0) / (x1 - x0)) * plotW;
  const sy = (y: number): number => MARGIN.top + (1 - (y - y0) / (y1 - y0)) * plotH;
  const weights = studies.map((s) => 1 / (s.v + fit.tau2));
  const wMax = Math.max(...weights);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Arial, sans-serif" font-size="11">`,
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="#ffffff" stroke="#000000"/>`,
  ];
  if (fit.vcov) {
    const n = 24;
    const pts = Array.from({ length: n + 1 }, (_, i) => x0 + ((x1 - x0) * i) / n);
    const upper = pts.map((x) => `${fmt(sx(x))},${fmt(sy(line(x) + band(x)))}`);
    const lower = pts.reverse().map((x) => `${fmt(sx(x))},${fmt(sy(line(x) - band(x)))}`);
    parts.push(`<polygon class="confidence-band" points="${[...upper, ...lower].join(' ')}" fill="#e3e3e3" stroke="none"/>`);
  }
  parts.push(`<line class="fit" x1="${fmt(sx(x0))}" y1="${fmt(sy(line(x0)))}" x2="${fmt(sx(x1))}" y2="${fmt(sy(line(x1)))}" stroke="#000000"/>`);
  // Largest bubbles first so that small ones stay visible on top.
  const order = studies.map((_, i) => i).sort((a, b) => (weights[b] as number) - (weights[a] as number));
  for (const i of order) {
    const s = studies[i] as BubbleStudy;
    const r = 3 + 12 * Math.sqrt((weights[i] as number) / wMax);
    parts.push(
      `<circle class="study" cx="${fmt(sx(s.x))}" cy="${fmt(sy(s.y))}" r="${fmt(r)}" fill="#9e9e9e" fill-opacity="0.6" stroke="#000000"><title>${xmlEscape(s.study)}</title></circle>`,
    );
  }
  for (let i = 0; i <= 4; i++) {
    const x = x0 + ((x1 - x0) * i) / 4;
    const y = y0 + ((y1 - y0) * i) / 4;
    parts.push(`<text class="x-tick" x="${fmt(sx(x))}" y="${fmt(MARGIN.top + plotH + 14)}" text-anchor="middle">${xmlEscape(label(x))}</text>`);
    parts.push(`<text class="y-tick" x="${MARGIN.left - 6}" y="${fmt(sy(y) + 4)}" text-anchor="end">${xmlEscape(label(options.ratio ? Math.exp(y) : y))}</text>`);
  }
  parts.push(
    `<text x="${fmt(MARGIN.left + plotW / 2)}" y="${height - 8}" text-anchor="middle">${xmlEscape(options.xLabel)}</text>`,
    `<text x="14" y="${fmt(MARGIN.top + plotH / 2)}" text-anchor="middle" transform="rotate(-90 14 ${fmt(MARGIN.top + plotH / 2)})">${xmlEscape(options.yLabel)}</text>`,
    '</svg>',
  );
  return parts.join('\n');
}
