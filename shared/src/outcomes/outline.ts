import * as z from 'zod';

// The one analysis model (issue 10): every analysis is an outcome in a comparison,
// RevMan-style: comparison → outcome (with RevMan's settings) → optional subgroups → data
// rows. Ids are RevMan's own for imported reviews ("CMP-001.01") and generated in the same
// shape for native ones; they never change when items move. Display numbers (1, 1.1,
// 1.1.1) come from position and are computed, never stored.

export const ANALYSIS_DATA_TYPES = ['dichotomous', 'continuous', 'generic', 'oe-variance', 'other'] as const;
export type AnalysisDataType = (typeof ANALYSIS_DATA_TYPES)[number];

/** RevMan's element names for the data types (rm5-format.md §6). */
export const RM5_KIND_OF: Readonly<Record<AnalysisDataType, 'DICH' | 'CONT' | 'IV' | 'IPD' | 'OTHER'>> = {
  dichotomous: 'DICH',
  continuous: 'CONT',
  generic: 'IV',
  'oe-variance': 'IPD',
  other: 'OTHER',
};
export const DATA_TYPE_OF_KIND: Readonly<Record<string, AnalysisDataType>> = {
  DICH: 'dichotomous',
  CONT: 'continuous',
  IV: 'generic',
  IPD: 'oe-variance',
  OTHER: 'other',
};

/** An outcome's settings as RevMan keeps them (rm5-format.md §6). */
export const outcomeSettingsSchema = z.object({
  /** RR, OR, RD, PETO_OR, MD, SMD, or a generic outcome's free text; null = the review's rule. */
  effectMeasure: z.string().max(200).nullable(),
  method: z.enum(['MH', 'IV', 'PETO', 'EXP_O_E_VAR']).nullable(),
  model: z.enum(['fixed', 'random']),
  ciStudy: z.number().gt(0).lt(100),
  ciTotal: z.number().gt(0).lt(100),
  totals: z.enum(['YES', 'SUB', 'NO']),
  subgroupTest: z.boolean(),
  swapEvents: z.boolean(),
  logData: z.boolean(),
  sortBy: z.string().max(100).nullable(),
  groupLabel1: z.string().max(200).nullable(),
  groupLabel2: z.string().max(200).nullable(),
  graphLabel1: z.string().max(200).nullable(),
  graphLabel2: z.string().max(200).nullable(),
  scale: z.number().positive().nullable(),
});
export type OutcomeSettings = z.infer<typeof outcomeSettingsSchema>;

/**
 * Where an outcome's rows and settings come from: entered or imported in RevMan's way, or
 * a native review's planned outcome at a timepoint category, whose rows are derived from
 * the arm-level extraction (settings follow the review's conventions until edited).
 */
export type OutcomeSource =
  { kind: 'entered' } | { kind: 'planned'; plannedOutcomeId: string; categoryId: string; followsConventions: boolean };

export interface OutlineSubgroup {
  id: string;
  number: string;
  name: string;
}

export interface OutlineOutcome {
  /** Stable id, safe in a file name: "CMP-001.01". */
  id: string;
  /** RevMan's display number from position: "1.1". */
  number: string;
  comparisonId: string;
  name: string;
  dataType: AnalysisDataType;
  source: OutcomeSource;
  settings: OutcomeSettings;
  subgroups: OutlineSubgroup[];
  /** Distinct studies with a row (stored or derived). */
  studies: number;
}

export interface OutlineComparison {
  id: string;
  number: string;
  name: string;
  outcomes: OutlineOutcome[];
}

/** RevMan's numbering: positions (0-based) to "1", "1.2", "1.2.3". */
export function displayNumber(...positions: number[]): string {
  return positions.map((p) => String(p + 1)).join('.');
}

const ID_SHAPE = /^CMP-\d{3,}(\.\d{2,})?$/;

/** True for an id of RevMan's shape; such ids are safe as file names on every platform. */
export function isOutlineId(id: string): boolean {
  return ID_SHAPE.test(id);
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The next free comparison id ("CMP-003") given the ids in use. */
export function nextComparisonId(taken: Iterable<string>): string {
  let max = 0;
  for (const id of taken) {
    const m = /^CMP-(\d+)$/.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `CMP-${pad(max + 1, 3)}`;
}

/** The next free outcome id in a comparison ("CMP-001.04") given the outcome ids in use. */
export function nextOutcomeId(comparisonId: string, taken: Iterable<string>): string {
  let max = 0;
  const prefix = `${comparisonId}.`;
  for (const id of taken) {
    if (!id.startsWith(prefix)) continue;
    const rest = id.slice(prefix.length);
    if (/^\d+$/.test(rest)) max = Math.max(max, Number(rest));
  }
  return `${prefix}${pad(max + 1, 2)}`;
}

/**
 * A new outcome's settings as RevMan 5 starts them (rm5-format.md §6): RR by
 * Mantel-Haenszel for dichotomous data, MD by inverse variance for continuous, inverse
 * variance for generic data, the Peto-type O − E method (hazard ratios) for O − E and
 * variance; fixed effect, 95% intervals, totals and subtotals.
 */
export function defaultOutcomeSettings(dataType: AnalysisDataType): OutcomeSettings {
  const base: OutcomeSettings = {
    effectMeasure: null,
    method: null,
    model: 'fixed',
    ciStudy: 95,
    ciTotal: 95,
    totals: 'YES',
    subgroupTest: false,
    swapEvents: false,
    logData: false,
    sortBy: null,
    groupLabel1: null,
    groupLabel2: null,
    graphLabel1: null,
    graphLabel2: null,
    scale: null,
  };
  switch (dataType) {
    case 'dichotomous':
      return { ...base, effectMeasure: 'RR', method: 'MH' };
    case 'continuous':
      return { ...base, effectMeasure: 'MD', method: 'IV' };
    case 'generic':
      // A generic outcome's measure is the reviewer's free text ("Hazard Ratio"), none yet.
      return { ...base, method: 'IV' };
    case 'oe-variance':
      // No measure: hazard ratios, the usual case (to-analysis-input.ts).
      return { ...base, method: 'EXP_O_E_VAR' };
    default:
      return base;
  }
}

/** The next free subgroup id in an outcome ("CMP-001.01.03") given the subgroup ids in use. */
export function nextSubgroupId(outcomeId: string, taken: Iterable<string>): string {
  return nextOutcomeId(outcomeId, taken);
}
