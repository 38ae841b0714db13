import {
  analyseModelOutcome,
  analysisId,
  assembleAnalysis,
  defaultOutcomeSettings,
  plannedAnalysisSpecs,
  plannedOutcomeName,
  resultsSentence,
  reviewQuestionName,
  type AnalysisSpec,
  type AnalysisSummary,
  type AuditEntry,
  type Handlers,
  type ModelOutcome,
  type OutcomeDetail,
  type OutcomeSettings,
  type OutlineOutcome,
  type ReviewForAnalysis,
  ApiError,
} from '@grove/shared';

// The one analysis model in the renderer's fake backend: a native review's planned
// outcomes with data, each an outcome of one comparison (the review question) with rows
// derived from the extraction, analysed by the shared functions the backend uses. The fake
// names an outcome by "<planned outcome id>@<category id>", as its dashboard does; edited
// settings live in the fake's state (so undo restores them).

interface Deps {
  review: () => ReviewForAnalysis;
  /** The protocol's question: the comparison's name. */
  pico: () => { intervention: string; comparator: string };
  /** The fake state's edited outcome settings, by outcome id. */
  settings: () => Record<string, OutcomeSettings>;
  change: <T>(label: string, entity: string, entityId: string, action: AuditEntry['action'], fn: () => T) => T;
  /** The fake's summary of a planned analysis (for its sentence and what is not possible). */
  summarise: (review: ReviewForAnalysis, spec: AnalysisSpec) => AnalysisSummary;
}

interface Rec {
  outcome: ModelOutcome;
  spec: AnalysisSpec;
}

export function fakeOutcomeHandlers(deps: Deps): Partial<Handlers> {
  const records = (review: ReviewForAnalysis): Rec[] =>
    plannedAnalysisSpecs(review).map((spec, i) => {
      const id = analysisId(spec.outcomeId, spec.categoryId);
      const stored = deps.settings()[id];
      // The studies' own outcomes say the data type (cheaper than assembling the analysis).
      const mapped = review.studies.flatMap((st) => st.data.outcomes).find((o) => o.outcomeId === spec.outcomeId);
      const dataType = mapped?.dataType === 'dichotomous' ? 'dichotomous' : 'continuous';
      return {
        spec,
        outcome: {
          id,
          number: `1.${i + 1}`,
          name: plannedOutcomeName(review, spec),
          comparisonName: reviewQuestionName(deps.pico()),
          dataType,
          source: { kind: 'planned', plannedOutcomeId: spec.outcomeId, categoryId: spec.categoryId, followsConventions: !stored },
          settings: stored ?? { ...defaultOutcomeSettings(dataType), effectMeasure: null, model: review.protocol.conventions.model },
          subgroups: [],
        },
      };
    });
  const find = (review: ReviewForAnalysis, id: string): Rec => {
    const r = records(review).find((x) => x.outcome.id === id);
    if (!r) throw new ApiError('NOT_FOUND', `There is no outcome "${id}" in this review.`);
    return r;
  };
  const outlineOutcome = (r: Rec, studies: number): OutlineOutcome => ({
    id: r.outcome.id,
    number: r.outcome.number,
    comparisonId: 'CMP-001',
    name: r.outcome.name,
    dataType: r.outcome.dataType,
    source: r.outcome.source,
    settings: r.outcome.settings,
    subgroups: [],
    studies,
  });
  const detail = (id: string): OutcomeDetail => {
    const review = deps.review();
    const r = find(review, id);
    const analysis = analyseModelOutcome(review, r.outcome, []);
    return {
      outcome: outlineOutcome(r, new Set(analysis.rows.map((x) => x.studyId)).size),
      rows: analysis.rows,
      analysis,
      skipped: analysis.skipped ?? null,
    };
  };
  const summary = (review: ReviewForAnalysis, r: Rec, overrides: Omit<AnalysisSpec, 'outcomeId' | 'categoryId'>): AnalysisSummary => {
    const old = deps.summarise(review, { ...r.spec, ...overrides });
    // An outcome that follows the conventions is exactly the assembled analysis (as in the backend).
    if (r.outcome.source.kind === 'planned' && r.outcome.source.followsConventions) return { ...old, id: r.outcome.id };
    const analysis = analyseModelOutcome(review, r.outcome, [], overrides);
    return { ...old, id: r.outcome.id, analysis, sentence: resultsSentence(analysis, review.protocol.conventions) };
  };

  return {
    'outcomes.outline': () => {
      const review = deps.review();
      const recs = records(review);
      if (recs.length === 0) return [];
      return [
        {
          id: 'CMP-001',
          number: '1',
          name: reviewQuestionName(deps.pico()),
          outcomes: recs.map((r) =>
            outlineOutcome(r, assembleAnalysis(review, r.spec).contributions.filter((c) => c.included && c.values).length),
          ),
        },
      ];
    },
    'outcomes.get': ({ id }) => detail(id),
    'outcomes.update': ({ id, settings }) => {
      const review = deps.review();
      const r = find(review, id);
      if (settings)
        deps.change(`Edit outcome ${r.outcome.number} ${r.outcome.name}`, 'outcome', id, 'update', () => {
          const a = analyseModelOutcome(review, r.outcome, []);
          const base =
            r.outcome.source.kind === 'planned' && r.outcome.source.followsConventions
              ? { ...r.outcome.settings, effectMeasure: a.effectMeasure }
              : r.outcome.settings;
          deps.settings()[id] = { ...base, ...settings };
        });
      return detail(id);
    },
    'analyses.list': ({ model, preset }) => {
      const review = deps.review();
      return records(review).map((r) => summary(review, r, { ...(model ? { model } : {}), ...(preset ? { preset } : {}) }));
    },
    'analyses.run': ({ outcomeId, categoryId, ...overrides }) => {
      const review = deps.review();
      const r = records(review).find(
        (x) => x.outcome.id === outcomeId || (x.spec.outcomeId === outcomeId && x.spec.categoryId === categoryId),
      );
      return r ? summary(review, r, overrides) : deps.summarise(review, { outcomeId, categoryId, ...overrides });
    },
  };
}
