import { certaintyDisplay, finalCertainty, type CertaintyLevel, type GradeAssessment } from './certainty.ts';

// Whether anyone has rated the certainty of an analysis yet. Until a reviewer saves a
// rating there is no level at all: not "High" (where GRADE starts randomised trials, which
// is the start of a judgement, not its result) and no domain "Not serious". Printing a
// level nobody chose would put an unmade judgement into a summary of findings.

export const NOT_YET_RATED = 'Not yet rated';

export type CertaintyState = { status: 'not-yet-rated' } | { status: 'rated'; level: CertaintyLevel };

/** The state of an analysis's certainty from its stored assessment (null or undefined: none saved). */
export function certaintyState(assessment: GradeAssessment | null | undefined): CertaintyState {
  return assessment ? { status: 'rated', level: finalCertainty(assessment) } : { status: 'not-yet-rated' };
}

/** As shown and printed: "⨁⨁◯◯ LOW", or "Not yet rated". */
export function certaintyStateDisplay(state: CertaintyState, style: 'gradepro' | 'cochrane' = 'gradepro'): string {
  return state.status === 'rated' ? certaintyDisplay(state.level, style) : NOT_YET_RATED;
}
