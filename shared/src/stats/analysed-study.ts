// One estimable study as the "beyond RevMan" methods see it (meta-regression, trim-and-fill,
// cumulative and influence analyses): its inverse-variance estimate on the analysis scale,
// its input row (for error messages naming the row) and its covariates.

export type CovariateValue = number | string;

export interface AnalysedStudy {
  /** Index of the input row, for messages such as "rows[3].covariates.year". */
  row: number;
  study: string;
  /** Analysis scale (log for ratio measures). */
  y: number;
  /** Variance of y. */
  v: number;
  covariates: Readonly<Record<string, CovariateValue>> | undefined;
}

/** A method that cannot run on this analysis; the message names the row and field when there is one. */
export class MethodNotApplicable extends Error {}
