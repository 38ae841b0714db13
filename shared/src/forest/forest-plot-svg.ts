import { xmlEscape } from '../rob/svg/xml-escape.ts';
import { judgementMark, safeIdPrefix, svgOpen } from '../rob/svg/svg-parts.ts';
import type { FigureJudgement } from '../rob/svg/figure-style.ts';
import { ROB1_DOMAINS } from '../rob/rob1-domains.ts';
import { ROB2_DOMAINS } from '../rob/rob2-questions.ts';
import { autoAxis, axisFraction, formatTick, rangeAxis, symmetricAxis, type ForestAxis } from './axis.ts';
import { isPlain, labelRuns, runsTspans, runsWidth, runsText, type RichTextRun } from './rich-label.ts';
import { forestTable, ROB_COLUMNS, type ForestMark, type ForestRow, type ForestTable } from './rows.ts';
import { textWidth } from './text-metrics.ts';
import type { ForestPlotInput, ForestPlotOptions } from './types.ts';

// The forest plot in RevMan 5's layout, as a standalone SVG string (no DOM, no fonts needed
// at layout time): columns "Study or Subgroup | Experimental … | Control … | Weight |
// <Measure> <method>, 95% CI | graph | optional risk of bias A–G", subgroup blocks with
// subtotal diamonds, the total, and the heterogeneity / overall effect / subgroup
// differences lines beside the axis with its "Favours …" labels. The same string is shown
// in the workbench, printed, and written headless by the CLI.

const MARGIN = 12;
/** RevMan 5's square colours by data type; diamonds are black. (O−E: RevMan's colour not verified, the generic one is used.) */
const SQUARE_COLOURS = { dichotomous: '#1F3FBF', continuous: '#1E9A3C', generic: '#D97800', 'oe-variance': '#D97800' } as const;

const r1 = (x: number): number => Math.round(x * 10) / 10;

interface Layout {
  fs: number;
  rowH: number;
  gap: number;
  labelX: number;
  /** Right edge of each per-arm column. */
  armRight: number[];
  armWidth: number[];
  weightRight: number;
  estimateCentre: number;
  estimateWidth: number;
  plotLeft: number;
  plotWidth: number;
  robCentres: number[];
  robCell: number;
  right: number;
}

function text(x: number, y: number, s: string, fs: number, opts: { bold?: boolean; anchor?: 'start' | 'middle' | 'end' } = {}): string {
  const anchor = opts.anchor && opts.anchor !== 'start' ? ` text-anchor="${opts.anchor}"` : '';
  const weight = opts.bold ? ' font-weight="bold"' : '';
  return `<text x="${r1(x)}" y="${r1(y)}" font-size="${fs}"${weight}${anchor}>${xmlEscape(s)}</text>`;
}

/** A label that may carry formatting: plain runs are drawn as plain text, others as <tspan>s. */
function richText(
  x: number,
  y: number,
  runs: readonly RichTextRun[],
  fs: number,
  opts: { bold?: boolean; anchor?: 'start' | 'middle' | 'end' } = {},
): string {
  if (isPlain(runs)) return text(x, y, runsText(runs), fs, opts);
  const anchor = opts.anchor && opts.anchor !== 'start' ? ` text-anchor="${opts.anchor}"` : '';
  const weight = opts.bold ? ' font-weight="bold"' : '';
  return `<text x="${r1(x)}" y="${r1(y)}" font-size="${fs}"${weight}${anchor}>${runsTspans(runs, fs)}</text>`;
}

/** The first column's text of a row: its formatted name, and its footnote number as a superscript. */
function rowRuns(row: ForestRow): RichTextRun[] {
  const runs = row.runs ?? [{ text: row.label }];
  return row.footnote === undefined ? runs : [...runs, { text: `(${row.footnote})`, sup: true }];
}

/** RoB column headings and the legend's domain names, per tool. */
function robDomains(tool: 'rob1' | 'rob2'): { letters: readonly string[]; names: string[] } {
  return tool === 'rob1'
    ? { letters: ROB_COLUMNS.rob1, names: ROB1_DOMAINS.slice(0, 7).map((d) => d.label) }
    : { letters: ROB_COLUMNS.rob2, names: [...ROB2_DOMAINS.map((d) => d.label), 'Overall risk of bias'] };
}

/** Column positions from the widest text of every column (Helvetica metrics). */
function layout(
  table: ForestTable & { armGroups: Array<ForestTable['armGroups'][number] & { runs: RichTextRun[] }> },
  options: ForestPlotOptions,
  axis: ForestAxis,
  favours: [RichTextRun[], RichTextRun[]],
): Layout {
  const fs = options.fontSize ?? 11;
  const rowH = r1(fs * 1.6);
  const gap = r1(fs * 1.1);
  const w = (s: string, bold = false) => textWidth(s, fs, bold);
  const bodyRows = table.rows.filter((r) => r.kind !== 'note' && r.kind !== 'blank');

  let labelWidth = Math.max(w('Study or Subgroup', true), ...bodyRows.map((r) => runsWidth(rowRuns(r), fs, r.bold)));
  const flatColumns = table.armGroups.flatMap((g) => g.columns);
  const armWidth = flatColumns.map((h, j) => Math.max(w(h, true), ...table.rows.map((r) => w(r.cells[j] ?? '', r.bold))));
  // A group heading wider than its columns widens them evenly.
  let j0 = 0;
  for (const g of table.armGroups) {
    const span = g.columns.reduce((s, _, k) => s + (armWidth[j0 + k] as number), 0) + gap * 0.6 * (g.columns.length - 1);
    const need = runsWidth(g.runs, fs, true) - span;
    if (need > 0) for (let k = 0; k < g.columns.length; k++) armWidth[j0 + k] = (armWidth[j0 + k] as number) + need / g.columns.length;
    j0 += g.columns.length;
  }
  const weightWidth = Math.max(w('Weight', true), ...table.rows.map((r) => w(r.weight, r.bold)));
  const estimateWidth = Math.max(w(table.measure, true), w(table.method, true), ...table.rows.map((r) => w(r.estimate, r.bold)));
  // The graph panel: wide enough for its headings and for each "Favours" label on its side of the null line.
  const nullFrac = axis.nullValue === null ? 0.5 : axisFraction(axis, axis.nullValue);
  const favourPad = fs * 0.6;
  let plotWidth = Math.max(
    options.plotWidth ?? fs * 18,
    w(table.measure, true) + fs,
    w(table.method, true) + fs,
    (runsWidth(favours[0], fs) + favourPad) / Math.max(nullFrac, 0.1),
    (runsWidth(favours[1], fs) + favourPad) / Math.max(1 - nullFrac, 0.1),
  );

  // Notes and footer lines start at the study column and may run under the number columns,
  // but must stop short of the graph: widen the study column if one would not.
  const columnsWidth = () =>
    labelWidth +
    gap +
    armWidth.reduce((s, x, j) => s + x + (j === 0 ? 0 : gap * 0.6), 0) +
    (armWidth.length ? gap : 0) +
    weightWidth +
    gap +
    estimateWidth +
    gap;
  const longest = Math.max(0, ...table.rows.filter((r) => r.kind === 'note').map((r) => w(r.label)), ...table.footer.map((s) => w(s)));
  if (longest > columnsWidth()) labelWidth += longest - columnsWidth();

  const robLetters = robDomains(table.robTool).letters;
  // Each RoB column as wide as its heading ("D1" … "Overall") and a mark; together at least "Risk of Bias".
  const robCells = table.rob ? robLetters.map((l) => Math.max(fs * 1.5, w(l, true) + fs * 0.4)) : [];
  const robShort = w('Risk of Bias', true) + fs * 0.2 - robCells.reduce((a, b) => a + b, 0);
  if (robShort > 0) for (let d = 0; d < robCells.length; d++) robCells[d] = (robCells[d] as number) + robShort / robCells.length;
  const robCell = robCells.length ? Math.min(...robCells) : 0;
  const robWidth = table.rob ? gap + robCells.reduce((a, b) => a + b, 0) : 0;
  const natural = MARGIN + columnsWidth() + plotWidth + robWidth + MARGIN;
  if (options.width !== undefined && options.width > natural) plotWidth += options.width - natural;

  const labelX = MARGIN;
  let x = labelX + labelWidth + gap;
  const armRight: number[] = [];
  armWidth.forEach((aw, j) => {
    if (j > 0) x += gap * 0.6;
    x += aw;
    armRight.push(x);
  });
  if (armWidth.length) x += gap;
  const weightRight = x + weightWidth;
  x = weightRight + gap;
  const estimateCentre = x + estimateWidth / 2;
  const plotLeft = x + estimateWidth + gap;
  const robStart = plotLeft + plotWidth + gap;
  const robCentres = robCells.map((c, d) => robStart + robCells.slice(0, d).reduce((a, b) => a + b, 0) + c / 2);
  const right = plotLeft + plotWidth + robWidth + MARGIN;
  return {
    fs,
    rowH,
    gap,
    labelX,
    armRight,
    armWidth,
    weightRight,
    estimateCentre,
    estimateWidth,
    plotLeft,
    plotWidth,
    robCentres,
    robCell,
    right,
  };
}

function chooseAxis(table: ForestTable, options: ForestPlotOptions): ForestAxis {
  const log = table.ratio;
  if (options.axisRange) return rangeAxis(options.axisRange.min, options.axisRange.max, log);
  if (options.axisScale !== undefined && options.axisScale > 0) return symmetricAxis(options.axisScale, log);
  const points: number[] = [];
  const pooledLimits: number[] = [];
  const studyLimits: number[] = [];
  for (const r of table.rows) {
    const m = r.mark;
    if (!m) continue;
    if (m.kind === 'square') {
      points.push(m.estimate);
      studyLimits.push(m.lower, m.upper);
    } else if (m.kind === 'diamond') {
      points.push(m.estimate);
      pooledLimits.push(m.lower, m.upper);
    } else pooledLimits.push(m.lower, m.upper);
  }
  return autoAxis({ points, pooledLimits, studyLimits }, log);
}

/** Small filled arrowhead at a clipped end of a line, pointing outwards. */
function arrow(x: number, y: number, dir: -1 | 1, size: number): string {
  const b = x - dir * size * 1.4;
  return `<polygon points="${r1(x)},${r1(y)} ${r1(b)},${r1(y - size)} ${r1(b)},${r1(y + size)}" fill="#000000"/>`;
}

function drawMark(m: ForestMark, cy: number, L: Layout, axis: ForestAxis, colour: string, maxWeight: number): string {
  const x = (v: number) => L.plotLeft + axisFraction(axis, v) * L.plotWidth;
  const left = L.plotLeft;
  const right = L.plotLeft + L.plotWidth;
  const clamp = (px: number) => Math.min(right, Math.max(left, px));
  const head = L.fs * 0.28;
  const out: string[] = [];
  const line = (lo: number, hi: number) => {
    const xl = x(lo);
    const xh = x(hi);
    if (xh < left) out.push(arrow(left, cy, -1, head));
    else if (xl > right) out.push(arrow(right, cy, 1, head));
    else {
      const a = clamp(xl);
      const b = clamp(xh);
      out.push(`<line x1="${r1(a)}" y1="${r1(cy)}" x2="${r1(b)}" y2="${r1(cy)}" stroke="#000000" stroke-width="1"/>`);
      if (xl < left) out.push(arrow(left, cy, -1, head));
      if (xh > right) out.push(arrow(right, cy, 1, head));
    }
  };
  if (m.kind === 'square') {
    line(m.lower, m.upper);
    const cx = x(m.estimate);
    if (cx >= left && cx <= right) {
      // Area proportional to weight: side ∝ √weight, the heaviest study filling the row.
      const maxSide = L.rowH * 0.8;
      const side = Math.max(2, maxWeight > 0 ? maxSide * Math.sqrt(m.weight / maxWeight) : 2);
      out.push(
        `<rect class="square" x="${r1(cx - side / 2)}" y="${r1(cy - side / 2)}" width="${Math.round(side * 100) / 100}" height="${Math.round(side * 100) / 100}" fill="${colour}" data-weight="${m.weight}"/>`,
      );
    }
  } else if (m.kind === 'diamond') {
    const h = L.rowH * 0.32;
    const xl = clamp(x(m.lower));
    const xh = clamp(x(m.upper));
    const xc = clamp(x(m.estimate));
    out.push(
      `<polygon class="diamond" points="${r1(xl)},${r1(cy)} ${r1(xc)},${r1(cy - h)} ${r1(xh)},${r1(cy)} ${r1(xc)},${r1(cy + h)}" fill="#000000"/>`,
    );
    if (x(m.lower) < left) out.push(arrow(left, cy, -1, head));
    if (x(m.upper) > right) out.push(arrow(right, cy, 1, head));
  } else {
    // Prediction interval: an open bar from its lower to its upper limit.
    const h = L.fs * 0.22;
    const xl = clamp(x(m.lower));
    const xh = clamp(x(m.upper));
    out.push(
      `<rect class="prediction" x="${r1(xl)}" y="${r1(cy - h)}" width="${r1(Math.max(0, xh - xl))}" height="${r1(2 * h)}" fill="#FFFFFF" stroke="#000000" stroke-width="1"/>`,
    );
    if (x(m.lower) < left) out.push(arrow(left, cy, -1, head));
    if (x(m.upper) > right) out.push(arrow(right, cy, 1, head));
  }
  return out.join('');
}

function robTooltip(study: string, tool: 'rob1' | 'rob2', d: number, j: FigureJudgement): string {
  const label =
    j === 'low'
      ? 'Low risk'
      : j === 'high'
        ? 'High risk'
        : j === 'unclear'
          ? 'Unclear risk'
          : j === 'some-concerns'
            ? 'Some concerns'
            : 'Not judged';
  const { letters, names } = robDomains(tool);
  return `${study} \u2014 (${letters[d]}) ${names[d] ?? ''}: ${label}`;
}

function drawRow(
  row: ForestRow,
  top: number,
  L: Layout,
  axis: ForestAxis,
  colour: string,
  maxWeight: number,
  options: ForestPlotOptions,
): string {
  const { fs, rowH } = L;
  const base = top + rowH / 2 + fs * 0.35;
  const cy = top + rowH / 2;
  const parts: string[] = [];
  if (row.label) parts.push(richText(L.labelX, base, rowRuns(row), fs, { bold: row.bold }));
  row.cells.forEach((c, j) => {
    if (c) parts.push(text(L.armRight[j] as number, base, c, fs, { bold: row.bold, anchor: 'end' }));
  });
  if (row.weight) parts.push(text(L.weightRight, base, row.weight, fs, { bold: row.bold, anchor: 'end' }));
  if (row.estimate) parts.push(text(L.estimateCentre, base, row.estimate, fs, { bold: row.bold, anchor: 'middle' }));
  if (row.mark) parts.push(drawMark(row.mark, cy, L, axis, colour, maxWeight));
  if (row.rob) {
    const tool = row.rob.length === ROB_COLUMNS.rob2.length ? 'rob2' : 'rob1';
    const r = Math.min(rowH * 0.36, L.robCell * 0.36);
    row.rob.forEach((j, d) =>
      parts.push(
        judgementMark(
          r1(L.robCentres[d] as number),
          r1(cy),
          r1(r),
          j,
          tool,
          { palette: options.robPalette ?? 'cochrane' },
          robTooltip(row.label, tool, d, j),
        ),
      ),
    );
  }
  const study = row.kind === 'study' ? ` data-row="${row.rowIndex}"` : '';
  return `<g class="forest-row" data-kind="${row.kind}"${study}>${parts.join('')}</g>`;
}

/**
 * The forest plot of one analysis as an SVG document string, in RevMan 5's layout.
 * Sizes are in px (CSS px at 96 dpi); the viewBox lets it scale for print.
 */
export function forestPlotSvg(input: ForestPlotInput, options: ForestPlotOptions = {}): string {
  const plainTable = forestTable(input, options.predictionInterval ?? true);
  const labels = input.labels ?? {};
  const markup = input.markup ?? {};
  const favours: [RichTextRun[], RichTextRun[]] = [
    labelRuns(labels.favoursLeft ?? 'Favours [experimental]', markup.favoursLeft),
    labelRuns(labels.favoursRight ?? 'Favours [control]', markup.favoursRight),
  ];
  // Group headings with their formatting: experimental first, control second (dichotomous and continuous).
  const groupMarkup = [markup.experimental, markup.control];
  const table = {
    ...plainTable,
    armGroups: plainTable.armGroups.map((g, k) => ({
      ...g,
      runs: labelRuns(g.label, plainTable.armGroups.length === 2 ? groupMarkup[k] : undefined),
    })),
  };
  const axis = chooseAxis(table, options);
  const L = layout(table, options, axis, favours);
  const { fs, rowH } = L;
  const id = safeIdPrefix(options.idPrefix, 'forest-plot');
  const colour = options.monochrome ? '#000000' : SQUARE_COLOURS[input.analysis.dataType];
  const maxWeight = Math.max(0, ...table.rows.map((r) => (r.mark?.kind === 'square' ? r.mark.weight : 0)));
  const parts: string[] = [];

  let y = MARGIN;
  if (labels.title || markup.title) {
    const titleRuns = labelRuns(labels.title ?? '', markup.title);
    parts.push(`<g class="forest-title">${richText(L.labelX, y + fs * 1.2, titleRuns, r1(fs * 1.2), { bold: true })}</g>`);
    y += r1(fs * 2.2);
  }

  // Header: group labels and measure over the columns, column names under them.
  const h1 = y + rowH * 0.65;
  const h2 = y + rowH * 1.6;
  const head: string[] = [];
  let j0 = 0;
  for (const g of table.armGroups) {
    const first = j0;
    const last = j0 + g.columns.length - 1;
    const leftEdge = (L.armRight[first] as number) - (L.armWidth[first] as number);
    if (g.label) head.push(richText((leftEdge + (L.armRight[last] as number)) / 2, h1, g.runs, fs, { bold: true, anchor: 'middle' }));
    g.columns.forEach((c, k) => head.push(text(L.armRight[j0 + k] as number, h2, c, fs, { bold: true, anchor: 'end' })));
    j0 += g.columns.length;
  }
  head.push(text(L.labelX, h2, 'Study or Subgroup', fs, { bold: true }));
  head.push(text(L.weightRight, h2, 'Weight', fs, { bold: true, anchor: 'end' }));
  head.push(text(L.estimateCentre, h1, table.measure, fs, { bold: true, anchor: 'middle' }));
  head.push(text(L.estimateCentre, h2, table.method, fs, { bold: true, anchor: 'middle' }));
  const plotCentre = L.plotLeft + L.plotWidth / 2;
  head.push(text(plotCentre, h1, table.measure, fs, { bold: true, anchor: 'middle' }));
  head.push(text(plotCentre, h2, table.method, fs, { bold: true, anchor: 'middle' }));
  const rob = robDomains(table.robTool);
  if (table.rob) {
    const first = L.robCentres[0] as number;
    const last = L.robCentres[L.robCentres.length - 1] as number;
    head.push(text((first + last) / 2, h1, 'Risk of Bias', fs, { bold: true, anchor: 'middle' }));
    rob.letters.forEach((l, d) => head.push(text(L.robCentres[d] as number, h2, l, fs, { bold: true, anchor: 'middle' })));
  }
  parts.push(`<g class="forest-header">${head.join('')}</g>`);
  const bodyTop = y + rowH * 2.1;

  // Body rows.
  const body: string[] = [];
  table.rows.forEach((row, i) => body.push(drawRow(row, bodyTop + i * rowH, L, axis, colour, maxWeight, options)));
  const bodyBottom = bodyTop + table.rows.length * rowH;

  // Axis, null line, tick labels and "Favours" labels; footer lines beside them.
  const axisY = bodyBottom + rowH * 0.3;
  // Footer lines continue the rows' rhythm; the first sits level with the axis.
  const footerBase = (k: number) => bodyBottom + rowH * (k + 0.5) + fs * 0.35;
  const ax = (v: number) => L.plotLeft + axisFraction(axis, v) * L.plotWidth;
  const axisParts: string[] = [
    `<line x1="${r1(L.plotLeft)}" y1="${r1(axisY)}" x2="${r1(L.plotLeft + L.plotWidth)}" y2="${r1(axisY)}" stroke="#000000" stroke-width="1"/>`,
  ];
  const tickLen = fs * 0.35;
  for (const t of axis.ticks) {
    const tx = r1(ax(t));
    axisParts.push(`<line x1="${tx}" y1="${r1(axisY)}" x2="${tx}" y2="${r1(axisY + tickLen)}" stroke="#000000" stroke-width="1"/>`);
    axisParts.push(text(tx, axisY + tickLen + fs * 1.0, formatTick(t), fs, { anchor: 'middle' }));
  }
  const favoursY = axisY + tickLen + fs + rowH;
  const nullX = axis.nullValue === null ? L.plotLeft + L.plotWidth / 2 : ax(axis.nullValue);
  const pad = fs * 0.3;
  axisParts.push(
    `<g class="favours">${richText(nullX - pad, favoursY, favours[0], fs, { anchor: 'end' })}${richText(nullX + pad, favoursY, favours[1], fs)}</g>`,
  );
  const nullLine =
    axis.nullValue === null
      ? ''
      : `<line class="null-line" x1="${r1(nullX)}" y1="${r1(bodyTop)}" x2="${r1(nullX)}" y2="${r1(axisY)}" stroke="#000000" stroke-width="1"/>`;
  parts.push(nullLine);
  parts.push(`<g class="forest-body">${body.join('\n')}</g>`);
  parts.push(`<g class="forest-axis">${axisParts.join('')}</g>`);

  const footer = table.footer.map((s, k) => text(L.labelX, footerBase(k), s, fs));
  parts.push(`<g class="forest-footer">${footer.join('')}</g>`);
  let bottom = Math.max(favoursY + fs * 0.4, footerBase(Math.max(0, table.footer.length - 1)) + fs * 0.4);
  // The last tick label is centred on the panel's right edge: keep it inside the figure.
  const lastTick = axis.ticks.at(-1);
  const tickOverhang =
    lastTick === undefined || table.rob ? 0 : textWidth(formatTick(lastTick), fs) / 2 - (L.right - L.plotLeft - L.plotWidth) + 2;
  let right = L.right + Math.max(0, tickOverhang);

  if (table.footnotes.length > 0) {
    const top = bottom + rowH;
    const lines = table.footnotes.map((f, k) => `(${k + 1}) ${f.replace(/\s+/g, ' ')}`);
    const notes = [text(L.labelX, top + fs, 'Footnotes', fs, { bold: true })];
    lines.forEach((l, k) => notes.push(text(L.labelX, top + fs + (k + 1) * rowH * 0.85, l, fs)));
    parts.push(`<g class="forest-footnotes">${notes.join('')}</g>`);
    bottom = top + fs + lines.length * rowH * 0.85 + fs * 0.4;
    right = Math.max(right, L.labelX + Math.max(...lines.map((l) => textWidth(l, fs))) + MARGIN);
  }

  if (table.rob && (options.robLegend ?? true)) {
    const legendTop = bottom + rowH;
    const lines = rob.names.map((name, k) => `(${rob.letters[k]}) ${name}`);
    const legend = [text(L.labelX, legendTop + fs, 'Risk of bias legend', fs, { bold: true })];
    lines.forEach((l, k) => legend.push(text(L.labelX, legendTop + fs + (k + 1) * rowH * 0.85, l, fs)));
    parts.push(`<g class="rob-legend">${legend.join('')}</g>`);
    bottom = legendTop + fs + lines.length * rowH * 0.85 + fs * 0.4;
    right = Math.max(right, L.labelX + Math.max(...lines.map((l) => textWidth(l, fs))) + MARGIN);
  }

  const width = Math.ceil(right);
  const height = Math.ceil(bottom + MARGIN);
  const titleText = labels.title ?? (markup.title !== undefined ? runsText(labelRuns('', markup.title)) : '');
  const title = titleText ? `Forest plot: ${titleText}` : `Forest plot: ${table.measure}`;
  return `${svgOpen(width, height, title, describe(table), id, options.xmlDeclaration ?? false)}${parts.join('\n')}\n</svg>\n`;
}

function describe(t: ForestTable): string {
  const studies = `${t.studies} ${t.studies === 1 ? 'study' : 'studies'}`;
  const groups = t.subgroups > 0 ? ` in ${t.subgroups} ${t.subgroups === 1 ? 'subgroup' : 'subgroups'}` : '';
  const lines = [`Forest plot of ${studies}${groups}: ${t.measure}, ${t.method}.`];
  if (t.total) lines.push(`${t.total}.`);
  for (const f of t.footer) lines.push(`${f}.`);
  return lines.join(' ');
}
