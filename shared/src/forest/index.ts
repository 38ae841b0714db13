// Public API of the forest plot (issue "Analyses, dashboards, summary tables and printing"):
// a pure function from an analysis and its result to an SVG string in RevMan 5's layout,
// shown by the workbench, printed, and written headless by `grove report --forest`.
export { forestPlotSvg } from './forest-plot-svg.ts';
export type {
  ForestPlotInput,
  ForestPlotOptions,
  ForestPlotLabels,
  ForestRobJudgement,
  ForestTotals,
  ForestSortBy,
  ForestMarkup,
} from './types.ts';
export { labelRuns, runsWidth, type RichTextRun } from './rich-label.ts';
export { forestTable, type ForestTable, type ForestRow, type ForestRowKind, type ForestMark, type ArmGroup } from './rows.ts';
export { autoAxis, symmetricAxis, rangeAxis, axisFraction, formatTick, type ForestAxis, type AutoAxisData } from './axis.ts';
export {
  measureName,
  methodHeading,
  ciLevelLabel,
  formatDataValue,
  formatRowEstimate,
  formatInterval,
  heterogeneityLine,
  overallEffectLine,
  subgroupDifferencesLine,
} from './format.ts';
export { textWidth } from './text-metrics.ts';
