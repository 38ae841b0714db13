import type { AnalysisInput, AnalysisResult } from '../stats/types.ts';
import type { FigurePalette } from '../rob/svg/figure-style.ts';

/** Texts of the plot; RevMan stores them on the outcome (rm5-format.md §6, "Labels"). */
export interface ForestPlotLabels {
  /** Outcome title drawn above the plot, e.g. "1.1 Medical utilisation". Omitted when absent. */
  title?: string;
  /** Outcome number; subgroup headings become "1.1.1 Name", "1.1.2 …" (RevMan numbering). */
  outcomeNumber?: string;
  /** GROUP_LABEL_1: experimental arm column heading. Default "Experimental". */
  experimental?: string;
  /** GROUP_LABEL_2: control arm column heading. Default "Control". */
  control?: string;
  /** GRAPH_LABEL_1, left of the null line. Default "Favours [experimental]". */
  favoursLeft?: string;
  /** GRAPH_LABEL_2, right of the null line. Default "Favours [control]". */
  favoursRight?: string;
  /**
   * Name of the effect measure for generic inverse-variance outcomes (RevMan's free text,
   * e.g. "Hazard Ratio"). Ignored for dichotomous and continuous data. Default "Estimate".
   */
  effectMeasure?: string;
}

/** A risk-of-bias judgement beside the plot: RoB 1 (low/unclear/high) or RoB 2 (low/some concerns/high); null = not judged. */
export type ForestRobJudgement = 'low' | 'high' | 'unclear' | 'some-concerns' | null;

/** RevMan's TOTALS setting: total and subtotals, subtotals only, or no pooled rows at all. */
export type ForestTotals = 'YES' | 'SUB' | 'NO';

/** RevMan's SORT_BY: study name, study year, weight, effect size, or the reviewer's order. */
export type ForestSortBy = 'STUDY' | 'YEAR' | 'WEIGHT' | 'EFFECT_SIZE' | 'USER';

/**
 * Names as RevMan stores them, with inline markup (B, I, U, SUP, SUB: `Vitamin D<SUB>3</SUB>`),
 * drawn formatted. Each replaces the plain text of the same item when given.
 */
export interface ForestMarkup {
  title?: string;
  experimental?: string;
  control?: string;
  favoursLeft?: string;
  favoursRight?: string;
  /** Subgroup names, keyed by the plain name the analysis rows carry. */
  subgroups?: Readonly<Record<string, string>>;
  /** Study names, keyed by the plain name the analysis rows carry. */
  studies?: Readonly<Record<string, string>>;
}

export interface ForestPlotInput {
  /** The analysed data: per-arm numbers, study names and subgroups come from its rows. */
  analysis: AnalysisInput;
  /** `analyze(analysis)`. */
  result: AnalysisResult;
  labels?: ForestPlotLabels;
  /**
   * Optional risk-of-bias columns (RevMan 5.3): the seven RoB 1 domain judgements per study,
   * keyed by the row's study name, in domain order (A = random sequence generation …
   * G = other bias). Studies without an entry show "not judged" marks.
   */
  riskOfBias?: Readonly<Record<string, readonly ForestRobJudgement[]>>;
  /**
   * Which tool `riskOfBias` holds: 'rob1' (default) = seven columns A–G; 'rob2' = six
   * columns D1–D5 and Overall, in that order.
   */
  riskOfBiasTool?: 'rob1' | 'rob2';
  /**
   * RevMan's TOTALS. Default: 'YES' when the result has an overall total, else 'SUB'. 'NO'
   * draws studies only (subgroup headings kept), without subtotals, totals or their lines.
   */
  totals?: ForestTotals;
  /** Footnote of each data row (index into `analysis.rows`): numbered after the study name, listed under the plot. */
  footnotes?: readonly (string | null | undefined)[];
  /**
   * Order of the study rows within each subgroup (RevMan SORT_BY). Default: as given.
   * YEAR reads `years`, USER reads `order` (both by row index); ties keep the given order.
   */
  sort?: { by: ForestSortBy; years?: readonly (number | null | undefined)[]; order?: readonly (number | null | undefined)[] };
  /** Names with RevMan's inline markup, drawn formatted with the same metrics as plain text. */
  markup?: ForestMarkup;
}

export interface ForestPlotOptions {
  /** Draw the prediction interval row when the result has one. Default true. */
  predictionInterval?: boolean;
  /**
   * RevMan's SCALE: symmetric axis −S…S for differences, 1/S…S for ratios. Default: chosen
   * from the data (every estimate and pooled CI fits; very wide study CIs get arrows).
   */
  axisScale?: number;
  /** Explicit axis range on the natural scale (overrides `axisScale`). */
  axisRange?: { min: number; max: number };
  /** Base font size in px. Default 11. */
  fontSize?: number;
  /** Width of the graph panel in px. Default 36 × fontSize / 2 (198 px at 11 px). */
  plotWidth?: number;
  /** Minimum overall width in px; any extra goes to the graph panel. */
  width?: number;
  /** Prefix for element ids (title/desc), unique per page when several plots are inlined. */
  idPrefix?: string;
  /** Prepend `<?xml …?>` for a standalone .svg file. */
  xmlDeclaration?: boolean;
  /** Squares and diamonds in black (for monochrome print). Default false: RevMan colours. */
  monochrome?: boolean;
  /** Palette of the risk-of-bias marks. Default 'cochrane'. */
  robPalette?: FigurePalette;
  /** Risk-of-bias legend under the plot when RoB columns are shown. Default true. */
  robLegend?: boolean;
}

export type { AnalysisInput, AnalysisResult };
