import { formatWeight } from '../stats/display.ts';
import type { AnalysisInput, PooledResult, RowResult } from '../stats/types.ts';
import type { FigureJudgement } from '../rob/svg/figure-style.ts';
import {
  ciLevelLabel,
  formatDataValue,
  formatInterval,
  formatRowEstimate,
  heterogeneityLine,
  measureName,
  methodHeading,
  overallEffectLine,
  subgroupDifferencesLine,
} from './format.ts';
import { labelRuns, type RichTextRun } from './rich-label.ts';
import type { ForestPlotInput, ForestRobJudgement, ForestTotals } from './types.ts';

// The forest plot as a table, top to bottom, in RevMan 5's order: per subgroup a heading
// "1.1.1 Name", its studies, "Subtotal (95% CI)" with a diamond, "Total events" (dichotomous),
// the heterogeneity and overall-effect lines and a blank line; then "Total (95% CI)", and the
// footer lines that sit beside the axis. Pure data, no coordinates: the SVG writer lays it out.

export type ForestMark =
  | { kind: 'square'; estimate: number; lower: number; upper: number; weight: number }
  | { kind: 'diamond'; estimate: number; lower: number; upper: number; total: boolean }
  | { kind: 'interval'; lower: number; upper: number };

export type ForestRowKind = 'heading' | 'study' | 'subtotal' | 'total' | 'events' | 'note' | 'prediction' | 'blank';

export interface ForestRow {
  kind: ForestRowKind;
  /** First column: study name, heading or row label; the full text of a note line. */
  label: string;
  /** The label with its formatting (names with RevMan markup); absent = plain `label`. */
  runs?: RichTextRun[];
  /** Number of the row's footnote (study rows), shown after the name. */
  footnote?: number;
  bold: boolean;
  /** Per-arm columns (events/total, mean/SD/total, or estimate/SE); '' where empty. */
  cells: string[];
  weight: string;
  estimate: string;
  mark: ForestMark | null;
  /** RoB columns of a study row, when the plot has them. */
  rob: FigureJudgement[] | null;
  /** Index into `analysis.rows` for study rows. */
  rowIndex?: number;
}

export interface ArmGroup {
  /** Heading over the group's columns ("Experimental", "Control"); '' for none. */
  label: string;
  columns: string[];
}

export interface ForestTable {
  ratio: boolean;
  measure: string;
  method: string;
  armGroups: ArmGroup[];
  rows: ForestRow[];
  /** Lines beside the axis: the total's heterogeneity and overall effect, subgroup differences. */
  footer: string[];
  /** Whether RoB columns are drawn. */
  rob: boolean;
  /** Which tool's columns: RoB 1 A–G or RoB 2 D1–D5 + Overall. */
  robTool: 'rob1' | 'rob2';
  /** Footnote texts, numbered from 1 in the order their rows are drawn. */
  footnotes: string[];
  /** RevMan's TOTALS as drawn. */
  totals: ForestTotals;
  /** For the description: number of study rows and of subgroups. */
  studies: number;
  subgroups: number;
  total: string | null;
}

const NO_SUBGROUP = '(no subgroup)';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function armGroups(input: ForestPlotInput, measure: string): ArmGroup[] {
  const { analysis, labels = {} } = input;
  const exp = labels.experimental ?? 'Experimental';
  const ctl = labels.control ?? 'Control';
  switch (analysis.dataType) {
    case 'dichotomous':
      return [
        { label: exp, columns: ['Events', 'Total'] },
        { label: ctl, columns: ['Events', 'Total'] },
      ];
    case 'continuous':
      return [
        { label: exp, columns: ['Mean', 'SD', 'Total'] },
        { label: ctl, columns: ['Mean', 'SD', 'Total'] },
      ];
    case 'generic':
      return [{ label: '', columns: [analysis.logScale ? `log[${measure}]` : measure, 'SE'] }];
    case 'oe-variance':
      return [{ label: '', columns: ['O-E', 'Variance'] }];
  }
}

function dataCells(analysis: AnalysisInput, i: number): string[] {
  switch (analysis.dataType) {
    case 'dichotomous': {
      const r = analysis.rows[i];
      return r ? [r.events1, r.total1, r.events2, r.total2].map(formatDataValue) : [];
    }
    case 'continuous': {
      const r = analysis.rows[i];
      return r ? [r.mean1, r.sd1, r.total1, r.mean2, r.sd2, r.total2].map(formatDataValue) : [];
    }
    case 'generic': {
      const r = analysis.rows[i];
      return r ? [r.estimate, r.se].map(formatDataValue) : [];
    }
    case 'oe-variance': {
      const r = analysis.rows[i];
      return r ? [r.oe, r.variance].map(formatDataValue) : [];
    }
  }
}

/** Participant totals of a set of rows, in the Total columns. */
function totalCells(analysis: AnalysisInput, indices: readonly number[]): string[] {
  switch (analysis.dataType) {
    case 'dichotomous': {
      const rows = indices.map((i) => analysis.rows[i]).filter((r) => r !== undefined);
      return ['', formatDataValue(sum(rows.map((r) => r.total1))), '', formatDataValue(sum(rows.map((r) => r.total2)))];
    }
    case 'continuous': {
      const rows = indices.map((i) => analysis.rows[i]).filter((r) => r !== undefined);
      return ['', '', formatDataValue(sum(rows.map((r) => r.total1))), '', '', formatDataValue(sum(rows.map((r) => r.total2)))];
    }
    case 'generic':
    case 'oe-variance':
      return ['', ''];
  }
}

/** The "Total events" row of dichotomous outcomes (null otherwise). */
function eventsRow(analysis: AnalysisInput, indices: readonly number[], columns: number): ForestRow | null {
  if (analysis.dataType !== 'dichotomous') return null;
  const rows = indices.map((i) => analysis.rows[i]).filter((r) => r !== undefined);
  return {
    ...emptyRow('events', 'Total events', columns),
    cells: [formatDataValue(sum(rows.map((r) => r.events1))), '', formatDataValue(sum(rows.map((r) => r.events2))), ''],
  };
}

function emptyRow(kind: ForestRowKind, label: string, columns: number, bold = false): ForestRow {
  return { kind, label, bold, cells: new Array<string>(columns).fill(''), weight: '', estimate: '', mark: null, rob: null };
}

const toFigure = (j: ForestRobJudgement | undefined): FigureJudgement => (j === null || j === undefined ? 'not-judged' : j);

/** Columns per tool: RoB 1 domains A–G; RoB 2 domains D1–D5 and the overall judgement. */
export const ROB_COLUMNS = { rob1: ['A', 'B', 'C', 'D', 'E', 'F', 'G'], rob2: ['D1', 'D2', 'D3', 'D4', 'D5', 'Overall'] } as const;

function studyRow(input: ForestPlotInput, row: RowResult, i: number, columns: number, rob: boolean): ForestRow {
  const judgements = input.riskOfBias?.[row.study];
  const markup = input.markup?.studies?.[row.study];
  return {
    kind: 'study',
    label: row.study,
    ...(markup !== undefined ? { runs: labelRuns(row.study, markup) } : {}),
    bold: false,
    cells: dataCells(input.analysis, i).slice(0, columns),
    weight: row.estimable ? formatWeight(row.weight) : '',
    estimate: formatRowEstimate(row.estimate, row.ciLower, row.ciUpper),
    mark:
      row.estimable && row.estimate !== null && row.ciLower !== null && row.ciUpper !== null
        ? { kind: 'square', estimate: row.estimate, lower: row.ciLower, upper: row.ciUpper, weight: row.weight }
        : null,
    rob: rob ? ROB_COLUMNS[input.riskOfBiasTool ?? 'rob1'].map((_, d) => toFigure(judgements?.[d])) : null,
    rowIndex: i,
  };
}

/** Subtotal / Total row with its diamond, then the prediction interval and events rows. */
function pooledRows(
  input: ForestPlotInput,
  pooled: PooledResult & { weight: number },
  label: string,
  total: boolean,
  indices: readonly number[],
  columns: number,
  showPrediction: boolean,
): ForestRow[] {
  const out: ForestRow[] = [];
  const row: ForestRow = { ...emptyRow(total ? 'total' : 'subtotal', label, columns, true), cells: totalCells(input.analysis, indices) };
  if (pooled.estimable) {
    row.weight = formatWeight(pooled.weight);
    row.estimate = formatRowEstimate(pooled.estimate, pooled.ciLower, pooled.ciUpper);
    row.mark = { kind: 'diamond', estimate: pooled.estimate, lower: pooled.ciLower, upper: pooled.ciUpper, total };
  } else row.estimate = 'Not estimable';
  out.push(row);
  if (showPrediction && pooled.estimable && pooled.predictionLower !== undefined && pooled.predictionUpper !== undefined) {
    out.push({
      ...emptyRow('prediction', 'Prediction interval', columns),
      estimate: formatInterval(pooled.predictionLower, pooled.predictionUpper),
      mark: { kind: 'interval', lower: pooled.predictionLower, upper: pooled.predictionUpper },
    });
  }
  const events = eventsRow(input.analysis, indices, columns);
  if (events) out.push(events);
  return out;
}

/** Index order of a block's study rows under RevMan's SORT_BY (ties keep the given order). */
function sortedIndices(input: ForestPlotInput, result: ForestPlotInput['result'], indices: number[]): number[] {
  const sort = input.sort;
  if (!sort) return indices;
  const at = (xs: readonly (number | null | undefined)[] | undefined, i: number) => xs?.[i] ?? Number.POSITIVE_INFINITY;
  const name = (i: number) => result.rows[i]?.study ?? '';
  const key: Record<typeof sort.by, (a: number, b: number) => number> = {
    STUDY: (a, b) => name(a).localeCompare(name(b), 'en', { sensitivity: 'base', numeric: true }),
    YEAR: (a, b) => at(sort.years, a) - at(sort.years, b) || name(a).localeCompare(name(b), 'en', { sensitivity: 'base', numeric: true }),
    // Heaviest first [inferred: RevMan's help does not say]; non-estimable rows (no weight) last.
    WEIGHT: (a, b) => (result.rows[b]?.weight ?? 0) - (result.rows[a]?.weight ?? 0),
    // Smallest effect first; non-estimable rows last.
    EFFECT_SIZE: (a, b) => (result.rows[a]?.estimate ?? Number.POSITIVE_INFINITY) - (result.rows[b]?.estimate ?? Number.POSITIVE_INFINITY),
    USER: (a, b) => at(sort.order, a) - at(sort.order, b),
  };
  return indices
    .map((i, pos) => ({ i, pos }))
    .sort((x, y) => key[sort.by](x.i, y.i) || x.pos - y.pos)
    .map((x) => x.i);
}

export function forestTable(input: ForestPlotInput, showPrediction: boolean): ForestTable {
  const { analysis, result, labels = {} } = input;
  if (result.rows.length !== analysis.rows.length)
    throw new Error(`forest plot: the result has ${result.rows.length} rows for ${analysis.rows.length} data rows`);
  const methods = result.methods;
  const measure = measureName(methods, labels.effectMeasure);
  const groups = armGroups(input, measure);
  const columns = groups.reduce((n, g) => n + g.columns.length, 0);
  const random = methods.model === 'random';
  const rob = input.riskOfBias !== undefined;
  const ciTotal = `(${ciLevelLabel(methods.ciLevel)} CI)`;
  const totals: ForestTotals = input.totals ?? (result.overall !== null ? 'YES' : 'SUB');
  const showSubtotals = totals !== 'NO';
  const overall = totals === 'YES' ? result.overall : null;
  const rows: ForestRow[] = [];
  const footer: string[] = [];
  const footnotes: string[] = [];
  const pushStudy = (i: number) => {
    const row = studyRow(input, result.rows[i] as RowResult, i, columns, rob);
    const note = input.footnotes?.[i];
    if (note !== null && note !== undefined && note.trim() !== '') {
      footnotes.push(note.trim());
      row.footnote = footnotes.length;
    }
    rows.push(row);
  };

  if (result.subgroups.length > 0) {
    result.subgroups.forEach((sg, s) => {
      const indices = result.rows.flatMap((r, i) => ((r.subgroup ?? '') === sg.name ? [i] : []));
      const name = sg.name === '' ? NO_SUBGROUP : sg.name;
      const number = labels.outcomeNumber ? `${labels.outcomeNumber}.${s + 1} ` : '';
      const heading = emptyRow('heading', `${number}${name}`, columns, true);
      const markup = input.markup?.subgroups?.[sg.name];
      if (markup !== undefined) heading.runs = [{ text: number }, ...labelRuns(name, markup)].filter((r) => r.text !== '');
      rows.push(heading);
      for (const i of sortedIndices(input, result, indices)) pushStudy(i);
      if (showSubtotals) {
        rows.push(...pooledRows(input, sg, `Subtotal ${ciTotal}`, false, indices, columns, showPrediction));
        rows.push({ ...emptyRow('note', heterogeneityLine(sg, random), columns) });
        rows.push({ ...emptyRow('note', overallEffectLine(sg), columns) });
      }
      rows.push(emptyRow('blank', '', columns));
    });
    if (overall === null) rows.pop();
  } else {
    for (const i of sortedIndices(
      input,
      result,
      result.rows.map((_, i) => i),
    ))
      pushStudy(i);
  }

  if (overall !== null) {
    const all = result.rows.map((_, i) => i);
    rows.push(...pooledRows(input, overall, `Total ${ciTotal}`, true, all, columns, showPrediction));
    footer.push(heterogeneityLine(overall, random), overallEffectLine(overall));
  }
  if (showSubtotals && result.subgroups.length > 0 && (methods.subgroupTest !== null || result.subgroupDifferences !== null))
    footer.push(subgroupDifferencesLine(result.subgroupDifferences));

  return {
    ratio: methods.ratio,
    measure,
    method: methodHeading(methods),
    armGroups: groups,
    rows,
    footer,
    rob,
    robTool: input.riskOfBiasTool ?? 'rob1',
    footnotes,
    totals,
    studies: result.rows.length,
    subgroups: result.subgroups.length,
    total:
      overall === null
        ? null
        : `Total ${ciTotal}: ${overall.estimable ? formatRowEstimate(overall.estimate, overall.ciLower, overall.ciUpper) : 'Not estimable'}`,
  };
}
