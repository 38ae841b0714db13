import { xmlEscape } from './xml-escape.ts';
import { estimateTextWidth } from './text-width.ts';
import { judgementScale, judgementStyle, type FigureJudgement } from './figure-style.ts';
import { assertFigureData, type RobFigureData } from './figure-data.ts';
import { NOUNS, nounFor } from '../../text/plural.ts';
import { judgementLegend, MARGIN, round1, safeIdPrefix, svgOpen, type SvgFigureOptions } from './svg-parts.ts';

// The risk-of-bias graph (robvis `rob_summary`, RevMan's "risk of bias graph"): one
// horizontal 100% bar per domain (and the overall judgement, last) split into the share of
// studies at each judgement, best on the left. Each segment wide enough also prints its
// symbol and percentage, so the graph reads in greyscale; every segment has a <title> with
// the exact count.

const BAR_WIDTH = 480;
const BAR_HEIGHT = 22;
const BAR_GAP = 8;
const LABEL_FONT = 12;
const TITLE_FONT = 16;

export interface SummaryGraphOptions extends SvgFigureOptions {
  /** Weight studies by `row.weight` (robvis `weighted = TRUE`); every row must then have a weight ≥ 0. */
  weighted?: boolean;
}

export interface DomainShare {
  judgement: FigureJudgement;
  /** Studies (or total weight) with this judgement. */
  amount: number;
  /** 0–1 of the domain's total. */
  share: number;
}

/** The shares the graph draws, per bar (domains, then overall): also useful for a table view. */
export function summaryShares(data: RobFigureData, weighted = false): Array<{ key: string; label: string; shares: DomainShare[] }> {
  assertFigureData(data);
  const weightOf = (i: number): number => {
    if (!weighted) return 1;
    const w = data.rows[i]?.weight;
    if (w === undefined || !Number.isFinite(w) || w < 0) throw new Error(`row ${i} needs a finite weight \u2265 0 for a weighted graph`);
    return w;
  };
  const bars = data.domains.map((d, c) => ({ key: d.key, label: d.label, pick: (i: number) => data.rows[i]?.judgements[c] }));
  if (data.showOverall) bars.push({ key: 'Overall', label: 'Overall risk of bias', pick: (i: number) => data.rows[i]?.overall });
  const scale = judgementScale(data.tool);
  return bars.map((bar) => {
    const amounts = new Map<FigureJudgement, number>();
    let total = 0;
    data.rows.forEach((_, i) => {
      const j = bar.pick(i);
      if (j === undefined) return;
      const w = weightOf(i);
      amounts.set(j, (amounts.get(j) ?? 0) + w);
      total += w;
    });
    // Cells outside the tool's scale (e.g. "unclear" in RoB 2 data) still count, after the scale.
    const order = [...scale, ...[...amounts.keys()].filter((j) => !scale.includes(j))];
    return {
      key: bar.key,
      label: bar.label,
      shares: order
        .filter((j) => (amounts.get(j) ?? 0) > 0)
        .map((j) => ({ judgement: j, amount: amounts.get(j) ?? 0, share: total > 0 ? (amounts.get(j) ?? 0) / total : 0 })),
    };
  });
}

/**
 * Each share as a whole percentage, rounded on its own: 4 of 6 studies read 67% whatever
 * the other segments of the bar read, so a bar's labels may add up to 99 or 101 (forcing
 * them to 100 would misstate a share).
 */
export function wholePercentages(shares: readonly number[]): number[] {
  return shares.map((s) => Math.round(s * 100));
}

export function summaryGraphSvg(data: RobFigureData, options: SummaryGraphOptions = {}): string {
  const bars = summaryShares(data, options.weighted ?? false);
  const id = safeIdPrefix(options.idPrefix, 'rob-summary');
  // "1 study", "2 studies": the noun follows each segment's own count.
  const unit = (amount: number) => (options.weighted ? 'weight' : nounFor(amount, NOUNS.study));
  const barLabel = (b: { key: string; label: string }) => (b.key === 'Overall' ? b.label : `${b.key}: ${b.label}`);
  const labelWidth = Math.max(0, ...bars.map((b) => estimateTextWidth(barLabel(b), LABEL_FONT)));

  const titleY = MARGIN + TITLE_FONT;
  const barsTop = titleY + 20;
  const barLeft = MARGIN + labelWidth + 12;
  const barY = (i: number) => barsTop + i * (BAR_HEIGHT + BAR_GAP) + (data.showOverall && i === bars.length - 1 ? 10 : 0);
  const barsBottom = bars.length === 0 ? barsTop : barY(bars.length - 1) + BAR_HEIGHT;

  const parts: string[] = [];
  parts.push(`<text x="${MARGIN}" y="${titleY}" font-size="${TITLE_FONT}" font-weight="bold">${xmlEscape(data.title)}</text>`);

  // Gridlines and the percentage axis.
  const axis: string[] = [];
  for (const pct of [0, 25, 50, 75, 100]) {
    const x = barLeft + (BAR_WIDTH * pct) / 100;
    axis.push(`<line x1="${x}" y1="${barsTop - 4}" x2="${x}" y2="${barsBottom + 4}" stroke="#BBBBBB" stroke-width="1"/>`);
    axis.push(`<text x="${x}" y="${barsBottom + 18}" font-size="${LABEL_FONT}" text-anchor="middle">${pct}%</text>`);
  }
  axis.push(
    `<text x="${barLeft + BAR_WIDTH / 2}" y="${barsBottom + 36}" font-size="${LABEL_FONT}" font-weight="bold" text-anchor="middle">` +
      `${options.weighted ? 'Proportion of studies, weighted (%)' : 'Proportion of studies (%)'}</text>`,
  );
  parts.push(`<g class="axis">${axis.join('')}</g>`);

  const present = new Set<FigureJudgement>();
  const rows: string[] = [];
  bars.forEach((bar, i) => {
    const y = barY(i);
    const seg: string[] = [
      `<text x="${barLeft - 12}" y="${y + BAR_HEIGHT / 2 + 4}" font-size="${LABEL_FONT}" text-anchor="end"${bar.key === 'Overall' ? ' font-weight="bold"' : ''}>${xmlEscape(barLabel(bar))}</text>`,
    ];
    let x = barLeft;
    const percents = wholePercentages(bar.shares.map((s) => s.share));
    for (const [k, s] of bar.shares.entries()) {
      present.add(s.judgement);
      const w = BAR_WIDTH * s.share;
      const style = judgementStyle(s.judgement, data.tool, options);
      const pct = percents[k] ?? 0;
      const amount = options.weighted ? round1(s.amount) : s.amount;
      const tooltip = `${barLabel(bar)} \u2014 ${style.label}: ${amount} ${unit(s.amount)} (${round1(s.share * 100)}%)`;
      seg.push(
        `<g><title>${xmlEscape(tooltip)}</title><rect x="${round1(x)}" y="${y}" width="${round1(w)}" height="${BAR_HEIGHT}" fill="${style.fill}"` +
          `${style.dashed ? ` stroke="${style.stroke}" stroke-dasharray="3 2"` : ` stroke="#FFFFFF" stroke-width="0.5"`}/>`,
      );
      const text = w >= 46 ? `${style.symbol ? `${style.symbol} ` : ''}${pct}%` : w >= 14 ? style.symbol : '';
      if (text)
        seg.push(
          `<text x="${round1(x + w / 2)}" y="${y + BAR_HEIGHT / 2 + 4}" font-size="${LABEL_FONT}" font-weight="bold" text-anchor="middle" fill="${style.symbolColour}">${xmlEscape(text)}</text>`,
        );
      seg.push('</g>');
      x += w;
    }
    rows.push(`<g class="bar">${seg.join('')}</g>`);
  });
  parts.push(`<g class="bars">${rows.join('\n')}</g>`);

  const legendTop = barsBottom + 52;
  const legend = judgementLegend(data.tool, present, options, barLeft, legendTop);
  parts.push(legend.svg);

  const width = Math.ceil(
    Math.max(barLeft + BAR_WIDTH + MARGIN, barLeft + legend.width + MARGIN, MARGIN * 2 + estimateTextWidth(data.title, TITLE_FONT, true)),
  );
  const height = Math.ceil(legendTop + legend.height + MARGIN);
  const description =
    `Risk-of-bias graph: share of ${options.weighted ? 'weight' : 'studies'} at each judgement for ${data.rows.length} ` +
    `${data.rows.length === 1 ? 'study' : 'studies'}. ` +
    bars
      .map(
        (b) =>
          `${barLabel(b)}: ${b.shares.map((s) => `${judgementStyle(s.judgement, data.tool).label} ${round1(s.share * 100)}%`).join(', ') || 'no studies'}`,
      )
      .join('. ') +
    '.';
  return `${svgOpen(width, height, data.title, description, id, options.xmlDeclaration ?? false)}${parts.join('\n')}\n</svg>\n`;
}
