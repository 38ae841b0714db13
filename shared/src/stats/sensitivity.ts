// Sensitivity analyses (issue 3): leave-one-out and restricting to studies with given
// attributes (e.g. only low overall risk of bias, only treatment-as-usual comparators).
import { analyze } from './analyze.ts';
import type { AnalysisInput, AnalysisResult, OverallResult } from './types.ts';

export interface LeaveOneOutEntry {
  /** Index of the omitted row in the input. */
  omittedIndex: number;
  omittedStudy: string;
  overall: OverallResult | null;
}

/** Re-runs the analysis once without each estimable row (overall total only). */
export function leaveOneOut(input: AnalysisInput, base: AnalysisResult = analyze(input)): LeaveOneOutEntry[] {
  const out: LeaveOneOutEntry[] = [];
  base.rows.forEach((row, i) => {
    if (!row.estimable) return;
    const rows = input.rows.filter((_, j) => j !== i).map(stripSubgroup);
    const reduced = { ...input, rows, overall: true } as AnalysisInput;
    out.push({ omittedIndex: i, omittedStudy: row.study, overall: analyze(reduced).overall });
  });
  return out;
}

function stripSubgroup<T extends { subgroup?: string | undefined }>(row: T): T {
  const { subgroup: _s, ...rest } = row;
  return rest as T;
}

/** Study attributes keyed by study name, e.g. { "Smith 2010": { overallRob: "low", comparator: "TAU" } }. */
export type StudyAttributes = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Criteria: each attribute must equal the value (or one of the values). */
export type AttributeCriteria = Readonly<Record<string, string | readonly string[]>>;

export interface FilteredAnalysis {
  input: AnalysisInput;
  included: string[];
  excluded: Array<{ study: string; reason: string }>;
}

/** Keeps only rows whose study satisfies every criterion; rows of unknown studies are excluded. */
export function filterByAttributes(input: AnalysisInput, attributes: StudyAttributes, criteria: AttributeCriteria): FilteredAnalysis {
  const included: string[] = [];
  const excluded: Array<{ study: string; reason: string }> = [];
  const keep = (study: string): boolean => {
    const attrs = attributes[study];
    if (!attrs) {
      excluded.push({ study, reason: 'no attributes recorded' });
      return false;
    }
    for (const [key, want] of Object.entries(criteria)) {
      const allowed: readonly string[] = typeof want === 'string' ? [want] : want;
      const have = attrs[key];
      if (have === undefined || !allowed.includes(have)) {
        excluded.push({ study, reason: `${key} is ${have ?? 'not recorded'}, not ${allowed.join(' or ')}` });
        return false;
      }
    }
    included.push(study);
    return true;
  };
  const rows = (input.rows as ReadonlyArray<{ study: string }>).filter((r) => keep(r.study));
  return { input: { ...input, rows } as AnalysisInput, included, excluded };
}
