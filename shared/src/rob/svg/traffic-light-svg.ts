import { xmlEscape } from './xml-escape.ts';
import { estimateTextWidth } from './text-width.ts';
import { judgementStyle, type FigureJudgement } from './figure-style.ts';
import { assertFigureData, type RobFigureData } from './figure-data.ts';
import { domainLegend, judgementLegend, judgementMark, MARGIN, safeIdPrefix, svgOpen, type SvgFigureOptions } from './svg-parts.ts';

// The traffic-light plot (robvis `rob_traffic_light`, RevMan's "risk of bias summary"):
// studies down, domains D1…Dn across plus an Overall column, one coloured circle with a
// symbol per cell, the domain key and a judgement legend underneath. Every cell carries a
// <title> "Study — D1 (domain name): judgement" for hover and screen readers.

const CELL = 30;
const RADIUS = 12;
const NAME_FONT = 12;
const HEADER_FONT = 12;
const TITLE_FONT = 16;

export function trafficLightSvg(data: RobFigureData, options: SvgFigureOptions = {}): string {
  assertFigureData(data);
  const id = safeIdPrefix(options.idPrefix, 'rob-traffic-light');
  const columns = [
    ...data.domains.map((d) => ({ key: d.key, label: `${d.key} (${d.label})` })),
    ...(data.showOverall ? [{ key: 'Overall', label: 'Overall' }] : []),
  ];
  const nameWidth = Math.max(estimateTextWidth('Study', HEADER_FONT, true), ...data.rows.map((r) => estimateTextWidth(r.study, NAME_FONT)));

  const titleY = MARGIN + TITLE_FONT;
  const axisTitleY = titleY + 24;
  const headerY = axisTitleY + 20;
  const gridTop = headerY + 8;
  const gridLeft = MARGIN + nameWidth + 12;
  // The overall column sits a little apart from the domains, as in robvis.
  const colX = (c: number) => gridLeft + c * CELL + CELL / 2 + (c >= data.domains.length ? 6 : 0);
  const gridRight = columns.length === 0 ? gridLeft : colX(columns.length - 1) + CELL / 2;
  const rowY = (r: number) => gridTop + r * CELL + CELL / 2;
  const gridBottom = gridTop + data.rows.length * CELL;

  const parts: string[] = [];
  parts.push(`<text x="${MARGIN}" y="${titleY}" font-size="${TITLE_FONT}" font-weight="bold">${xmlEscape(data.title)}</text>`);
  if (data.domains.length > 0) {
    const mid = (colX(0) + colX(data.domains.length - 1)) / 2;
    parts.push(
      `<text x="${mid}" y="${axisTitleY}" font-size="${HEADER_FONT}" font-weight="bold" text-anchor="middle">Risk of bias domains</text>`,
    );
  }
  parts.push(`<text x="${gridLeft - 12}" y="${headerY}" font-size="${HEADER_FONT}" font-weight="bold" text-anchor="end">Study</text>`);

  // Column panels and headers.
  const panels: string[] = [];
  columns.forEach((c, i) => {
    const x = colX(i);
    panels.push(`<rect x="${x - CELL / 2 + 1}" y="${gridTop}" width="${CELL - 2}" height="${gridBottom - gridTop}" fill="#F0F0F0"/>`);
    parts.push(
      `<text x="${x}" y="${headerY}" font-size="${HEADER_FONT}" font-weight="bold" text-anchor="middle">${xmlEscape(c.key)}</text>`,
    );
  });
  parts.push(`<g class="panels">${panels.join('')}</g>`);

  // Study names and cells.
  const present = new Set<FigureJudgement>();
  const names: string[] = [];
  const cells: string[] = [];
  data.rows.forEach((row, r) => {
    const y = rowY(r);
    names.push(`<text x="${gridLeft - 12}" y="${y + 4}" font-size="${NAME_FONT}" text-anchor="end">${xmlEscape(row.study)}</text>`);
    const values = data.showOverall ? [...row.judgements, row.overall] : row.judgements;
    values.forEach((j, c) => {
      present.add(j);
      const column = columns[c];
      const tooltip = `${row.study} \u2014 ${column?.label ?? ''}: ${judgementStyle(j, data.tool, options).label}`;
      cells.push(judgementMark(colX(c), y, RADIUS, j, data.tool, options, tooltip));
    });
  });
  parts.push(`<g class="study-names">${names.join('')}</g>`);
  parts.push(`<g class="cells">${cells.join('\n')}</g>`);

  // Legends below the grid: domain key on the left, judgements to its right.
  const legendTop = gridBottom + 24;
  const domains = domainLegend(data.domains, MARGIN, legendTop);
  const judgements = judgementLegend(data.tool, present, options, MARGIN + domains.width + 32, legendTop);
  parts.push(domains.svg, judgements.svg);

  const width = Math.ceil(
    Math.max(
      gridRight + MARGIN,
      MARGIN + domains.width + 32 + judgements.width + MARGIN,
      MARGIN * 2 + estimateTextWidth(data.title, TITLE_FONT, true),
    ),
  );
  const height = Math.ceil(legendTop + Math.max(domains.height, judgements.height) + MARGIN);

  const counts = countOverall(data);
  const description =
    `Traffic-light plot of risk-of-bias judgements for ${data.rows.length} ${data.rows.length === 1 ? 'study' : 'studies'} ` +
    `across ${data.domains.length} domains (${data.domains.map((d) => `${d.key}: ${d.label}`).join('; ')}).` +
    (data.showOverall ? ` Overall: ${counts}.` : '');
  return `${svgOpen(width, height, data.title, description, id, options.xmlDeclaration ?? false)}${parts.join('\n')}\n</svg>\n`;
}

function countOverall(data: RobFigureData): string {
  const tally = new Map<string, number>();
  for (const row of data.rows) {
    const label = judgementStyle(row.overall, data.tool).label.toLowerCase();
    tally.set(label, (tally.get(label) ?? 0) + 1);
  }
  return [...tally].map(([label, n]) => `${n} ${label}`).join(', ') || 'no studies';
}
