// Typed view of the analyses in an .rm5 file (rm5-format.md §6): comparisons → outcomes →
// optional subgroups → data rows, each with its settings and RevMan's stored results.

export type Rm5OutcomeKind = 'DICH' | 'CONT' | 'IV' | 'IPD' | 'OTHER';

/** Results RevMan stored on an outcome or subgroup (null when the attribute is absent/empty). */
export interface Rm5StoredPooled {
  estimable: boolean | null;
  effectSize: number | null;
  ciStart: number | null;
  ciEnd: number | null;
  /** base-10 logs of the above (DICH and IV only). */
  logEffectSize: number | null;
  logCiStart: number | null;
  logCiEnd: number | null;
  z: number | null;
  pZ: number | null;
  /** Heterogeneity: Cochran's Q ("Chi²"), df, its P, I² (%), τ². */
  chi2: number | null;
  df: number | null;
  pChi2: number | null;
  i2: number | null;
  tau2: number | null;
  weight: number | null;
  total1: number | null;
  total2: number | null;
  events1: number | null;
  events2: number | null;
}

/** Outcome-level only: the test for subgroup differences (NOT heterogeneity, §9.6). */
export interface Rm5StoredSubgroupTest {
  q: number | null;
  pQ: number | null;
  i2Q: number | null;
}

export interface Rm5StoredRow {
  estimable: boolean | null;
  effectSize: number | null;
  ciStart: number | null;
  ciEnd: number | null;
  /** Natural-log scale for ratio measures. */
  se: number | null;
  weight: number | null;
  logEffectSize: number | null;
  logCiStart: number | null;
  logCiEnd: number | null;
  /** SE² (or the Peto hypergeometric variance). */
  variance: number | null;
  /** O − E (Peto). */
  oMinusE: number | null;
}

interface Rm5RowBase {
  studyId: string;
  /** Unique across the review; the "user defined order". */
  order: number | null;
  footnote: string | null;
  stored: Rm5StoredRow;
}

export type Rm5DataRow =
  | (Rm5RowBase & {
      kind: 'DICH';
      events1: number | null;
      total1: number | null;
      events2: number | null;
      total2: number | null;
    })
  | (Rm5RowBase & {
      kind: 'CONT';
      mean1: number | null;
      sd1: number | null;
      total1: number | null;
      mean2: number | null;
      sd2: number | null;
      total2: number | null;
    })
  | (Rm5RowBase & {
      kind: 'IV';
      estimate: number | null;
      se: number | null;
      /** Participant counts, for display only. */
      total1: number | null;
      total2: number | null;
    })
  | (Rm5RowBase & { kind: 'IPD'; oMinusE: number | null; variance: number | null })
  | (Rm5RowBase & { kind: 'OTHER'; attributes: Record<string, string> });

export interface Rm5Subgroup {
  id: string;
  no: number | null;
  name: string;
  stored: Rm5StoredPooled;
  rows: Rm5DataRow[];
}

export interface Rm5OutcomeSettings {
  /** DICH: RR OR RD PETO_OR; CONT: MD SMD; IV: free text from the child element. */
  effectMeasure: string | null;
  /** DICH: MH IV PETO; CONT and IV are inverse variance (null here). */
  method: string | null;
  random: boolean;
  /** Confidence levels as percentages (95). */
  ciStudy: number;
  ciTotal: number;
  /** YES: overall total and subtotals; SUB: subtotals only; NO: none. */
  totals: 'YES' | 'SUB' | 'NO';
  subgroups: boolean;
  subgroupTest: boolean;
  swapEvents: boolean;
  /** IV only: ESTIMATE and SE on the natural-log scale. */
  logData: boolean;
  sortBy: string | null;
  /** Number of data rows including non-estimable ones. */
  studies: number | null;
  units: string | null;
}

export interface Rm5Outcome {
  kind: Rm5OutcomeKind;
  id: string;
  no: number | null;
  name: string;
  groupLabel1: string | null;
  groupLabel2: string | null;
  graphLabel1: string | null;
  graphLabel2: string | null;
  settings: Rm5OutcomeSettings;
  stored: Rm5StoredPooled & Rm5StoredSubgroupTest;
  /** Empty when the outcome has no subgroups. */
  subgroups: Rm5Subgroup[];
  /** Rows directly under the outcome (no subgroups); empty otherwise. */
  rows: Rm5DataRow[];
}

export interface Rm5Comparison {
  id: string;
  no: number | null;
  name: string;
  /** Sorted by NO: outcomes of different kinds share one sequence (§6). */
  outcomes: Rm5Outcome[];
}

export interface Rm5Study {
  id: string;
  name: string;
  year: string | null;
  dataSource: string | null;
}

export interface Rm5Review {
  revmanVersion: string | null;
  revmanSubVersion: string | null;
  id: string | null;
  doi: string | null;
  title: string | null;
  calculatedData: boolean | null;
  studies: Rm5Study[];
  comparisons: Rm5Comparison[];
}
