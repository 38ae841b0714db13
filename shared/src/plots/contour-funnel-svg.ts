// A contour-enhanced funnel plot as SVG (Peters et al. 2008; issue 17): effect on x (analysis
// scale, labelled on the natural scale for ratios), standard error on y growing downwards;
// shaded bands where a study's own test would be significant at 10%/5%/1% (white inside the
// 90% contour, light grey 0.05 < P < 0.10, dark grey 0.01 < P < 0.05, white beyond 99%); the
// summary effect as a dashed line; studies as dots and trim-and-fill's filled studies as
// hollow dots. Pure: data in, SVG text out.
import { xmlEscape } from '../rob/svg/xml-escape.ts';
import type { ContourFunnelData } from '../stats/contour-funnel.ts';

export interface ContourFunnelOptions {
  /** Label the x axis on the natural scale (exp) — ratio measures. */
  ratio: boolean;
  xLabel: string;
  width?: number;
  height?: number;
}

const MARGIN = { left: 56, right: 16, top: 16, bottom: 48 };
const BAND_FILL: Record<string, string> = { '0.99': '#9e9e9e', '0.95': '#d6d6d6', '0.9': '#ffffff' };

const fmt = (x: number): string => (Math.round(x * 100) / 100).toString();

function tickLabel(x: number, ratio: boolean): string {
  const v = ratio ? Math.exp(x) : x;
  return Math.abs(v) >= 100 ? v.toFixed(0) : Number(v.toPrecision(2)).toString();
}

export function contourFunnelSvg(data: ContourFunnelData, options: ContourFunnelOptions): string {
  const width = options.width ?? 480;
  const height = options.height ?? 360;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const seMax = data.seMax > 0 ? data.seMax : 1;
  const widest = Math.max(0, ...data.contours.map((c) => c.z)) * seMax;
  const xs = [...data.points.map((p) => p.y), data.centre, data.nullValue - widest, data.nullValue + widest];
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = (hi - lo || 1) * 0.05;
  const xMin = lo - pad;
  const xMax = hi + pad;
  const sx = (x: number): number => MARGIN.left + ((x - xMin) / (xMax - xMin)) * plotW;
  const sy = (se: number): number => MARGIN.top + (se / seMax) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Arial, sans-serif" font-size="11">`,
    `<rect class="plot-area" x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="#ffffff" stroke="#000000"/>`,
  ];
  // Widest contour first, so the narrower bands paint over it.
  for (const c of [...data.contours].sort((a, b) => b.level - a.level)) {
    const apex = `${fmt(sx(data.nullValue))},${fmt(sy(0))}`;
    const left = `${fmt(sx(data.nullValue - c.z * seMax))},${fmt(sy(seMax))}`;
    const right = `${fmt(sx(data.nullValue + c.z * seMax))},${fmt(sy(seMax))}`;
    parts.push(`<polygon class="contour" data-level="${c.level}" points="${apex} ${left} ${right}" fill="${BAND_FILL[String(c.level)] ?? '#eeeeee'}" stroke="none"/>`);
  }
  parts.push(
    `<line class="summary" x1="${fmt(sx(data.centre))}" y1="${fmt(sy(0))}" x2="${fmt(sx(data.centre))}" y2="${fmt(sy(seMax))}" stroke="#000000" stroke-dasharray="4 3"/>`,
  );
  for (const p of data.points) {
    parts.push(
      `<circle class="${p.filled ? 'study filled' : 'study'}" cx="${fmt(sx(p.y))}" cy="${fmt(sy(p.se))}" r="3.5" fill="${p.filled ? '#ffffff' : '#000000'}" stroke="#000000"><title>${xmlEscape(p.study)}</title></circle>`,
    );
  }
  for (let i = 0; i <= 4; i++) {
    const x = xMin + ((xMax - xMin) * i) / 4;
    parts.push(`<text class="x-tick" x="${fmt(sx(x))}" y="${fmt(MARGIN.top + plotH + 14)}" text-anchor="middle">${xmlEscape(tickLabel(x, options.ratio))}</text>`);
    const se = (seMax * i) / 4;
    parts.push(`<text class="y-tick" x="${MARGIN.left - 6}" y="${fmt(sy(se) + 4)}" text-anchor="end">${xmlEscape(Number(se.toPrecision(2)).toString())}</text>`);
  }
  parts.push(
    `<text x="${fmt(MARGIN.left + plotW / 2)}" y="${height - 8}" text-anchor="middle">${xmlEscape(options.xLabel)}</text>`,
    `<text x="14" y="${fmt(MARGIN.top + plotH / 2)}" text-anchor="middle" transform="rotate(-90 14 ${fmt(MARGIN.top + plotH / 2)})">Standard error</text>`,
    '</svg>',
  );
  return parts.join('\n');
}
