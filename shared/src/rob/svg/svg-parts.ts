import { xmlEscape } from './xml-escape.ts';
import { estimateTextWidth } from './text-width.ts';
import { judgementScale, judgementStyle, type FigureJudgement, type FigureStyleOptions, type FigureTool } from './figure-style.ts';
import type { FigureDomain } from './figure-data.ts';

// Pieces shared by the traffic-light plot and the summary graph: the accessible <svg> root,
// the judgement mark, and the two legends (domain keys and judgements), so both figures
// label things identically.

export const FONT_FAMILY = 'Arial, Helvetica, sans-serif';
export const MARGIN = 16;

export interface SvgFigureOptions extends FigureStyleOptions {
  /** Prefix for element ids (title/desc), unique per page when several figures are inlined. */
  idPrefix?: string;
  /** Prepend `<?xml …?>` for a standalone .svg file (leave off when inlining into HTML). */
  xmlDeclaration?: boolean;
}

export function safeIdPrefix(prefix: string | undefined, fallback: string): string {
  const cleaned = (prefix ?? fallback).replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `f-${cleaned}`;
}

export function svgOpen(
  width: number,
  height: number,
  title: string,
  description: string,
  idPrefix: string,
  xmlDeclaration: boolean,
): string {
  const t = xmlEscape(title);
  return (
    (xmlDeclaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : '') +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `role="img" aria-label="${t}" aria-labelledby="${idPrefix}-title" aria-describedby="${idPrefix}-desc" font-family="${FONT_FAMILY}">\n` +
    `<title id="${idPrefix}-title">${t}</title>\n<desc id="${idPrefix}-desc">${xmlEscape(description)}</desc>\n` +
    `<rect width="${width}" height="${height}" fill="#FFFFFF"/>\n`
  );
}

/** A circle with its symbol; `tooltip` becomes a <title> (a hover text and an accessible name). */
export function judgementMark(
  cx: number,
  cy: number,
  r: number,
  judgement: FigureJudgement,
  tool: FigureTool,
  style: FigureStyleOptions,
  tooltip: string | null,
): string {
  const s = judgementStyle(judgement, tool, style);
  const fontSize = Math.round(r * 1.45);
  return (
    `<g>${tooltip === null ? '' : `<title>${xmlEscape(tooltip)}</title>`}` +
    `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${s.fill}" stroke="${s.stroke}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="3 2"' : ''}/>` +
    (s.symbol
      ? `<text x="${cx}" y="${round1(cy + fontSize * 0.36)}" font-size="${fontSize}" font-weight="bold" text-anchor="middle" fill="${s.symbolColour}">${s.symbol}</text>`
      : '') +
    '</g>'
  );
}

export const round1 = (x: number): number => Math.round(x * 10) / 10;

export interface LegendBlock {
  svg: string;
  width: number;
  height: number;
}

const LEGEND_FONT = 12;
const LINE = 17;

/** "Domains:" followed by "D1: Random sequence generation (selection bias)" lines (robvis caption). */
export function domainLegend(domains: readonly FigureDomain[], x: number, y: number): LegendBlock {
  const lines = domains.map((d) => `${d.key}: ${d.label}`);
  const parts = [`<text x="${x}" y="${y + LEGEND_FONT}" font-size="${LEGEND_FONT}" font-weight="bold">Domains:</text>`];
  lines.forEach((line, i) =>
    parts.push(`<text x="${x}" y="${y + LEGEND_FONT + (i + 1) * LINE}" font-size="${LEGEND_FONT}">${xmlEscape(line)}</text>`),
  );
  const width = Math.max(estimateTextWidth('Domains:', LEGEND_FONT, true), ...lines.map((l) => estimateTextWidth(l, LEGEND_FONT)));
  return { svg: `<g class="domain-legend">${parts.join('')}</g>`, width, height: LEGEND_FONT + lines.length * LINE + 4 };
}

/** "Judgement" followed by one mark + label per judgement. */
export function judgementLegend(
  tool: FigureTool,
  present: ReadonlySet<FigureJudgement>,
  style: FigureStyleOptions,
  x: number,
  y: number,
): LegendBlock {
  // The tool's three levels always; "not judged" only when some cell shows it.
  const entries = judgementScale(tool).filter((j) => j !== 'not-judged' || present.has('not-judged'));
  const parts = [`<text x="${x}" y="${y + LEGEND_FONT}" font-size="${LEGEND_FONT}" font-weight="bold">Judgement</text>`];
  let width = estimateTextWidth('Judgement', LEGEND_FONT, true);
  entries.forEach((j, i) => {
    const cy = y + LEGEND_FONT + (i + 1) * LINE - 4;
    const label = judgementStyle(j, tool, style).label;
    parts.push(judgementMark(x + 7, cy, 7, j, tool, style, null));
    parts.push(`<text x="${x + 20}" y="${cy + 4}" font-size="${LEGEND_FONT}">${xmlEscape(label)}</text>`);
    width = Math.max(width, 20 + estimateTextWidth(label, LEGEND_FONT));
  });
  return { svg: `<g class="judgement-legend">${parts.join('')}</g>`, width, height: LEGEND_FONT + entries.length * LINE + 4 };
}
