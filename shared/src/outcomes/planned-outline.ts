import { assembleAnalysis, plannedAnalysisSpecs } from '../analysis/assemble.ts';
import { analysisId, type AnalysisSpec } from '../analysis/analysis-spec.ts';
import type { ReviewForAnalysis } from '../analysis/review-data.ts';
import { nextComparisonId, nextOutcomeId } from './outline.ts';

// A native review's outline: its review question (the protocol's intervention versus its
// comparator) is one comparison, and every planned outcome × timepoint category with data
// (or with a GRADE rating) is an outcome in it, whose rows are derived from the extraction.
// This decides what is missing; the backend writes it, in the same change as the edit
// that made it needed.

export interface OutlineState {
  /** Every comparison id in use, and which one (if any) holds the protocol's question. */
  comparisonIds: readonly string[];
  protocolComparisonId: string | null;
  protocolComparisonOutcomes: number;
  /** Every outcome id in use. */
  outcomeIds: readonly string[];
  /** "<planned outcome id>@<category id>" of the planned outcomes already in the outline. */
  planned: ReadonlySet<string>;
}

export interface PlannedOutcomeToAdd {
  id: string;
  position: number;
  plannedOutcomeId: string;
  categoryId: string;
  name: string;
  dataType: 'continuous' | 'dichotomous';
}

export interface OutlineAdditions {
  /** The comparison to create first, when the review has none for its question yet. */
  newComparison: { id: string; name: string } | null;
  comparisonId: string;
  outcomes: PlannedOutcomeToAdd[];
}

const SHORT = 80;
const shortText = (text: string, fallback: string): string => {
  const t = text.trim();
  return t && t.length <= SHORT && !t.includes('\n') ? t : fallback;
};

export function reviewQuestionName(pico: { intervention: string; comparator: string }): string {
  return `${shortText(pico.intervention, 'Intervention')} versus ${shortText(pico.comparator, 'control')}`;
}

export function plannedOutcomeName(review: ReviewForAnalysis, spec: AnalysisSpec): string {
  const outcome = review.protocol.plannedOutcomes.find((o) => o.id === spec.outcomeId);
  const category = review.protocol.timepointCategories.find((c) => c.id === spec.categoryId);
  return `${outcome?.name ?? spec.outcomeId}: ${(category?.name ?? spec.categoryId).toLowerCase()}`;
}

/**
 * What the outline lacks. `alsoKeep` names planned analyses ("outcome@category") that must
 * have an outcome even without data (a GRADE rating made before the data were removed).
 */
export function plannedOutlineAdditions(
  review: ReviewForAnalysis,
  pico: { intervention: string; comparator: string },
  state: OutlineState,
  alsoKeep: readonly string[] = [],
): OutlineAdditions | null {
  const specs = plannedAnalysisSpecs(review);
  const outcomeIds = new Set(review.protocol.plannedOutcomes.map((o) => o.id));
  const categoryIds = new Set(review.protocol.timepointCategories.map((c) => c.id));
  const wanted = new Map(specs.map((s) => [analysisId(s.outcomeId, s.categoryId), s]));
  for (const key of alsoKeep) {
    const [o, c] = key.split('@');
    if (o && c && outcomeIds.has(o) && categoryIds.has(c) && !wanted.has(key)) wanted.set(key, { outcomeId: o, categoryId: c });
  }
  const missing = [...wanted].filter(([key]) => !state.planned.has(key)).map(([, s]) => s);
  if (missing.length === 0) return null;

  const newComparison = state.protocolComparisonId ? null : { id: nextComparisonId(state.comparisonIds), name: reviewQuestionName(pico) };
  const comparisonId = state.protocolComparisonId ?? newComparison!.id;
  const taken = [...state.outcomeIds];
  const outcomes = missing.map((spec, i) => {
    const id = nextOutcomeId(comparisonId, taken);
    taken.push(id);
    return {
      id,
      position: state.protocolComparisonOutcomes + i,
      plannedOutcomeId: spec.outcomeId,
      categoryId: spec.categoryId,
      name: plannedOutcomeName(review, spec),
      dataType: assembleAnalysis(review, spec).dataType === 'dichotomous' ? ('dichotomous' as const) : ('continuous' as const),
    };
  });
  return { newComparison, comparisonId, outcomes };
}
