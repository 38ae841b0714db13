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
import type { ForestPlotInput, ForestRobJudgement } from './types.ts';

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

function studyRow(input: ForestPlotInput, row: RowResult, i: number, columns: number, rob: boolean): ForestRow {
  const judgements = input.riskOfBias?.[row.study];
  return {
    kind: 'study',
    label: row.study,
    bold: false,
    cells: dataCells(input.analysis, i).slice(0, columns),
    weight: row.estimable ? formatWeight(row.weight) : '',
    estimate: formatRowEstimate(row.estimate, row.ciLower, row.ciUpper),
    mark:
      row.estimable && row.estimate !== null && row.ciLower !== null && row.ciUpper !== null
        ? { kind: 'square', estimate: row.estimate, lower: row.ciLower, upper: row.ciUpper, weight: row.weight }
        : null,
    rob: rob ? Array.from({ length: 7 }, (_, d) => toFigure(judgements?.[d])) : null,
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
  const rows: ForestRow[] = [];
  const footer: string[] = [];

  if (result.subgroups.length > 0) {
    result.subgroups.forEach((sg, s) => {
      const indices = result.rows.flatMap((r, i) => ((r.subgroup ?? '') === sg.name ? [i] : []));
      const name = sg.name === '' ? NO_SUBGROUP : sg.name;
      rows.push(emptyRow('heading', labels.outcomeNumber ? `${labels.outcomeNumber}.${s + 1} ${name}` : name, columns, true));
      for (const i of indices) rows.push(studyRow(input, result.rows[i] as RowResult, i, columns, rob));
      rows.push(...pooledRows(input, sg, `Subtotal ${ciTotal}`, false, indices, columns, showPrediction));
      rows.push({ ...emptyRow('note', heterogeneityLine(sg, random), columns) });
      rows.push({ ...emptyRow('note', overallEffectLine(sg), columns) });
      rows.push(emptyRow('blank', '', columns));
    });
    if (result.overall === null) rows.pop();
  } else {
    result.rows.forEach((r, i) => rows.push(studyRow(input, r, i, columns, rob)));
  }

  if (result.overall !== null) {
    const all = result.rows.map((_, i) => i);
    rows.push(...pooledRows(input, result.overall, `Total ${ciTotal}`, true, all, columns, showPrediction));
    footer.push(heterogeneityLine(result.overall, random), overallEffectLine(result.overall));
  }
  if (result.subgroups.length > 0 && (methods.subgroupTest !== null || result.subgroupDifferences !== null))
    footer.push(subgroupDifferencesLine(result.subgroupDifferences));

  const overall = result.overall;
  return {
    ratio: methods.ratio,
    measure,
    method: methodHeading(methods),
    armGroups: groups,
    rows,
    footer,
    rob,
    studies: result.rows.length,
    subgroups: result.subgroups.length,
    total:
      overall === null
        ? null
        : `Total ${ciTotal}: ${overall.estimable ? formatRowEstimate(overall.estimate, overall.ciLower, overall.ciUpper) : 'Not estimable'}`,
  };
}
