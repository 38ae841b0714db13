// Reporting conventions, configurable per review (issue 3): the minimum number of studies
// for a meta-analysis, SMD magnitude wording and the strength-of-evidence wording from P.

export interface ReportingConventions {
  /** Fewer estimable studies than this → narrative synthesis instead of a meta-analysis. */
  minStudiesForMetaAnalysis: number;
  /** SMD magnitude thresholds (Cohen): small, medium, large. */
  smdThresholds: { small: number; medium: number; large: number };
  /** Strength of evidence from P: below `veryStrong` very strong, below `strong` strong, below `weak` weak. */
  evidenceThresholds: { veryStrong: number; strong: number; weak: number };
}

export const DEFAULT_CONVENTIONS: ReportingConventions = {
  minStudiesForMetaAnalysis: 3,
  smdThresholds: { small: 0.2, medium: 0.5, large: 0.8 },
  evidenceThresholds: { veryStrong: 0.001, strong: 0.01, weak: 0.1 },
};

export type SynthesisKind = 'meta-analysis' | 'narrative synthesis';

/** "narrative synthesis" when there are fewer estimable studies than the minimum (default 3). */
export function synthesisKind(estimableStudies: number, conventions: ReportingConventions = DEFAULT_CONVENTIONS): SynthesisKind {
  return estimableStudies >= conventions.minStudiesForMetaAnalysis ? 'meta-analysis' : 'narrative synthesis';
}

export type SmdMagnitude = 'trivial' | 'small' | 'medium' | 'large';

/** Magnitude of |SMD|: < 0.2 trivial, ≥ 0.2 small, ≥ 0.5 medium, ≥ 0.8 large. */
export function smdMagnitude(smd: number, conventions: ReportingConventions = DEFAULT_CONVENTIONS): SmdMagnitude {
  const a = Math.abs(smd);
  const t = conventions.smdThresholds;
  if (a >= t.large) return 'large';
  if (a >= t.medium) return 'medium';
  if (a >= t.small) return 'small';
  return 'trivial';
}

export type EvidenceStrength = 'no evidence' | 'weak evidence' | 'strong evidence' | 'very strong evidence';

/** no evidence P ≥ 0.1; weak 0.01 ≤ P < 0.1; strong P < 0.01; very strong P < 0.001. */
export function evidenceStrength(p: number, conventions: ReportingConventions = DEFAULT_CONVENTIONS): EvidenceStrength {
  const t = conventions.evidenceThresholds;
  if (p < t.veryStrong) return 'very strong evidence';
  if (p < t.strong) return 'strong evidence';
  if (p < t.weak) return 'weak evidence';
  return 'no evidence';
}
